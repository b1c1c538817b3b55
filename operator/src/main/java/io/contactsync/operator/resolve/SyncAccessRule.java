package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.api.v1alpha1.SyncAccess;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.status.Reasons;
import io.contactsync.sync.config.Violation;
import java.util.List;
import java.util.Optional;

/**
 * spec.access is no longer acted on: a RoleBinding made from what a tenant writes could grant more than the tenant
 * holds (`Group system:unauthenticated` as editor). People get access with plain RBAC, as with cert-manager, so a
 * sync that still lists subjects is stopped with a message that says how; the field stays in the schema for now.
 */
public final class SyncAccessRule {
  private SyncAccessRule() {}

  public static Optional<Violation> violation(ContactSync sync) {
    SyncAccess access = sync.getSpec() == null ? null : sync.getSpec().getAccess();
    if (access == null || (empty(access.getViewers()) && empty(access.getEditors()))) return Optional.empty();
    String ns = sync.getMetadata().getNamespace();
    return Optional.of(new Violation(Reasons.ACCESS_BINDINGS_UNSUPPORTED, "spec.access lists "
        + count(access.getViewers()) + " viewers and " + count(access.getEditors()) + " editors, but the operator no "
        + "longer makes RoleBindings from a ContactSync (whoever writes it could grant more than they hold); remove "
        + "spec.access and have a namespace admin bind people with plain RBAC, e.g. 'kubectl create rolebinding "
        + "contactsync-editors -n " + ns + " --clusterrole=" + Names.EDITOR_CLUSTER_ROLE + " --group=GROUP' (or --clusterrole="
        + Names.VIEWER_CLUSTER_ROLE + " to only see syncs and their runs)"));
  }

  private static boolean empty(List<Subject> subjects) {
    return subjects == null || subjects.isEmpty();
  }

  private static int count(List<Subject> subjects) {
    return subjects == null ? 0 : subjects.size();
  }
}
