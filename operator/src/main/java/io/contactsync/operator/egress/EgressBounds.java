package io.contactsync.operator.egress;

import io.contactsync.api.v1alpha1.EgressRule;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.status.Reasons;
import io.contactsync.sync.config.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The cluster admin's egress bounds held against every address range a sync would reach: its spec.egress CIDRs and
 * the addresses of its external endpoints. Pure; returns every problem, each naming the setting the admin would
 * change (a tenant cannot). In-cluster Services are bounded by namespace instead (see SyncResolver).
 *
 * @param apiServer the API server's addresses as pods reach them (empty unless {@link AdminBounds#denyApiServer})
 */
public record EgressBounds(AdminBounds bounds, List<Cidr> apiServer) {
  static final String DENIED = "the chart value syncBounds.egress.deniedCidrs (operator flag --egress-denied-cidrs)";
  static final String ALLOWED = "the chart value syncBounds.egress.allowedCidrs (operator flag --egress-allowed-cidrs)";
  static final String API_SERVER = "the chart value syncBounds.egress.denyApiServer (operator flag --egress-deny-api-server)";

  public EgressBounds {
    apiServer = List.copyOf(apiServer);
  }

  /** spec.egress checked: what is wrong with it, and the rules that may be opened (only when nothing is wrong with them). */
  public record Declared(List<Violation> violations, List<Endpoint.Declared> allowed) {}

  /** Each rule's CIDR parsed strictly (a CIDR the NetworkPolicy API would refuse never reaches it), then bounded. */
  public Declared declared(List<EgressRule> rules) {
    List<Violation> violations = new ArrayList<>();
    List<Endpoint.Declared> allowed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String field = "spec.egress[" + i + "].cidr";
      Cidr cidr;
      try {
        cidr = Cidr.parse(rules.get(i).getCidr());
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(Reasons.INVALID_SPEC, field + ": " + e.getMessage()
            + "; write an IPv4 or IPv6 network such as 203.0.113.0/24 or 2001:db8::/32"));
        continue;
      }
      List<Violation> problems = check(field + " " + cidr, cidr);
      violations.addAll(problems);
      if (problems.isEmpty()) {
        allowed.add(new Endpoint.Declared(cidr, Objects.requireNonNullElse(rules.get(i).getPorts(), List.of())));
      }
    }
    return new Declared(List.copyOf(violations), List.copyOf(allowed));
  }

  /**
   * Every bound the range {@code what} (a field or a host and its address, as the status says it) breaks: denied
   * ranges it overlaps, the API server's addresses, every address at once, and the allowed ranges it leaves.
   */
  public List<Violation> check(String what, Cidr range) {
    List<Violation> out = new ArrayList<>();
    List<Cidr> denied = bounds.deniedCidrs().stream().filter(range::overlaps).toList();
    if (!denied.isEmpty()) {
      out.add(refused(what + " overlaps " + list(denied) + ", which the cluster admin denies to every sync; "
          + "use an address outside it, or ask the admin to change " + DENIED));
    }
    if (bounds.denyApiServer() && apiServer.stream().anyMatch(range::overlaps)) {
      out.add(refused(what + " includes an address of the Kubernetes API server (Service default/kubernetes or its "
          + "endpoints), which the cluster admin denies to every sync; use an address outside it, or ask the admin "
          + "to change " + API_SERVER));
    }
    if (range.prefixLength() == 0 && !bounds.allowedCidrs().contains(range)) {
      out.add(refused(what + " is every address; name the networks the sync needs, or ask the cluster admin to "
          + "list " + range + " in " + ALLOWED));
    } else if (!bounds.allowedCidrs().isEmpty() && bounds.allowedCidrs().stream().noneMatch(a -> a.contains(range))) {
      out.add(refused(what + " is outside the networks the cluster admin allows (" + list(bounds.allowedCidrs())
          + "); use an address inside them, or ask the admin to change " + ALLOWED));
    }
    return out;
  }

  private static Violation refused(String message) {
    return new Violation(Reasons.EGRESS_NOT_ALLOWED, message);
  }

  private static String list(List<Cidr> cidrs) {
    return cidrs.stream().map(Cidr::toString).collect(Collectors.joining(", "));
  }
}
