package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.AccessBindings;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The RoleBindings of a sync's access rules: one for viewers, one for editors, each only while it names someone. */
public final class AccessBindingDependents {
  private AccessBindingDependents() {}

  @KubernetesDependent(informer = @Informer(labelSelector = Names.ACCESS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
  public static final class Viewers extends CRUDKubernetesDependentResource<RoleBinding, ContactSync> {
    public Viewers() {
      super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(ContactSync sync, Context<ContactSync> context) {
      return AccessBindings.viewers(sync).orElseThrow();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(ContactSync sync, Context<ContactSync> context) {
      return new ResourceID(Names.viewersBinding(sync), sync.getMetadata().getNamespace());
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.ACCESS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
  public static final class Editors extends CRUDKubernetesDependentResource<RoleBinding, ContactSync> {
    public Editors() {
      super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(ContactSync sync, Context<ContactSync> context) {
      return AccessBindings.editors(sync).orElseThrow();
    }

    @Override
    protected ResourceID targetSecondaryResourceID(ContactSync sync, Context<ContactSync> context) {
      return new ResourceID(Names.editorsBinding(sync), sync.getMetadata().getNamespace());
    }
  }

  public static final class HasViewers implements Condition<RoleBinding, ContactSync> {
    @Override
    public boolean isMet(DependentResource<RoleBinding, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return AccessBindings.viewers(sync).isPresent();
    }
  }

  public static final class HasEditors implements Condition<RoleBinding, ContactSync> {
    @Override
    public boolean isMet(DependentResource<RoleBinding, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return AccessBindings.editors(sync).isPresent();
    }
  }
}
