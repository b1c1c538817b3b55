package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.SyncConfigMaps;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

@KubernetesDependent(informer = @Informer(labelSelector = Names.SYNC_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
public final class JobConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, ContactSync> {
  public JobConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(ContactSync sync, Context<ContactSync> context) {
    return SyncConfigMaps.job(sync, SyncContext.resolution(context).policies());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ContactSync sync, Context<ContactSync> context) {
    return new ResourceID(Names.jobConfigMap(sync), sync.getMetadata().getNamespace());
  }
}
