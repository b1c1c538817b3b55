package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Consent rules of a policy, in the spirit of Gateway API's ReferenceGrant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyAccess {
  @Size(max = ApiLimits.POLICY_ACCESS_ENTRIES)
  @JsonPropertyDescription("Namespaces whose ContactSyncs may reference this policy, besides its own; '*' admits all.")
  private List<@Size(max = ApiLimits.DNS_LABEL) @Pattern("^(\\*|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)$") String> namespaces = new ArrayList<>();

  @Size(max = ApiLimits.POLICY_ACCESS_ENTRIES)
  @JsonPropertyDescription("Hosts that may receive data under this policy, e.g. hooks.example.com or *.marketing.svc.cluster.local, "
      + "optionally with a port (hooks.example.com:443 allows that port only). Every host a destination's driver "
      + "contacts must match, each host of a multi-host PostgreSQL URL included. Empty allows any host.")
  private List<@Size(max = ApiLimits.HOST_PATTERN) @Pattern(ApiPatterns.HOST_PATTERN) String> destinations = new ArrayList<>();

  @Size(max = ApiLimits.POLICY_ACCESS_ENTRIES)
  @JsonPropertyDescription("Subjects that may get the policy's keys Secret (to reveal tokens and ciphertexts): the operator "
      + "binds them to a Role granting get on that one Secret, and only when the operator created it for this policy. "
      + "system: users and groups (system:authenticated, system:unauthenticated, ...) are refused.")
  private List<Subject> keyReaders = new ArrayList<>();

  public List<String> getNamespaces() { return namespaces; }
  public void setNamespaces(List<String> namespaces) { this.namespaces = namespaces; }
  public List<String> getDestinations() { return destinations; }
  public void setDestinations(List<String> destinations) { this.destinations = destinations; }
  public List<Subject> getKeyReaders() { return keyReaders; }
  public void setKeyReaders(List<Subject> keyReaders) { this.keyReaders = keyReaders; }
}
