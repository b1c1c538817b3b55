package io.contactsync.sync.config;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncSpec;
import io.contactsync.api.v1alpha1.CredentialsRef;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.RemoteConnector;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.format.ContactFields;
import io.contactsync.sync.connector.ldap.LdapDestination;
import io.contactsync.sync.connector.postgres.PostgresDestination;
import io.contactsync.sync.format.ContactFields;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a ContactSync beyond what its schema can: exactly one connector per endpoint, unique destination names,
 * a valid schedule and time zone, policies that exist, admit this namespace, allow the destination host and compile,
 * and encrypted transport unless declared otherwise. Pure: the caller says how to find policies.
 */
public final class SyncValidation {
  /**
   * A CronJob name may have 52 characters, since its Jobs' names add 11 and a Job's name is a label value of its pods
   * (at most 63); the CronJob is named after the sync.
   */
  public static final int MAX_NAME_LENGTH = 52;

  private SyncValidation() {}

  /** The namespace a reference points to: its own, else the sync's. */
  public static String namespaceOf(PolicyReference ref, String syncNamespace) {
    return ref.getNamespace() == null || ref.getNamespace().isBlank() ? syncNamespace : ref.getNamespace();
  }

  /**
   * @param policies finds a policy by (namespace, name), null when there is none
   * @return every violation, in spec order
   */
  public static List<Violation> violations(ContactSync sync, Function<PolicyReference, PrivacyPolicy> policies) {
    List<Violation> out = new ArrayList<>();
    ContactSyncSpec spec = sync.getSpec();
    if (spec == null) return List.of(new Violation(Violation.INVALID_SPEC, "spec is missing"));
    String namespace = Objects.requireNonNullElse(sync.getMetadata().getNamespace(), "default");
    String name = Objects.requireNonNullElse(sync.getMetadata().getName(), "");
    if (name.length() > MAX_NAME_LENGTH) {
      // not the name itself: it may be 253 characters, and the reader knows which object this is
      out.add(new Violation(Violation.INVALID_SPEC, "metadata.name is " + name.length() + " characters long; a "
          + "ContactSync name may have at most " + MAX_NAME_LENGTH + ": the operator names the sync's CronJob after it, "
          + "each of the CronJob's Jobs adds 11 characters, and a Job's name must fit a label value (at most 63 "
          + "characters). Create the ContactSync again under a name of at most " + MAX_NAME_LENGTH + " characters (a "
          + "name cannot be changed) and delete this one"));
    }
    CronExpression.problems(spec.getSchedule()).forEach(p -> out.add(new Violation(Violation.INVALID_SPEC, p)));
    if (spec.getTimeZone() != null) {
      try {
        ZoneId.of(spec.getTimeZone());
      } catch (DateTimeException e) {
        out.add(new Violation(Violation.INVALID_SPEC, "timeZone '" + spec.getTimeZone()
            + "' is not an IANA time zone (e.g. Europe/Berlin, UTC)"));
      }
    }
    if (spec.getSource() == null) {
      out.add(new Violation(Violation.INVALID_SPEC, "source is missing"));
    } else {
      exactlyOne("source", spec.getSource().connectors(), out);
    }
    List<DestinationSpec> destinations = Objects.requireNonNullElse(spec.getDestinations(), List.of());
    if (destinations.isEmpty()) out.add(new Violation(Violation.INVALID_SPEC, "destinations is empty: name at least one"));
    Set<String> names = new HashSet<>();
    for (DestinationSpec d : destinations) {
      String label = "destination '" + d.getName() + "'";
      if (!names.add(d.getName())) out.add(new Violation(Violation.INVALID_SPEC, label + " is declared twice"));
      // endpoints are keyed by name (credentials, seal bindings, egress): a destination named source would stand in
      // for the source, and the source would run with credentials checked against the destination's url
      if ("source".equals(d.getName())) {
        out.add(new Violation(Violation.INVALID_SPEC, label + ": 'source' names the sync's source; rename the destination"));
      }
      exactlyOne(label, d.connectors(), out);
      d.connectors().values().forEach(c -> transport(label, c, out));
      if (d.getPostgres() != null && d.getPostgres().getColumns() != null) {
        for (var column : d.getPostgres().getColumns()) {
          if (ContactFields.setter(column.getField()) == null) {
            out.add(new Violation(Violation.INVALID_SPEC, label + " maps column " + column.getColumn() + " from '"
                + column.getField() + "', which is not a field path (e.g. emails[0].value, name.given, custom.crmId)"));
          }
        }
      }
      ownerMarkFree(label, d, out);
      if (d.getPrivacyPolicyRef() == null) {
        out.add(new Violation(Violation.INVALID_SPEC, label + " has no privacyPolicyRef: no policy, no data"));
        continue;
      }
      checkPolicy(label, namespace, d, policies, out);
    }
    if (spec.getSource() != null) spec.getSource().connectors().values().forEach(c -> address("the source", c, out));
    for (DestinationSpec d : destinations) {
      d.connectors().values().forEach(c -> address("destination '" + d.getName() + "'", c, out));
    }
    if (spec.getSource() != null) spec.getSource().connectors().values().forEach(c -> transport("source", c, out));
    if (spec.getSource() != null) spec.getSource().connectors().values().forEach(c -> credentials("source", c, out));
    for (DestinationSpec d : destinations) {
      d.connectors().values().forEach(c -> credentials("destination '" + d.getName() + "'", c, out));
    }
    return out;
  }

