package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.CredentialsRef;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.RemoteConnector;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.status.Reasons;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.SyncValidation;
import io.contactsync.sync.config.Violation;
import io.contactsync.sync.connector.Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves what a ContactSync references: policies (with consent), their keys, credentials and endpoints. */
public final class SyncResolver {
  private static final Pattern SERVICE_HOST = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("https", 443, "http", 80, "ldaps", 636, "ldap", 389,
      "postgresql", 5432);

  private SyncResolver() {}

  public static SyncResolution resolve(ContactSync sync, Lookups lookups) {
    String namespace = sync.getMetadata().getNamespace();
    List<Violation> violations = new ArrayList<>(SyncValidation.violations(sync,
        ref -> lookups.policy(ref.getNamespace(), ref.getName())));
    Map<String, PrivacyPolicy> policies = new TreeMap<>();
    Map<String, Map<String, String>> keys = new TreeMap<>();
    Map<String, Map<String, String>> credentials = new TreeMap<>();
    List<Endpoint> endpoints = new ArrayList<>();
    if (sync.getSpec() == null) return new SyncResolution(violations, policies, keys, credentials, endpoints);
    Set<String> keysChecked = new HashSet<>();

    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      if (d.getPrivacyPolicyRef() == null) continue;
      PolicyReference ref = d.getPrivacyPolicyRef();
      String policyNamespace = SyncValidation.namespaceOf(ref, namespace);
      PrivacyPolicy policy = lookups.policy(policyNamespace, ref.getName());
      if (policy == null) continue;
      String qualified = policyNamespace + "/" + ref.getName();
      policies.put(qualified, policy);
      if (keysChecked.add(qualified)) {
        Map<String, String> data = keyData(lookups.secret(policyNamespace, Names.policyKeysSecret(policy)));
        if (data == null) {
          violations.add(new Violation(Reasons.POLICY_KEYS_MISSING, "the keys of PrivacyPolicy "
              + qualified + " do not exist yet; the operator creates them when it reconciles that policy"));
        } else if (!readable(data)) {
          violations.add(new Violation(Reasons.POLICY_KEYS_MISSING, "the keys Secret of PrivacyPolicy " + qualified
              + " holds no readable Tink keysets; restore it from a backup (the operator never regenerates keys)"));
        } else {
          keys.put(qualified, data);
        }
      }
    }
    Map<String, RemoteConnector> remote = remoteConnectors(sync);
    remote.forEach((endpoint, connector) -> {
      credentials(sync, endpoint, connector, lookups, violations).ifPresent(c -> credentials.put(endpoint, c));
      endpoints.add(endpoint(connector.getUrl(), lookups));
    });
    return new SyncResolution(violations, policies, keys, credentials, endpoints);
  }

  private static Map<String, String> keyData(Secret secret) {
    if (secret == null || secret.getData() == null) return null;
    Map<String, String> data = new TreeMap<>();
    for (KeyPurpose purpose : KeyPurpose.values()) {
      String value = secret.getData().get(purpose.fileName());
      if (value == null) return null;
      data.put(purpose.fileName(), value);
    }
    return data;
  }

  /** Whether the master keysets parse: pods get keys derived from them, which needs them readable. */
  private static boolean readable(Map<String, String> data) {
    try {
      PolicyKeysSecret.parse(new io.fabric8.kubernetes.api.model.SecretBuilder().withData(data).build());
      return true;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Every remote connector by endpoint name: "source" and each destination's name. */
  static Map<String, RemoteConnector> remoteConnectors(ContactSync sync) {
    Map<String, RemoteConnector> out = new LinkedHashMap<>();
    if (sync.getSpec().getSource() != null) {
      sync.getSpec().getSource().connectors().values().stream().filter(RemoteConnector.class::isInstance)
          .findFirst().ifPresent(c -> out.put("source", (RemoteConnector) c));
    }
    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      d.connectors().values().stream().filter(RemoteConnector.class::isInstance).findFirst()
          .ifPresent(c -> out.put(d.getName(), (RemoteConnector) c));
    }
    return out;
  }

  private static Optional<Map<String, String>> credentials(ContactSync sync, String endpoint,
      RemoteConnector connector, Lookups lookups, List<Violation> violations) {
    String namespace = sync.getMetadata().getNamespace();
    CredentialsRef ref = connector.getCredentials();
    if (ref == null) return Optional.empty();
    String label = endpoint.equals("source") ? "the source" : "destination '" + endpoint + "'";
    if (ref.getSecretRef() == null) return unsealed(sync, label, ref, lookups.sealingKeys(), violations);
    String name = ref.getSecretRef().getName();
    Secret secret = lookups.secret(namespace, name);
    if (secret == null) {
      violations.add(new Violation(Reasons.CREDENTIALS_MISSING, label + " references Secret " + name
          + ", which does not exist in " + namespace));
      return Optional.empty();
    }
    Map<String, String> copied = new TreeMap<>();
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    for (String key : Credentials.KEYS) {
      if (data.containsKey(key)) copied.put(key, data.get(key));
    }
    return Optional.of(copied);
  }

  /** Opens sealed credentials; a value that does not open is named by endpoint and key, never shown. */
  private static Optional<Map<String, String>> unsealed(ContactSync sync, String label, CredentialsRef ref,
      SealingKeys keys, List<Violation> violations) {
    if (!ref.hasSealed()) return Optional.empty();
    String namespace = sync.getMetadata().getNamespace();
    String name = sync.getMetadata().getName();
    Map<String, String> opened = new TreeMap<>();
    for (String key : Credentials.KEYS) {
      String sealed = ref.getSealed().get(key);
      if (sealed == null) continue;
      try {
        opened.put(key, Base64.getEncoder().encodeToString(keys.unseal(namespace, name, sealed)));
      } catch (GeneralSecurityException e) {
        violations.add(new Violation(Reasons.SEALED_VALUE_INVALID, label + ": credentials.sealed." + key
            + " does not open: it was sealed for another ContactSync or namespace, or with another operator's key; "
            + "seal it again with 'contactsync seal --namespace " + namespace + " --name " + name + "'"));
      }
    }
    return Optional.of(opened);
  }

  static Endpoint endpoint(String url, Lookups lookups) {
    URI uri;
    try {
      uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    } catch (IllegalArgumentException e) {
      return new Endpoint.Unresolved(url, "not a URL");
    }
    String host = uri.getHost();
    if (host == null) return new Endpoint.Unresolved(url, "the URL names no host");
    int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORTS.getOrDefault(uri.getScheme(), 443);
    Matcher service = SERVICE_HOST.matcher(host);
    if (service.matches()) return inCluster(service.group(3), service.group(1), port, lookups);
    if (IP_LITERAL.matcher(host).matches()) {
      return new Endpoint.External(host, List.of(host.replace("[", "").replace("]", "")), port);
    }
    try {
      List<String> addresses = lookups.addresses(host);
      return addresses.isEmpty() ? new Endpoint.Unresolved(host, "no addresses")
          : new Endpoint.External(host, addresses.stream().sorted().distinct().toList(), port);
    } catch (IOException e) {
      return new Endpoint.Unresolved(host, "it does not resolve in DNS");
    }
  }

  private static Endpoint inCluster(String namespace, String name, int port, Lookups lookups) {
    Service service = lookups.service(namespace, name);
    String host = name + "." + namespace + ".svc";
    if (service == null) return new Endpoint.Unresolved(host, "Service " + namespace + "/" + name + " does not exist");
    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return new Endpoint.Unresolved(host, "Service " + namespace + "/" + name + " has no pod selector; list its addresses in spec.egress");
    }
    String target = Integer.toString(port);
    for (ServicePort p : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
      if (p.getPort() != null && p.getPort() == port && p.getTargetPort() != null) {
        target = p.getTargetPort().getIntVal() != null ? p.getTargetPort().getIntVal().toString() : p.getTargetPort().getStrVal();
      }
    }
    return new Endpoint.InCluster(namespace, new TreeMap<>(selector), target);
  }
}
