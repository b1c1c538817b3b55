package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.EgressPort;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sync pods' network: no ingress at all; egress only to cluster DNS, to each endpoint and to the spec.egress
 * CIDRs the resolver admitted (parsed strictly and within the admin's bounds). Every CIDR is written by {@link Cidr},
 * so the API server never sees one it would refuse.
 */
public final class SyncNetworkPolicy {
  /** The label every namespace carries with its name (Kubernetes 1.21+). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private SyncNetworkPolicy() {}

  public static NetworkPolicy desired(ContactSync sync, List<Endpoint> endpoints) {
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    egress.add(dns());
    for (Endpoint e : endpoints) {
      if (e instanceof Endpoint.InCluster s) {
        egress.add(new NetworkPolicyEgressRuleBuilder()
            .addToTo(new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, s.namespace())).build())
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(s.podSelector()).build()).build())
            .withPorts(port(s.targetPort(), "TCP")).build());
      } else if (e instanceof Endpoint.External x && !x.addresses().isEmpty()) {
        var rule = new NetworkPolicyEgressRuleBuilder();
        for (Cidr address : x.addresses()) rule.addNewTo().withNewIpBlock().withCidr(address.toString()).endIpBlock().endTo();
        egress.add(rule.withPorts(port(Integer.toString(x.port()), "TCP")).build());
      } else if (e instanceof Endpoint.Declared declared) {
        var rule = new NetworkPolicyEgressRuleBuilder().addNewTo().withNewIpBlock().withCidr(declared.cidr().toString())
            .endIpBlock().endTo();
        for (EgressPort p : declared.ports()) {
          rule.addToPorts(port(Integer.toString(p.getPort()), p.getProtocol() == null ? "TCP" : p.getProtocol().name()));
        }
        egress.add(rule.build());
      }
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(Names.networkPolicy(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "sync")).endMetadata()
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Names.syncPodSelector(sync)).build())
        .withPolicyTypes("Ingress", "Egress")
        .withEgress(egress.stream().distinct().toList()) // a source that is also a destination needs one rule
        .endSpec()
        .build();
  }

  /** Cluster DNS: the kube-dns pods in kube-system, UDP and TCP 53. */
  private static NetworkPolicyEgressRule dns() {
    return new NetworkPolicyEgressRuleBuilder()
        .addToTo(new NetworkPolicyPeerBuilder()
            .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, "kube-system")).build())
            .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns")).build()).build())
        .withPorts(port("53", "UDP"), port("53", "TCP"))
        .build();
  }

  private static NetworkPolicyPort port(String port, String protocol) {
    IntOrString value = port.chars().allMatch(Character::isDigit) ? new IntOrString(Integer.parseInt(port)) : new IntOrString(port);
    return new NetworkPolicyPortBuilder().withPort(value).withProtocol(protocol).build();
  }
}
