package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.sync.config.Violation;
import java.util.List;
import java.util.Map;

/**
 * A ContactSync with its references resolved: what the desired state is built from.
 *
 * @param violations what stops data from flowing (no CronJob, no Secret while any exists)
 * @param policies resolved policies by "namespace/name"
 * @param policyKeys the keys Secret data of each policy by "namespace/name"
 * @param credentials per endpoint ("source" or a destination name), the credentials it needs
 * @param endpoints where the sync pods connect, for the NetworkPolicy
 */
public record SyncResolution(List<Violation> violations, Map<String, PrivacyPolicy> policies,
    Map<String, Map<String, String>> policyKeys, Map<String, Map<String, String>> credentials, List<Endpoint> endpoints) {

  /** The same resolution with more violations, found after resolving (for example names another object holds). */
  public SyncResolution withViolations(List<Violation> more) {
    if (more.isEmpty()) return this;
    List<Violation> all = new java.util.ArrayList<>(violations);
    all.addAll(more);
    return new SyncResolution(List.copyOf(all), policies, policyKeys, credentials, endpoints);
  }

  public boolean dataMayFlow() {
    return violations.isEmpty();
  }

  /** Hosts the NetworkPolicy could not open egress to, with why. */
  public List<Endpoint.Unresolved> unresolved() {
    return endpoints.stream().filter(Endpoint.Unresolved.class::isInstance).map(Endpoint.Unresolved.class::cast).toList();
  }
}
