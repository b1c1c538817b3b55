package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.SyncNetworkPolicy;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.List;

@KubernetesDependent(informer = @Informer(labelSelector = Names.SYNC_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
public final class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, ContactSync> {
  public NetworkPolicyDependent() {
    super(NetworkPolicy.class);
  }

  @Override
  protected NetworkPolicy desired(ContactSync sync, Context<ContactSync> context) {
    // while a violation stands no data may flow: a run pod started before it keeps DNS and nothing else
    var resolution = SyncContext.resolution(context);
    return SyncNetworkPolicy.desired(sync, resolution.dataMayFlow() ? resolution.endpoints() : List.of());
  }

  /**
   * Holds once the sync's NetworkPolicy exists. The CronJob and requested runs depend on it: they are reconciled only
   * after the NetworkPolicy's own reconcile in the same pass, which applied it as desired or found it so (a failed
   * apply skips them), so a pod never runs without its NetworkPolicy, nor under an older, wider one.
   */
  public static final class Applied implements Condition<NetworkPolicy, ContactSync> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, ContactSync> dependent, ContactSync sync,
        Context<ContactSync> context) {
      return dependent.getSecondaryResource(sync, context).isPresent();
    }
  }
}