  private static void checkPolicy(String label, String namespace, DestinationSpec d,
      Function<PolicyReference, PrivacyPolicy> policies, List<Violation> out) {
    PolicyReference ref = d.getPrivacyPolicyRef();
    String policyNamespace = namespaceOf(ref, namespace);
    String qualified = policyNamespace + "/" + ref.getName();
    PrivacyPolicy policy = policies.apply(new PolicyReference(ref.getName(), policyNamespace));
    if (!policyNamespace.equals(namespace) && !admits(policy, namespace)) {
      // the same words whether it exists: the tenant may not be able to list that namespace's policies
      out.add(new Violation(Violation.POLICY_ACCESS_DENIED, label + " references PrivacyPolicy " + qualified
          + ", which does not exist or does not admit namespace '" + namespace + "'; its owner must add it to access.namespaces"));
      return;
    }
    if (policy == null || policy.getSpec() == null) {
      out.add(new Violation(Violation.POLICY_NOT_FOUND, label + " references PrivacyPolicy " + qualified
          + ", which does not exist"));
      return;
    }
    var access = policy.getSpec().getAccess();
    List<String> hosts = access == null ? List.of() : Objects.requireNonNullElse(access.getDestinations(), List.of());
    // every host the driver may contact; a URL without a readable address is reported by address() and sends nothing
    for (String hostPort : hostPorts(d)) {
      if (!hosts.isEmpty() && hosts.stream().noneMatch(pattern -> hostMatches(pattern, hostPort))) {
        out.add(new Violation(Violation.DESTINATION_NOT_ALLOWED, label + " sends to '" + hostPort
            + "', which PrivacyPolicy " + qualified + " does not allow (access.destinations: " + hosts + ")"));
        break;
      }
    }
    for (String problem : PolicyCompiler.check(PolicyDefinitions.from(policy.getSpec()))) {
      out.add(new Violation(Violation.POLICY_INVALID, "PrivacyPolicy " + qualified + ": " + problem));
    }
  }

  /** Whether a policy (null: none) takes syncs of {@code namespace}: its own, or one access.namespaces names, or "*". */
  public static boolean admits(PrivacyPolicy policy, String namespace) {
    if (policy == null || policy.getSpec() == null) return false;
    if (policy.getMetadata() != null && namespace.equals(policy.getMetadata().getNamespace())) return true;
    var access = policy.getSpec().getAccess();
    List<String> admitted = access == null ? List.of() : Objects.requireNonNullElse(access.getNamespaces(), List.of());
    return admitted.contains(namespace) || admitted.contains("*");
  }

  /**
   * Whether a host:port matches an allowed pattern: {@code host} allows any port, {@code host:port} that port only;
   * {@code *.example.com} matches any host below example.com.
   */
  public static boolean hostMatches(String pattern, String hostPort) {
    String[] allowed = EndpointAddress.split(pattern.toLowerCase(Locale.ROOT));
    String[] actual = EndpointAddress.split(hostPort.toLowerCase(Locale.ROOT));
    if (allowed[1] != null && !allowed[1].equals(actual[1])) return false;
    String p = allowed[0];
    String host = actual[0];
    return p.startsWith("*.") ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1 : p.equals(host);
  }

  /** Every host:port a destination's driver contacts, empty for a local file or a URL without a readable address. */
  static List<String> hostPorts(DestinationSpec d) {
    for (Object connector : d.connectors().values()) {
      if (connector instanceof RemoteConnector remote) {
        return EndpointAddress.readable(remote.getUrl()).map(EndpointAddress::hostPorts).orElse(List.of());
      }
    }
    return List.of();
  }

  /** The owner mark's own attribute and column (docs/connectors.md, "Ownership") hold no field. */
  private static void ownerMarkFree(String label, DestinationSpec d, List<Violation> out) {
    if (d.getLdap() != null && d.getLdap().getAttributes() != null) {
      d.getLdap().getAttributes().forEach((field, attribute) -> {
        if (LdapDestination.OWNER_ATTRIBUTE.equalsIgnoreCase(attribute)) {
          out.add(new Violation(Violation.INVALID_SPEC, label + " maps '" + field + "' to " + attribute
              + ", which holds the sync's owner mark: map it to another attribute"));
        }
      });
    }
    if (d.getPostgres() != null && d.getPostgres().getColumns() != null) {
      for (var column : d.getPostgres().getColumns()) {
        if (PostgresDestination.OWNER_COLUMN.equalsIgnoreCase(column.getColumn())) {
          out.add(new Violation(Violation.INVALID_SPEC, label + " declares column " + column.getColumn()
              + ", which holds the sync's owner mark: name the column otherwise"));
        }
      }
    }
  }

