package io.contactsync.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The quickstart of docs/install.md on the real API server: `kubectl apply -k config/samples/quickstart` is accepted,
 * and with the operator running the sync becomes Ready, says its transport is insecure, and may reach the demo
 * database only. (QuickstartSyncIT runs the same ContactSync and seed against a real PostgreSQL.)
 */
class QuickstartIT {
  private static final String NAMESPACE = "contactsync-demo";

  @Test
  void theQuickstartIsAcceptedAndItsSyncBecomesReady() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      TestCluster.install(admin);
      List<HasMetadata> items = KustomizeIT.render(admin, TestCluster.ROOT.resolve("config/samples/quickstart"));
      admin.namespaces().withName(NAMESPACE).delete();
      admin.namespaces().withName(NAMESPACE).waitUntilCondition(ns -> ns == null, 60, TimeUnit.SECONDS);
      try (KubernetesClient asOperator = TestCluster.operator(new CopyOnWriteArrayList<>());
          ContactSyncOperator operator = new ContactSyncOperator(asOperator, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS,
              new SimpleMeterRegistry(), null, Clock.systemUTC())) {
        operator.start();
        items.stream().filter(Namespace.class::isInstance).forEach(ns -> admin.resource(ns).create());
        items.stream().filter(i -> !(i instanceof Namespace)).forEach(i -> admin.resource(i).create());

        TestCluster.awaitReady(admin, NAMESPACE, "crm-to-marketing", Duration.ofSeconds(60));
        assertThat(TestCluster.ready(admin, NAMESPACE, "crm-to-marketing").getMessage())
            .as("the demo's plaintext database is called out").containsIgnoringCase("insecure");
        assertThat(admin.resources(CronJob.class).inNamespace(NAMESPACE).withName("crm-to-marketing").get()).isNotNull();

        NetworkPolicy network = admin.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("crm-to-marketing-sync").get();
        assertThat(network.getSpec().getEgress()).anySatisfy((NetworkPolicyEgressRule rule) -> {
          assertThat(rule.getTo()).singleElement().satisfies(peer ->
              assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "demo-db")));
          assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("postgres"));
        });
        assertThat(network.getSpec().getEgress()).as("DNS, and the database once though it is source and destination").hasSize(2);
      } finally {
        admin.namespaces().withName(NAMESPACE).delete();
      }
    }
  }
}
