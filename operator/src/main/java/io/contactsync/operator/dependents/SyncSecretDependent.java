package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.SyncSecret;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.resolve.SyncResolution;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Names.SYNC_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
public final class SyncSecretDependent extends CRUDKubernetesDependentResource<Secret, ContactSync> {
  public SyncSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(ContactSync sync, Context<ContactSync> context) {
    SyncResolution r = SyncContext.resolution(context);
    return SyncSecret.desired(sync, r.policies(), r.policyKeys(), r.credentials());
  }
}