  private static void exactlyOne(String label, Map<String, Object> connectors, List<Violation> out) {
    if (connectors.isEmpty()) {
      out.add(new Violation(Violation.INVALID_SPEC, label + " names no connector: set exactly one of carddav, ldap, "
          + "postgres, file" + (label.equals("source") ? "" : ", webhook")));
    } else if (connectors.size() > 1) {
      out.add(new Violation(Violation.INVALID_SPEC, label + " sets " + String.join(" and ", connectors.keySet())
          + ": set exactly one connector"));
    }
  }

  private static void credentials(String label, Object connector, List<Violation> out) {
    if (!(connector instanceof RemoteConnector remote) || remote.getCredentials() == null) return;
    CredentialsRef ref = remote.getCredentials();
    boolean secret = ref.getSecretRef() != null;
    boolean sealed = ref.hasSealed();
    if (secret == sealed) {
      out.add(new Violation(Violation.INVALID_SPEC, label + (secret ? " sets both credentials.secretRef and "
          + "credentials.sealed: set one" : " has empty credentials: set credentials.secretRef or credentials.sealed")));
    }
    if (sealed) {
      for (String key : new TreeSet<>(ref.getSealed().keySet())) {
        if (!Credentials.KEYS.contains(key)) {
          out.add(new Violation(Violation.INVALID_SPEC, label + " seals credential '" + key + "', which no connector "
              + "reads; use " + String.join(", ", Credentials.KEYS)));
        }
      }
    }
  }

  /** Whether a PostgreSQL URL asks for a verified TLS connection, read as the driver reads its parameters. */
  private static boolean verifiesServer(String url) {
    try {
      return "verify-full".equals(PostgresUrlParameters.of(url).get("sslmode"));
    } catch (ConfigurationException e) {
      return true; // address() reports the parameters; one violation for one problem
    }
  }

  /**
   * A remote endpoint's address must be readable the way its driver reads it, or nothing is checked against policy
   * and egress: such a URL is refused, never passed on. PostgreSQL URLs also carry only admitted parameters.
   */
  private static void address(String label, Object connector, List<Violation> out) {
    if (!(connector instanceof RemoteConnector remote) || remote.getUrl() == null || remote.getUrl().isBlank()) return;
    try {
      EndpointAddress.of(remote.getUrl());
      if (remote.getUrl().startsWith("jdbc:")) PostgresUrlParameters.of(remote.getUrl());
    } catch (ConfigurationException e) {
      out.add(new Violation(Violation.INVALID_SPEC, label + ": " + e.getMessage()
          + "; the operator checks every host a driver contacts, and refuses a url it cannot read with certainty"));
    }
  }

  /** The endpoints that set allowInsecureTransport ("the source", "destination 'x'"), in spec order, to be said. */
  public static List<String> insecureEndpoints(SourceSpec source, List<DestinationSpec> destinations) {
    List<String> insecure = new ArrayList<>();
    if (source != null && source.connectors().values().stream().anyMatch(SyncValidation::allowsInsecure)) {
      insecure.add("the source");
    }
    for (DestinationSpec d : destinations) {
      if (d.connectors().values().stream().anyMatch(SyncValidation::allowsInsecure)) {
        insecure.add("destination '" + d.getName() + "'");
      }
    }
    return insecure;
  }

  private static boolean allowsInsecure(Object connector) {
    return connector instanceof RemoteConnector remote && Boolean.TRUE.equals(remote.getAllowInsecureTransport());
  }

  private static void transport(String label, Object connector, List<Violation> out) {
    if (!(connector instanceof RemoteConnector remote)) return;
    if (remote.getUrl() == null || remote.getUrl().isBlank()) {
      // the schema requires it; a local run reads manifests no API server has checked
      out.add(new Violation(Violation.INVALID_SPEC, label + " has no url: say where the server is"));
      return;
    }
    if (Boolean.TRUE.equals(remote.getAllowInsecureTransport())) return;
    String url = remote.getUrl();
    // schemes are case-insensitive (RFC 3986), and the HTTP client reads HTTP:// as http
    boolean http = url.regionMatches(true, 0, "http://", 0, 7);
    boolean plaintext = http || (url.startsWith("jdbc:postgresql:") && !verifiesServer(url));
    if (plaintext) {
      out.add(new Violation(Violation.INSECURE_TRANSPORT, label + " uses an unencrypted or unverified connection ("
          + (http ? "http" : "sslmode other than verify-full")
          + "); use https / sslmode=verify-full, or set allowInsecureTransport: true"));
    }
  }
}
