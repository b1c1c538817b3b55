package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Two replicas share one Lease: one leads and reconciles; when it stops, the other takes over. */
class LeaderElectionIT {

  @Test
  void oneReplicaLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      TestCluster.install(admin);
      String ns = TestCluster.namespace(admin, "leader");
      List<String> writesA = new CopyOnWriteArrayList<>();
      List<String> writesB = new CopyOnWriteArrayList<>();
      try (KubernetesClient clientA = TestCluster.operator(writesA); KubernetesClient clientB = TestCluster.operator(writesB)) {
        ContactSyncOperator a = new ContactSyncOperator(clientA, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS,
            new SimpleMeterRegistry(),
            election(ns, "replica-a"), Clock.systemUTC());
        ContactSyncOperator b = new ContactSyncOperator(clientB, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS,
            new SimpleMeterRegistry(),
            election(ns, "replica-b"), Clock.systemUTC());
        try {
          a.start();
          await().atMost(Duration.ofSeconds(30)).until(() -> "replica-a".equals(holder(admin, ns)));
          b.start();
          admin.resource(policy(ns, "p")).create();
          admin.resource(sync(ns, "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)))).create();
          await().atMost(Duration.ofSeconds(45)).until(() -> ready(admin, ns, "s"));
          assertThat(holder(admin, ns)).isEqualTo("replica-a");
          assertThat(writesB).as("the replica that does not lead writes nothing but its lease attempts")
              .allMatch(w -> w.contains("/leases"));

          a.close();
          await().atMost(Duration.ofSeconds(60)).until(() -> "replica-b".equals(holder(admin, ns)));
          admin.resource(sync(ns, "t", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)))).create();
          await().atMost(Duration.ofSeconds(45)).until(() -> ready(admin, ns, "t"));
        } finally {
          b.close();
          TestCluster.deleteTestNamespaces(admin);
        }
      }
    }
  }

  /** As in production, but a replica that stops leading does not exit the (test) JVM. */
  private static LeaderElectionConfiguration election(String ns, String identity) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("contactsync-it").withLeaseNamespace(ns).withIdentity(identity)
        .buildForTest(false);
  }

  private static String holder(KubernetesClient admin, String ns) {
    Lease lease = admin.leases().inNamespace(ns).withName("contactsync-it").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static boolean ready(KubernetesClient admin, String ns, String name) {
    io.contactsync.api.v1alpha1.Condition ready = TestCluster.ready(admin, ns, name);
    return ready != null && ready.getStatus() == io.contactsync.api.v1alpha1.Condition.Status.True;
  }
}
