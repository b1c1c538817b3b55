package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.Subject;
import java.util.List;

/** Turns API subjects into RBAC subjects. */
final class Subjects {
  private Subjects() {}

  static List<io.fabric8.kubernetes.api.model.rbac.Subject> rbac(List<Subject> subjects, String defaultNamespace) {
    return subjects.stream().map(s -> {
      var out = new io.fabric8.kubernetes.api.model.rbac.Subject();
      out.setKind(s.getKind().name());
      out.setName(s.getName());
      if (s.getKind() == Subject.Kind.ServiceAccount) {
        out.setNamespace(s.getNamespace() == null ? defaultNamespace : s.getNamespace());
      } else {
        out.setApiGroup("rbac.authorization.k8s.io");
      }
      return out;
    }).toList();
  }
}
