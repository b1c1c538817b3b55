package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.List;
import java.util.Optional;

/**
 * Lets the subjects a policy names as key readers get its keys Secret, and that one Secret only. Made only when
 * {@link PolicyGrants#refusal} finds nothing wrong, i.e. that Secret is (or will be) the one the operator made for it.
 */
public final class KeyReaderAccess {
  private KeyReaderAccess() {}

  public static Optional<Role> role(PrivacyPolicy policy) {
    if (readers(policy).isEmpty()) return Optional.empty();
    return Optional.of(new RoleBuilder()
        .withNewMetadata().withName(Names.keyReadersRole(policy)).withNamespace(policy.getMetadata().getNamespace())
        .withLabels(Names.labels(policy, "keys")).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("secrets")
            .withResourceNames(Names.policyKeysSecret(policy)).withVerbs("get").build())
        .build());
  }

  public static Optional<RoleBinding> binding(PrivacyPolicy policy) {
    if (readers(policy).isEmpty()) return Optional.empty();
    String namespace = policy.getMetadata().getNamespace();
    return Optional.of(new RoleBindingBuilder()
        .withNewMetadata().withName(Names.keyReadersRole(policy)).withNamespace(namespace)
        .withLabels(Names.labels(policy, "keys")).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(Names.keyReadersRole(policy)).endRoleRef()
        .withSubjects(Subjects.rbac(readers(policy), namespace))
        .build());
  }

  private static List<io.contactsync.api.v1alpha1.Subject> readers(PrivacyPolicy policy) {
    return PolicyGrants.keyReaders(policy);
  }
}
