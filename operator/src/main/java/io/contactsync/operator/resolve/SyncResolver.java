package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.CredentialsRef;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.RemoteConnector;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.desired.PolicyGrants;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.operator.egress.EgressBounds;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.status.Reasons;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.SealBinding;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.EndpointAddress;
import io.contactsync.sync.config.SyncValidation;
import io.contactsync.sync.config.Violation;
import io.contactsync.sync.connector.Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves what a ContactSync references: policies (with consent), their keys, credentials and endpoints. */
public final class SyncResolver {
  /** [pod.]service.namespace.svc[.cluster.local]: any name below a namespace's svc domain is in that namespace. */
  static final Pattern SERVICE_HOST = Pattern.compile(
      "(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\\.)*([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?");
  /** What a driver takes for an address rather than a name: digits and dots, or anything with a colon (IPv6). */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F.]*:[0-9a-fA-F:.]*]?");

  static final String ALLOWED_NAMESPACES =
      "the chart value syncBounds.egress.allowedNamespaces (operator flag --egress-allowed-namespaces)";

  private SyncResolver() {}

  /** Resolves the sync's references and holds everything it would reach to the cluster admin's bounds. */
  public static SyncResolution resolve(ContactSync sync, Lookups lookups) {
    String namespace = sync.getMetadata().getNamespace();
    AdminBounds bounds = lookups.bounds();
    List<Violation> violations = new ArrayList<>(SyncValidation.violations(sync,
        ref -> lookups.policy(ref.getNamespace(), ref.getName())));
    SyncAccessRule.violation(sync).ifPresent(violations::add);
    violations.addAll(WorkBounds.violations(sync.getSpec(), bounds));
    Map<String, PrivacyPolicy> policies = new TreeMap<>();
    Map<String, Map<String, String>> keys = new TreeMap<>();
    Map<String, Map<String, String>> credentials = new TreeMap<>();
    List<Endpoint> endpoints = new ArrayList<>();
    if (sync.getSpec() == null) return new SyncResolution(violations, policies, keys, credentials, endpoints);
    Set<String> keysChecked = new HashSet<>();
    EgressBounds egress = new EgressBounds(bounds, bounds.denyApiServer() ? lookups.apiServerAddresses() : List.of());
    EgressBounds.Declared declared = egress.declared(Objects.requireNonNullElse(sync.getSpec().getEgress(), List.of()));
    violations.addAll(declared.violations());

    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      if (d.getPrivacyPolicyRef() == null) continue;
      PolicyReference ref = d.getPrivacyPolicyRef();
      String policyNamespace = SyncValidation.namespaceOf(ref, namespace);
      PrivacyPolicy policy = lookups.policy(policyNamespace, ref.getName());
      // a policy that does not admit the sync lends it nothing: no keys, no exemption for its namespace's Services
      if (!SyncValidation.admits(policy, namespace)) continue;
      String qualified = policyNamespace + "/" + ref.getName();
      policies.put(qualified, policy);
      if (keysChecked.add(qualified)) {
        Map<String, String> data = keyData(policyKeys(lookups, policy));
        if (data == null) {
          violations.add(new Violation(Reasons.POLICY_KEYS_MISSING, "the keys of PrivacyPolicy "
              + qualified + " do not exist yet; the operator creates them when it reconciles that policy "
              + "(if the policy is not Ready, its status says why)"));
        } else if (!readable(data)) {
          violations.add(new Violation(Reasons.POLICY_KEYS_MISSING, "the keys Secret of PrivacyPolicy " + qualified
              + " holds no readable Tink keysets; restore it from a backup (the operator never regenerates keys)"));
        } else {
          keys.put(qualified, data);
        }
      }
    }
    // a destination may reach its own (admitting) policy's namespace; the source and other destinations may not:
    // admitting a namespace to a policy is not consent to every Service of the policy's namespace
    Map<String, Set<String>> policyNamespaces = new TreeMap<>();
    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      if (d.getPrivacyPolicyRef() == null) continue;
      String policyNamespace = SyncValidation.namespaceOf(d.getPrivacyPolicyRef(), namespace);
      if (policies.containsKey(policyNamespace + "/" + d.getPrivacyPolicyRef().getName())) {
        policyNamespaces.put(d.getName(), Set.of(policyNamespace));
      }
    }
    Map<String, RemoteConnector> remote = remoteConnectors(sync);
    remote.forEach((endpoint, connector) -> {
      int problems = violations.size();
      credentials(sync, endpoint, connector, lookups, violations).ifPresent(c -> credentials.put(endpoint, c));
      // without its namespace's consent, not even the Service is read
      if (!accepted(sync, endpoint, connector.getUrl(), endpoint.equals("source") ? Set.of()
          : policyNamespaces.getOrDefault(endpoint, Set.of()), bounds.allowedNamespaces(), lookups, violations)) return;
      List<Endpoint> reached = endpoints(label(endpoint), connector.getUrl(), lookups, egress, violations);
      // an endpoint refused its credentials, or anything it would reach, gets no egress at all
      if (violations.size() == problems) endpoints.addAll(reached);
    });
    endpoints.addAll(declared.allowed());
    return new SyncResolution(violations, policies, keys, credentials, endpoints);
  }

  /** The policy's keys Secret, only if the operator made it for that policy: never a Secret keys.secretName merely names. */
  private static Secret policyKeys(Lookups lookups, PrivacyPolicy policy) {
    Secret secret = lookups.secret(policy.getMetadata().getNamespace(), Names.policyKeysSecret(policy));
    return secret != null && PolicyGrants.ownedBy(secret, policy) ? secret : null;
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
    String label = label(endpoint);
    if (ref.getSecretRef() == null) return unsealed(sync, endpoint, label, connector.getUrl(), ref, lookups.sealingKeys(), violations);
    String name = ref.getSecretRef().getName();
    String syncName = sync.getMetadata().getName();
    Secret secret = lookups.credentialsSecret(namespace, name);
    if (!Consent.allowsCredentials(secret, namespace, syncName, addressOf(connector.getUrl()))) {
      // one message whether the Secret is missing, unlabelled, for other syncs or of another type: no oracle
      violations.add(new Violation(Reasons.CREDENTIALS_UNAVAILABLE, label + " names Secret " + name
          + ", which this sync may not use. A sync uses a Secret only with its writer's consent: the Secret is in namespace "
          + namespace + ", of type Opaque, kubernetes.io/basic-auth or kubernetes.io/tls, and labelled "
          + Names.CREDENTIALS_SELECTOR + " ('kubectl -n " + namespace + " label secret " + name + " "
          + Names.CREDENTIALS_SELECTOR + "'); an annotation " + Names.ALLOWED_SYNCS_ANNOTATION + " must name " + syncName
          + ", one " + Names.ALLOWED_HOSTS_ANNOTATION + " must allow this endpoint's host"));
      return Optional.empty();
    }
    Map<String, String> copied = new TreeMap<>();
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    for (String key : Credentials.KEYS) {
      if (data.containsKey(key)) copied.put(key, data.get(key));
    }
    return Optional.of(copied);
  }

  /**
   * Opens sealed credentials for the binding the spec names now: namespace, sync, endpoint, key and the host and port
   * the endpoint's driver contacts. A value sealed for anything else does not open; a v1 value is refused. Either is
   * named by endpoint and key, never shown.
   */
  private static Optional<Map<String, String>> unsealed(ContactSync sync, String endpoint, String label, String url,
      CredentialsRef ref, SealingKeys keys, List<Violation> violations) {
    if (!ref.hasSealed()) return Optional.empty();
    EndpointAddress address;
    try {
      address = EndpointAddress.of(url);
    } catch (ConfigurationException e) {
      violations.add(new Violation(Reasons.SEALED_VALUE_INVALID, SealedValueMessages.unbound(label, e.getMessage())));
      return Optional.of(Map.of());
    }
    Map<String, String> opened = new TreeMap<>();
    for (String key : Credentials.KEYS) {
      String sealed = ref.getSealed().get(key);
      if (sealed == null) continue;
      SealBinding binding = new SealBinding(sync.getMetadata().getNamespace(), sync.getMetadata().getName(), endpoint,
          key, address.binding());
      if (SealingKeys.isV1(sealed)) {
        violations.add(new Violation(Reasons.SEALED_VALUE_INVALID, SealedValueMessages.v1(label, binding, address)));
        continue;
      }
      try {
        opened.put(key, Base64.getEncoder().encodeToString(keys.unseal(binding, sealed)));
      } catch (GeneralSecurityException e) {
        violations.add(new Violation(Reasons.SEALED_VALUE_INVALID, SealedValueMessages.doesNotOpen(label, binding, address)));
      }
    }
    return Optional.of(opened);
  }

  private static String label(String endpoint) {
    return endpoint.equals("source") ? "the source" : "destination '" + endpoint + "'";
  }

  /**
   * An in-cluster endpoint in a namespace other than the sync's own and its policies' must have that namespace's
   * consent or the cluster admin's allowance. Without either the answer is the same whether the namespace or the
   * Service exists, and the Service is not read. Whether every such namespace accepts the endpoint.
   */
  private static boolean accepted(ContactSync sync, String endpoint, String url, Set<String> policyNamespaces,
      Set<String> adminAllowed, Lookups lookups, List<Violation> violations) {
    String namespace = sync.getMetadata().getNamespace();
    boolean accepted = true;
    for (String target : serviceNamespaces(url)) {
      if (target.equals(namespace) || policyNamespaces.contains(target) || adminAllowed.contains(target)) continue;
      if (Consent.acceptsSyncsFrom(lookups.namespace(target), namespace)) continue;
      accepted = false;
      violations.add(new Violation(Reasons.ENDPOINT_NOT_ACCEPTED, label(endpoint) + " connects to a Service in namespace "
          + target + ", which does not accept ContactSyncs from namespace " + namespace + ": its owner adds " + namespace
          + " to the namespace's annotation " + Names.ACCEPTS_SYNCS_FROM_ANNOTATION + " (comma-separated, or *), or the "
          + "cluster admin lists " + target + " in " + ALLOWED_NAMESPACES));
    }
    return accepted;
  }

  /** The namespaces of every in-cluster host the endpoint's driver contacts (each host of a multi-host URL). */
  static Set<String> serviceNamespaces(String url) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String[] hostPort : hostPorts(url)) {
      Matcher service = SERVICE_HOST.matcher(dnsForm(hostPort[0]));
      if (service.matches()) out.add(service.group(3));
    }
    return out;
  }

  /** Every host:port the endpoint's driver contacts; empty when the URL has no readable address. */
  private static List<String> addressOf(String url) {
    return EndpointAddress.readable(url).map(EndpointAddress::hostPorts).orElse(List.of());
  }

  /** A host as DNS compares it: PG.Other.svc.cluster.local. is pg.other.svc.cluster.local, the same Service. */
  private static String dnsForm(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /**
   * Every {host, port} the endpoint's driver contacts, read as the driver reads them; empty when the URL has no
   * readable address (validation refuses such a URL, so nothing runs for it).
   */
  private static List<String[]> hostPorts(String url) {
    return addressOf(url).stream().map(EndpointAddress::split).toList();
  }

  /**
   * Where the NetworkPolicy must let the pods connect for one endpoint: each host its driver may contact, every
   * external address held to the admin's bounds (a violation each, and then the endpoint gets no egress).
   */
  static List<Endpoint> endpoints(String label, String url, Lookups lookups, EgressBounds egress,
      List<Violation> violations) {
    List<String[]> hostPorts = hostPorts(url);
    if (hostPorts.isEmpty()) return List.of(new Endpoint.Unresolved("the url", "it names no address that can be read"));
    List<Endpoint> out = new ArrayList<>();
    for (String[] hp : hostPorts) {
      endpoint(label, hp[0], Integer.parseInt(hp[1]), lookups, violations).ifPresent(e -> {
        if (e instanceof Endpoint.External x) {
          for (Cidr address : x.addresses()) {
            String at = IP_LITERAL.matcher(x.host()).matches() ? "" : " at " + address;
            violations.addAll(egress.check(label + " connects to " + x.host() + at, address));
          }
        }
        out.add(e);
      });
    }
    return out;
  }

  private static Optional<Endpoint> endpoint(String label, String host, int port, Lookups lookups,
      List<Violation> violations) {
    Matcher service = SERVICE_HOST.matcher(dnsForm(host));
    if (service.matches()) return Optional.of(inCluster(service.group(3), service.group(1), port, lookups));
    if (IP_LITERAL.matcher(host).matches()) {
      try {
        return Optional.of(new Endpoint.External(host, List.of(Cidr.host(host.replace("[", "").replace("]", ""))), port));
      } catch (IllegalArgumentException e) {
        // 2130706433, 127.1 or 0177.0.0.1 reach an address through forms a driver reads and a NetworkPolicy does not
        violations.add(new Violation(Reasons.INVALID_SPEC, label + " connects to host " + host + ", which is not an "
            + "address in standard form; write an IPv4 address as four decimal numbers (such as 203.0.113.5), "
            + "an IPv6 address in brackets, or use a DNS name"));
        return Optional.empty();
      }
    }
    try {
      // an answer that is no plain address (an IPv6 scope) gets no egress: the NetworkPolicy could not say it
      List<Cidr> addresses = lookups.addresses(host).stream().sorted().distinct().flatMap(a -> {
        try {
          return java.util.stream.Stream.of(Cidr.host(a));
        } catch (IllegalArgumentException e) {
          return java.util.stream.Stream.empty();
        }
      }).toList();
      return Optional.of(addresses.isEmpty() ? new Endpoint.Unresolved(host, "no addresses")
          : new Endpoint.External(host, addresses, port));
    } catch (IOException e) {
      return Optional.of(new Endpoint.Unresolved(host, "it does not resolve in DNS"));
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
