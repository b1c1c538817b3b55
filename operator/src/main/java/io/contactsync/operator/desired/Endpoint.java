package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.EgressPort;
import io.contactsync.operator.egress.Cidr;
import java.util.List;
import java.util.Map;

/** Where a sync pod connects to, as the NetworkPolicy needs to know it. */
public sealed interface Endpoint {
  /** An in-cluster Service: its pods, by the Service's selector in its namespace, on the target port. */
  record InCluster(String namespace, Map<String, String> podSelector, String targetPort) implements Endpoint {}

  /** A host outside the cluster: its resolved addresses (as /32 or /128 host ranges) and port. */
  record External(String host, List<Cidr> addresses, int port) implements Endpoint {}

  /** A spec.egress rule that parsed and lies within the admin's bounds; empty ports allow every port. */
  record Declared(Cidr cidr, List<EgressPort> ports) implements Endpoint {}

  /** A host that could not be resolved right now: no egress is opened for it. */
  record Unresolved(String host, String why) implements Endpoint {}
}
