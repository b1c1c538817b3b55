package io.contactsync.operator.reconciler;

import io.contactsync.operator.egress.Cidr;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The API server's addresses as pods reach it: the ClusterIPs of Service default/kubernetes and the addresses of its
 * Endpoints. Read at most once a minute for all syncs (two GETs): they change only when the control plane moves. A
 * failed read throws, so the reconcile fails and nothing is made for a sync unchecked.
 */
final class ApiServerAddresses {
  private static final Duration FRESH = Duration.ofMinutes(1);
  private final Clock clock;
  private List<Cidr> addresses;
  private Instant readAt;

  ApiServerAddresses(Clock clock) {
    this.clock = clock;
  }

  synchronized List<Cidr> get(KubernetesClient client) {
    Instant now = clock.instant();
    if (addresses == null || !now.isBefore(readAt.plus(FRESH))) {
      addresses = read(client);
      readAt = now;
    }
    return addresses;
  }

  private static List<Cidr> read(KubernetesClient client) {
    List<Cidr> out = new ArrayList<>();
    Service service = client.services().inNamespace(Names.API_SERVER_NAMESPACE).withName(Names.API_SERVER_SERVICE).get();
    if (service != null && service.getSpec() != null) {
      List<String> ips = new ArrayList<>(Objects.requireNonNullElse(service.getSpec().getClusterIPs(), List.of()));
      if (service.getSpec().getClusterIP() != null) ips.add(service.getSpec().getClusterIP());
      ips.stream().filter(ip -> !ip.isBlank() && !ip.equals("None")).distinct().map(Cidr::host).forEach(out::add);
    }
    Endpoints endpoints = client.endpoints().inNamespace(Names.API_SERVER_NAMESPACE).withName(Names.API_SERVER_SERVICE).get();
    if (endpoints != null) {
      for (EndpointSubset subset : Objects.requireNonNullElse(endpoints.getSubsets(), List.<EndpointSubset>of())) {
        for (EndpointAddress address : Objects.requireNonNullElse(subset.getAddresses(), List.<EndpointAddress>of())) {
          out.add(Cidr.host(address.getIp()));
        }
      }
    }
    return out.stream().distinct().toList();
  }
}
