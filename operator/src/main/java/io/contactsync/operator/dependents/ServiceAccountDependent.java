package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.SyncServiceAccount;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = Names.SYNC_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
public final class ServiceAccountDependent extends CRUDKubernetesDependentResource<ServiceAccount, ContactSync> {
  public ServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(ContactSync sync, Context<ContactSync> context) {
    return SyncServiceAccount.desired(sync);
  }
}
