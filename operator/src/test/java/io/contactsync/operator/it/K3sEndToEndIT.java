package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * End to end on a current Kubernetes (k3s in a container): CRDs, the operator in-process, a sample sync with a time
 * zone (served since 1.27), and, when CONTACTSYNC_IT_IMAGE names an image the cluster can run, a requested run that
 * completes. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sEndToEndIT {
  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  @Test
  void aSampleSyncConvergesAndRuns() throws Exception {
    Config config = Config.fromKubeconfig(K3S.getKubeConfigYaml());
    String image = System.getenv().getOrDefault("CONTACTSYNC_IT_IMAGE", "contactsync-operator:it");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      TestCluster.install(client);
      OperatorSettings settings = new OperatorSettings(image, "IfNotPresent", ContactSyncOperator.cronJobTimeZones(client));
      assertThat(settings.cronJobTimeZones()).isTrue();
      try (ContactSyncOperator operator = new ContactSyncOperator(client, TestCluster.OPERATOR_NAMESPACE, settings,
          new SimpleMeterRegistry(), null, Clock.systemUTC())) {
        operator.start();
        String ns = TestCluster.namespace(client, "k3s");
        client.resource(policy(ns, "p")).create();
        ContactSync sync = sync(ns, "crm", "/tmp/in.jsonl", fileDestination("out", "/tmp/out.jsonl", new PolicyReference("p", null)));
        sync.getSpec().setTimeZone("Europe/Berlin");
        client.resource(sync).create();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          CronJob cron = client.batch().v1().cronjobs().inNamespace(ns).withName("crm").get();
          assertThat(cron).isNotNull();
          assertThat(cron.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
          ContactSync current = client.resources(ContactSync.class).inNamespace(ns).withName("crm").get();
          assertThat(current.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
              && c.getStatus() == Condition.Status.True);
        });
        if (System.getenv("CONTACTSYNC_IT_IMAGE") != null) {
          client.resources(ContactSync.class).inNamespace(ns).withName("crm").patch(
              io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"contactsync.io/run-requested-at\":\"k3s-1\"}}}");
          await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            ContactSync current = client.resources(ContactSync.class).inNamespace(ns).withName("crm").get();
            assertThat(current.getStatus().getConditions()).anyMatch(c -> c.getType().equals("LastRunSucceeded")
                && c.getStatus() != Condition.Status.Unknown);
          });
        }
      }
    }
  }
}
