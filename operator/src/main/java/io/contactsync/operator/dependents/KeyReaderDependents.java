package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.KeyReaderAccess;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The Role and RoleBinding that let a policy's key readers get its keys Secret, while it names any and is admitted. */
public final class KeyReaderDependents {
  private KeyReaderDependents() {}

  @KubernetesDependent(informer = @Informer(labelSelector = Names.KEYS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
  public static final class ReaderRole extends CRUDKubernetesDependentResource<Role, PrivacyPolicy> {
    public ReaderRole() {
      super(Role.class);
    }

    @Override
    protected Role desired(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
      return KeyReaderAccess.role(policy).orElseThrow();
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.KEYS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
  public static final class ReaderBinding extends CRUDKubernetesDependentResource<RoleBinding, PrivacyPolicy> {
    public ReaderBinding() {
      super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
      return KeyReaderAccess.binding(policy).orElseThrow();
    }
  }

  /**
   * The policy is admitted, names key readers, and nobody else's Role or RoleBinding has their name; otherwise the
   * operator's own Role and RoleBinding are deleted (or never made), and another owner's are never touched.
   */
  public static final class HasKeyReaders implements Condition<Object, PrivacyPolicy> {
    @Override
    public boolean isMet(DependentResource<Object, PrivacyPolicy> d, PrivacyPolicy policy, Context<PrivacyPolicy> context) {
      return PolicyAdmission.admitted(context) && KeyReaderAccess.role(policy).isPresent()
          && PolicyAdmission.readerNamesFree(context);
    }
  }
}
