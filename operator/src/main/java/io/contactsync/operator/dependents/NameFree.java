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
 * Holds while nobody else's object holds the dependent's name. The objects kept regardless of violations (service
 * account, state, network policy) use it; the data-plane objects wait for {@link DataMayFlow}, which a taken name
 * also stops. Each checks only its own name, so one taken name never removes another object of the sync.
 */
public final class NameFree {
  private NameFree() {}

  private static boolean free(Context<ContactSync> context, OwnedName name) {
    return !SyncContext.takenNames(context).isTaken(name);
  }

  public static final class ForServiceAccount implements Condition<ServiceAccount, ContactSync> {
    @Override
    public boolean isMet(DependentResource<ServiceAccount, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return free(context, new OwnedName(ServiceAccount.class, Names.serviceAccount(sync)));
    }
  }

  public static final class ForState implements Condition<ConfigMap, ContactSync> {
    @Override
    public boolean isMet(DependentResource<ConfigMap, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return free(context, new OwnedName(ConfigMap.class, Names.stateConfigMap(sync)));
    }
  }

  public static final class ForNetworkPolicy implements Condition<NetworkPolicy, ContactSync> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return free(context, new OwnedName(NetworkPolicy.class, Names.networkPolicy(sync)));
    }
  }
}
