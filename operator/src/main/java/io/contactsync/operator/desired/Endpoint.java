package io.contactsync.operator.desired;

import java.util.List;
import java.util.Map;

/** Where a sync pod connects to, as the NetworkPolicy needs to know it. */
public sealed interface Endpoint {
  /** An in-cluster Service: its pods, by the Service's selector in its namespace, on the target port. */
  record InCluster(String namespace, Map<String, String> podSelector, String targetPort) implements Endpoint {}

  /** A host outside the cluster: its resolved addresses (as /32 or /128) and port. */
  record External(String host, List<String> addresses, int port) implements Endpoint {}

  /** A host that could not be resolved right now: no egress is opened for it. */
  record Unresolved(String host, String why) implements Endpoint {}
}
