package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.naming.Names.OwnedName;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The precondition of the objects a sync keeps while a violation stands (service account, state, network policy).
 * Such an object is made only while no violation stands: a refused sync gets nothing. One the sync already has is
 * kept through a violation, since the workflow deletes what a precondition refuses and the state ConfigMap holds the
 * run checkpoint, which a transient problem (PolicyKeysMissing) or a policy change must not cost. A name somebody
 * else's object holds is never written. The data-plane objects wait for {@link DataMayFlow} instead.
 */
public final class NameFree {
  private NameFree() {}

  /**
   * @param nameFree no object the sync does not own has the name
   * @param violationStands something stops data from flowing (a taken name is such a violation too)
   * @param exists the sync already has this object
   */
  static boolean met(boolean nameFree, boolean violationStands, boolean exists) {
    return nameFree && (exists || !violationStands);
  }

  private static <R> boolean met(DependentResource<R, ContactSync> dependent, ContactSync sync, Context<ContactSync> context,
      OwnedName name) {
    return met(!SyncContext.takenNames(context).isTaken(name), !SyncContext.resolution(context).dataMayFlow(),
        dependent.getSecondaryResource(sync, context).isPresent());
  }

  public static final class ForServiceAccount implements Condition<ServiceAccount, ContactSync> {
    @Override
    public boolean isMet(DependentResource<ServiceAccount, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return met(d, sync, context, new OwnedName(ServiceAccount.class, Names.serviceAccount(sync)));
    }
  }

  public static final class ForState implements Condition<ConfigMap, ContactSync> {
    @Override
    public boolean isMet(DependentResource<ConfigMap, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return met(d, sync, context, new OwnedName(ConfigMap.class, Names.stateConfigMap(sync)));
    }
  }

  public static final class ForNetworkPolicy implements Condition<NetworkPolicy, ContactSync> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return met(d, sync, context, new OwnedName(NetworkPolicy.class, Names.networkPolicy(sync)));
    }
  }
}
