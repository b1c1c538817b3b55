package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator stopped in the middle of reconciling 200 ContactSyncs and started again: every sync converges, and
 * each owns exactly one of each object — nothing orphaned, nothing twice.
 */
class OperatorRestartIT {
  private static final int SYNCS = 200;

  private static ContactSyncOperator start(KubernetesClient client) {
    ContactSyncOperator operator = new ContactSyncOperator(client, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS,
        new SimpleMeterRegistry(), null, Clock.systemUTC());
    operator.start();
    return operator;
  }

  private static long ready(KubernetesClient admin, String ns) {
    return admin.resources(ContactSync.class).inNamespace(ns).list().getItems().stream()
        .filter(s -> s.getStatus() != null && s.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus() == Condition.Status.True))
        .count();
  }

  @Test
  void aRestartInTheMiddleOfReconcilingLeavesNoOrphansAndNoDuplicates() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      TestCluster.install(admin);
      String ns = TestCluster.namespace(admin, "restart");
      admin.resource(policy(ns, "p")).create();
      for (int i = 0; i < SYNCS; i++) {
        admin.resource(sync(ns, "s" + i, "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
      }
      try (KubernetesClient first = TestCluster.operator(new CopyOnWriteArrayList<>())) {
        ContactSyncOperator operator = start(first);
        // stop it while it is busy: some syncs done, some half done, some not started
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.resources(CronJob.class).inNamespace(ns).list().getItems().size() >= 20);
        operator.close();
      }
      assertThat(ready(admin, ns)).as("the first operator stopped before it was done").isLessThan(SYNCS);

      try (KubernetesClient second = TestCluster.operator(new CopyOnWriteArrayList<>());
          ContactSyncOperator operator = start(second)) {
        await().atMost(Duration.ofSeconds(120)).until(() -> ready(admin, ns) == SYNCS);
      }

      // every owned object belongs to one sync, and every sync has exactly one of each
      Map<String, List<String>> byKind = Map.of(
          "CronJob", names(admin.batch().v1().cronjobs().inNamespace(ns).list().getItems()),
          "Secret", names(admin.secrets().inNamespace(ns).withLabel("contactsync.io/sync").list().getItems()),
          "ConfigMap", names(admin.configMaps().inNamespace(ns).withLabel("contactsync.io/sync").list().getItems()),
          "NetworkPolicy", names(admin.network().v1().networkPolicies().inNamespace(ns).list().getItems()),
          "ServiceAccount", names(admin.serviceAccounts().inNamespace(ns).withLabel("contactsync.io/sync").list().getItems()));
      assertThat(byKind.get("CronJob")).hasSize(SYNCS).doesNotHaveDuplicates();
      assertThat(byKind.get("Secret")).hasSize(SYNCS).doesNotHaveDuplicates();
      assertThat(byKind.get("ConfigMap")).as("job and state ConfigMap of each").hasSize(2 * SYNCS).doesNotHaveDuplicates();
      assertThat(byKind.get("NetworkPolicy")).hasSize(SYNCS).doesNotHaveDuplicates();
      assertThat(byKind.get("ServiceAccount")).hasSize(SYNCS).doesNotHaveDuplicates();
      Map<String, Long> owners = admin.batch().v1().cronjobs().inNamespace(ns).list().getItems().stream()
          .collect(Collectors.groupingBy(c -> c.getMetadata().getOwnerReferences().get(0).getName(), Collectors.counting()));
      assertThat(owners).hasSize(SYNCS).allSatisfy((sync, count) -> assertThat(count).isEqualTo(1L));
    }
  }

  private static List<String> names(List<? extends HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).toList();
  }
}
