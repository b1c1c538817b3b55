package io.contactsync.operator.resolve;

import io.contactsync.operator.naming.Names;
import io.contactsync.sync.config.SyncValidation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the owner of a thing a ContactSync references has allowed: the operator acts for a tenant only where the tenant
 * could have acted itself, or where the owner said yes. A Secret's writer consents with a label (and may name syncs);
 * a namespace's owner consents to syncs of other namespaces connecting to its Services with an annotation.
 */
public final class Consent {
  /** The Secret types that hold credentials; tokens of ServiceAccounts, registry logins and the like are never copied. */
  public static final List<String> CREDENTIAL_TYPES = List.of("Opaque", "kubernetes.io/basic-auth", "kubernetes.io/tls");

  private Consent() {}

  /**
   * Whether the ContactSync {@code namespace/sync} may use this Secret's values: it is in the sync's namespace, of a
   * credential type, labelled {@link Names#CREDENTIALS_LABEL}={@link Names#CREDENTIALS_ALLOWED}, and its optional
   * {@link Names#ALLOWED_SYNCS_ANNOTATION} names the sync and its optional {@link Names#ALLOWED_HOSTS_ANNOTATION}
   * allows every host:port the values go to (each host of a multi-host URL; none when the URL cannot be read, which
   * any host list refuses). A missing Secret (null) is refused the same way.
   */
  public static boolean allowsCredentials(Secret secret, String namespace, String sync, List<String> hostPorts) {
    if (secret == null || !namespace.equals(secret.getMetadata().getNamespace())) return false;
    if (!CREDENTIAL_TYPES.contains(Objects.requireNonNullElse(secret.getType(), "Opaque"))) return false;
    if (!Names.CREDENTIALS_ALLOWED.equals(labels(secret).get(Names.CREDENTIALS_LABEL))) return false;
    String syncs = annotations(secret).get(Names.ALLOWED_SYNCS_ANNOTATION);
    if (syncs != null && !names(syncs).contains(sync)) return false;
    String hosts = annotations(secret).get(Names.ALLOWED_HOSTS_ANNOTATION);
    return hosts == null || !hostPorts.isEmpty() && hostPorts.stream()
        .allMatch(hostPort -> names(hosts).stream().anyMatch(pattern -> SyncValidation.hostMatches(pattern, hostPort)));
  }

  /** Whether the namespace (null: it does not exist) accepts ContactSyncs of {@code from} connecting to its Services. */
  public static boolean acceptsSyncsFrom(Namespace target, String from) {
    if (target == null) return false;
    Set<String> accepted = names(annotations(target).getOrDefault(Names.ACCEPTS_SYNCS_FROM_ANNOTATION, ""));
    return accepted.contains("*") || accepted.contains(from);
  }

  private static Set<String> names(String commaSeparated) {
    return Set.copyOf(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  private static Map<String, String> labels(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getLabels(), Map.of());
  }

  private static Map<String, String> annotations(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getAnnotations(), Map.of());
  }
}
