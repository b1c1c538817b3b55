package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.SyncCronJob;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Names.SYNC_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
public final class CronJobDependent extends CRUDKubernetesDependentResource<CronJob, ContactSync> {
  public CronJobDependent() {
    super(CronJob.class);
  }

  @Override
  protected CronJob desired(ContactSync sync, Context<ContactSync> context) {
    // held while a requested run is outstanding, so that a scheduled run never starts beside it; the CronJob
    // controller starts a run missed meanwhile once released, within its startingDeadlineSeconds
    return SyncCronJob.desired(sync, SyncContext.settings(context), SyncContext.secretItems(sync, context),
        Boolean.TRUE.equals(sync.getSpec().getSuspend()) || SyncContext.runs(context).requestedRunOutstanding());
  }
}
