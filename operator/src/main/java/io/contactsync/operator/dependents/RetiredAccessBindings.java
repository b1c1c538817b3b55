package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The RoleBindings that earlier versions made for a sync's spec.access (`<sync>-viewers`, `<sync>-editors`). The
 * operator no longer grants anything a tenant writes (a tenant could have bound the world), so these are never
 * wanted: their precondition never holds, and JOSDK deletes what an upgrade finds, once, from the informer's cache.
 * Only a binding this sync owns is deleted; a namespace admin's binding of the same name is theirs.
 */
public final class RetiredAccessBindings {
  private RetiredAccessBindings() {}

  @KubernetesDependent(informer = @Informer(labelSelector = Names.ACCESS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
  public static final class Viewers extends Retired {
    @Override
    protected ResourceID targetSecondaryResourceID(ContactSync sync, Context<ContactSync> context) {
      return new ResourceID(Names.viewersBinding(sync), sync.getMetadata().getNamespace());
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.ACCESS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
  public static final class Editors extends Retired {
    @Override
    protected ResourceID targetSecondaryResourceID(ContactSync sync, Context<ContactSync> context) {
      return new ResourceID(Names.editorsBinding(sync), sync.getMetadata().getNamespace());
    }
  }

  /** Never creates or updates; deletes only a binding owned by this sync. */
  abstract static class Retired extends KubernetesDependentResource<RoleBinding, ContactSync>
      implements GarbageCollected<ContactSync> {
    Retired() {
      super(RoleBinding.class);
    }

    @Override
    public void deleteTargetResource(ContactSync sync, RoleBinding binding, ResourceID key, Context<ContactSync> context) {
      if (ownedBy(binding, sync)) super.deleteTargetResource(sync, binding, key, context);
    }
  }

  static boolean ownedBy(RoleBinding binding, ContactSync sync) {
    String uid = sync.getMetadata().getUid();
    return uid != null && binding.getMetadata().getOwnerReferences() != null
        && binding.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
  }

  /** The precondition of the retired bindings: never met, so what exists is deleted and nothing is made. */
  public static final class NeverWanted implements Condition<RoleBinding, ContactSync> {
    @Override
    public boolean isMet(DependentResource<RoleBinding, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return false;
    }
  }
}
