package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.List;
import java.util.Optional;

/** The people a sync's access rules name, bound in its namespace to the viewer and editor ClusterRoles the operator ships. */
public final class AccessBindings {
  private AccessBindings() {}

  /** The viewers' binding, or empty when the sync names no viewers. */
  public static Optional<RoleBinding> viewers(ContactSync sync) {
    var access = sync.getSpec().getAccess();
    return binding(sync, Names.viewersBinding(sync), Names.VIEWER_CLUSTER_ROLE, access == null ? List.of() : access.getViewers());
  }

  /** The editors' binding, or empty when the sync names no editors. */
  public static Optional<RoleBinding> editors(ContactSync sync) {
    var access = sync.getSpec().getAccess();
    return binding(sync, Names.editorsBinding(sync), Names.EDITOR_CLUSTER_ROLE, access == null ? List.of() : access.getEditors());
  }

  private static Optional<RoleBinding> binding(ContactSync sync, String name, String clusterRole, List<Subject> subjects) {
    if (subjects == null || subjects.isEmpty()) return Optional.empty();
    String namespace = sync.getMetadata().getNamespace();
    return Optional.of(new RoleBindingBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(Names.labels(sync, "access")).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole).endRoleRef()
        .withSubjects(Subjects.rbac(subjects, namespace))
        .build());
  }
}
