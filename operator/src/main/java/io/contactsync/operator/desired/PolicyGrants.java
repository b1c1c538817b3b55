package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the operator may make a policy's keys Secret and let its key readers get it. The operator holds get on
 * every Secret; what it grants from a policy must be limited to what it made for that policy, so a policy writer
 * cannot point keys.secretName at someone else's Secret (db-admin, the operator's sealing keys) and read it.
 */
public final class PolicyGrants {
  /** Why nothing is made for a policy: a reason from {@link Reasons} and a message that says what to fix. */
  public record Refusal(String reason, String message) {}

  private PolicyGrants() {}

  /**
   * @param operatorNamespace the operator's own namespace
   * @param existingKeys the Secret that already has the policy's keys Secret name, or null when there is none
   */
  public static Optional<Refusal> refusal(PrivacyPolicy policy, String operatorNamespace, Secret existingKeys) {
    String ns = policy.getMetadata().getNamespace();
    if (ns.equals(operatorNamespace)) {
      // the whole namespace, not a list of names: it holds the operator's trust anchor (contactsync-sealing-keys)
      // and whatever the operator keeps there later; a policy there would also be readable by its admins
      return Optional.of(new Refusal(Reasons.POLICY_IN_OPERATOR_NAMESPACE, "PrivacyPolicies are not accepted in "
          + ns + ", the operator's own namespace, which holds its sealing keys; create the policy in another namespace "
          + "(syncs elsewhere reference it through access.namespaces)"));
    }
    List<Subject> readers = keyReaders(policy);
    for (int i = 0; i < readers.size(); i++) {
      Subject s = readers.get(i);
      if (s.getKind() != Subject.Kind.ServiceAccount && s.getName() != null && s.getName().startsWith("system:")) {
        return Optional.of(new Refusal(Reasons.KEY_READER_NOT_ALLOWED, "access.keyReaders[" + i + "] is " + s.getKind()
            + " " + s.getName() + ": system: users and groups stand for whole classes of callers (everyone signed in, "
            + "everyone not signed in, every ServiceAccount), who must not get the policy's keys; name the people, "
            + "groups or ServiceAccounts that reveal tokens instead"));
      }
    }
    if (existingKeys != null && !ownedBy(existingKeys, policy)) {
      String name = Names.policyKeysSecret(policy);
      boolean named = policy.getSpec() != null && policy.getSpec().getKeys() != null
          && policy.getSpec().getKeys().getSecretName() != null;
      // the field that chose the name: keys.secretName, or the policy's own name when that is not set
      String chosen = named ? "keys.secretName names Secret " + name
          : "the policy's keys Secret is " + name + " (metadata.name with -keys, as keys.secretName is not set)";
      String fix = named ? "Choose another keys.secretName (or leave it out to use " + policy.getMetadata().getName()
          + "-keys)" : "Set keys.secretName to a name no Secret in " + ns + " has";
      return Optional.of(new Refusal(Reasons.KEYS_SECRET_NOT_OWNED, chosen + ", which already exists in " + ns
          + " and was not created by the operator for this policy; the operator does not write it or let key readers "
          + "get it. " + fix + ", or delete that Secret if nothing uses it"));
    }
    return Optional.empty();
  }

  /**
   * Refused key-reader grants: the policy names key readers, and {@code <policy>-key-readers} is a Role or RoleBinding
   * somebody else made (an admin's, say). The operator never writes over it; the keys Secret is unaffected.
   *
   * @param existing the Role and RoleBinding of that name that exist (none, one or both)
   */
  public static Optional<Refusal> readerNamesTaken(PrivacyPolicy policy, List<? extends HasMetadata> existing) {
    if (keyReaders(policy).isEmpty()) return Optional.empty();
    List<String> taken = existing.stream().filter(o -> !ownedBy(o, policy)).map(o -> HasMetadata.getKind(o.getClass())).distinct().toList();
    if (taken.isEmpty()) return Optional.empty();
    String name = Names.keyReadersRole(policy);
    String ns = policy.getMetadata().getNamespace();
    return Optional.of(new Refusal(Reasons.NAME_TAKEN, "access.keyReaders needs a Role and RoleBinding named " + name
        + " (metadata.name with -key-readers), and " + String.join(" and ", taken) + " " + name + " already exist"
        + (taken.size() == 1 ? "s" : "") + " in " + ns + ", not created by the operator for this policy; the operator "
        + "does not write over it, so the key readers get nothing. Its keys Secret and the syncs that use the policy are "
        + "not affected. Have that object's owner rename or remove it, or create the policy again under another name"));
  }

  /**
   * Whether the operator made this object (a keys Secret, a key readers' Role or RoleBinding) for this policy: it carries the operator's managed-by label and an owner
   * reference to the policy's UID (which no one can forge without the right to write the Secret).
   */
  public static boolean ownedBy(HasMetadata object, PrivacyPolicy policy) {
    String uid = policy.getMetadata().getUid();
    Map<String, String> labels = object.getMetadata().getLabels();
    return uid != null && labels != null && Names.MANAGER.equals(labels.get(Names.MANAGED_BY_LABEL))
        && object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> uid.equals(o.getUid()) && "PrivacyPolicy".equals(o.getKind()));
  }

  static List<Subject> keyReaders(PrivacyPolicy policy) {
    var access = policy.getSpec() == null ? null : policy.getSpec().getAccess();
    return access == null || access.getKeyReaders() == null ? List.of() : access.getKeyReaders();
  }
}
