package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.fault.CuttableProxy;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.contactsync.sync.ReliabilityRow;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator's worst days with 200 ContactSyncs: stopped in the middle of reconciling them and started again; the
 * API server unreachable for a while, with a competing writer changing every sync meanwhile. Every sync converges to
 * its latest spec, and each owns exactly one of each object: nothing orphaned, nothing twice.
 */
class OperatorFaultsIT {
  private static final int SYNCS = 200;
  private static final Duration OUTAGE = Duration.ofSeconds(10);

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

  /** A new namespace with one policy and SYNCS ContactSyncs using it, none reconciled yet. */
  private static String namespaceOfSyncs(KubernetesClient admin, String prefix) throws Exception {
    TestCluster.install(admin);
    String ns = TestCluster.namespace(admin, prefix);
    admin.resource(policy(ns, "p")).create();
    for (int i = 0; i < SYNCS; i++) {
      admin.resource(sync(ns, "s" + i, "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    }
    return ns;
  }

  @Test
  void aRestartInTheMiddleOfReconcilingLeavesNoOrphansAndNoDuplicates() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      String ns = namespaceOfSyncs(admin, "restart");
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

      OwnedObjects.assertExactlyOneOfEachPerSync(admin, ns, SYNCS);
      ReliabilityRow.write("operator-restart", "operator stopped in the middle of reconciling " + SYNCS
          + " ContactSyncs, then started again", "1 restart, after the first 20 CronJobs", "all " + SYNCS + " Ready;"
          + " exactly one CronJob, Secret, NetworkPolicy, ServiceAccount and two ConfigMaps per sync, each CronJob owned by"
          + " one sync: nothing orphaned, nothing twice", "—");
    }
  }

  @Test
  void anApiServerOutageAndACompetingWriterLeaveEverySyncConvergedOnItsLatestSpec() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      String ns = namespaceOfSyncs(admin, "outage");
      URI api = URI.create(admin.getConfiguration().getMasterUrl());
      CompetingWriter competitor = new CompetingWriter(admin, ns);
      try (CuttableProxy proxy = new CuttableProxy(api.getHost(), api.getPort());
          KubernetesClient client = TestCluster.operator(new CopyOnWriteArrayList<>(), "https://127.0.0.1:" + proxy.port());
          ContactSyncOperator operator = start(client)) {
        competitor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.resources(CronJob.class).inNamespace(ns).list().getItems().size() >= 40);
        proxy.cut();
        Thread.sleep(OUTAGE.toMillis());
        assertThat(ready(admin, ns)).as("the outage came before the operator was done").isLessThan(SYNCS);
        proxy.restore();
        Thread.sleep(5000);
        competitor.stop();
        await().atMost(Duration.ofSeconds(120)).until(() -> converged(admin, ns) == SYNCS);
      }
      OwnedObjects.assertExactlyOneOfEachPerSync(admin, ns, SYNCS);
      assertThat(competitor.conflicts()).as("the competing writer met 409 Conflicts, so writes really raced").isPositive();
      System.out.printf("API server outage of %d s and %d competing updates (%d answered 409): all %d syncs converged%n",
          OUTAGE.toSeconds(), competitor.updates(), competitor.conflicts(), SYNCS);
      ReliabilityRow.write("operator-api-outage", "API server unreachable for " + OUTAGE.toSeconds() + " s (every connection"
          + " cut, new ones refused) while the operator reconciles " + SYNCS + " ContactSyncs, and a competing writer"
          + " changes every sync throughout", "1 outage after the first 40 CronJobs; " + competitor.updates()
          + " competing updates, " + competitor.conflicts() + " of them answered 409",
          "all " + SYNCS + " Ready on their latest generation with their CronJob on the latest schedule; the operator's own"
          + " writes that met 409 (stale reads after the outage) were retried, none reported as a failure; nothing orphaned,"
          + " nothing twice", "—");
    }
  }

  /** Syncs Ready for their current generation whose CronJob runs on the schedule their spec says now. */
  private static long converged(KubernetesClient admin, String ns) {
    Map<String, String> schedules = admin.batch().v1().cronjobs().inNamespace(ns).list().getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getOwnerReferences().get(0).getName(), c -> c.getSpec().getSchedule()));
    return admin.resources(ContactSync.class).inNamespace(ns).list().getItems().stream()
        .filter(s -> s.getStatus() != null && s.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus() == Condition.Status.True
                && s.getMetadata().getGeneration().equals(c.getObservedGeneration())))
        .filter(s -> s.getSpec().getSchedule().equals(schedules.get(s.getMetadata().getName())))
        .count();
  }
}
