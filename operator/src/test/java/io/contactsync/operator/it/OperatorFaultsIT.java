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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operator's worst days with 200 ContactSyncs: stopped in the middle of reconciling them and started again; the
 * API server unreachable for a while, or restarted, with a competing writer changing every sync meanwhile. Every sync converges to
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

  private final List<String> namespaces = new ArrayList<>();

  /** Removes the test's syncs, so that the operators of later tests, which watch every namespace, do not meet them. */
  @AfterEach
  void deleteNamespaces() {
    try (KubernetesClient admin = TestCluster.admin()) {
      for (String ns : namespaces) admin.namespaces().withName(ns).delete();
      await().atMost(Duration.ofSeconds(120)).until(() -> namespaces.stream().allMatch(ns -> admin.namespaces().withName(ns).get() == null));
    }
  }

  /** A new namespace with one policy and SYNCS ContactSyncs using it, none reconciled yet. */
  private String namespaceOfSyncs(KubernetesClient admin, String prefix) throws Exception {
    TestCluster.install(admin);
    String ns = TestCluster.namespace(admin, prefix);
    namespaces.add(ns);
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
      try (CuttableProxy proxy = new CuttableProxy(api.getHost(), api.getPort())) {
        CompetingWriter competitor = disruptWhileReconciling(admin, ns, "https://127.0.0.1:" + proxy.port(), () -> {
          proxy.cut();
          Thread.sleep(OUTAGE.toMillis());
          proxy.restore();
        });
        ReliabilityRow.write("operator-api-outage", "API server unreachable for " + OUTAGE.toSeconds() + " s (every"
            + " connection cut, new ones refused) while the operator reconciles " + SYNCS + " ContactSyncs, and a"
            + " competing writer changes every sync throughout", "1 outage after the first 40 CronJobs; "
            + competitor.updates() + " competing updates, " + competitor.conflicts() + " of them answered 409", CONVERGED, "—");
      }
    }
  }

  @Test
  void anApiServerRestartAndACompetingWriterLeaveEverySyncConvergedOnItsLatestSpec() throws Exception {
    String restart = System.getenv("CONTACTSYNC_TEST_APISERVER_RESTART");
    Assumptions.assumeTrue(restart != null, "set CONTACTSYNC_TEST_APISERVER_RESTART to a command that restarts the"
        + " cluster's API server (.ci/run does; on kind: docker restart <cluster>-control-plane)");
    try (KubernetesClient admin = TestCluster.admin()) {
      String ns = namespaceOfSyncs(admin, "apirestart");
      long started = System.nanoTime();
      long[] down = new long[1];
      CompetingWriter competitor = disruptWhileReconciling(admin, ns, admin.getConfiguration().getMasterUrl(), () -> {
        long from = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", restart).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("the API server restarted").isTrue();
        down[0] = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - from);
      });
      ReliabilityRow.write("operator-api-restart", "API server restarted (etcd kept) while the operator reconciles " + SYNCS
          + " ContactSyncs, and a competing writer changes every sync throughout", "1 restart after the first 40 CronJobs,"
          + " about " + down[0] + " s until ready; " + competitor.updates() + " competing updates, " + competitor.conflicts()
          + " of them answered 409; " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s in all",
          CONVERGED, "—");
    }
  }

  private static final String CONVERGED = "all " + SYNCS + " Ready on their latest generation with their CronJob on the"
      + " latest schedule (the operator's own writes met 409s from stale reads, and were retried); nothing orphaned,"
      + " nothing twice";

  /** Something that happens to the API server while the operator works. */
  @FunctionalInterface
  private interface Disruption {
    void happen() throws Exception;
  }

  /**
   * Starts the operator (reaching the API server at apiUrl) and a competing writer on the namespace's syncs, lets the
   * disruption happen once 40 CronJobs exist, and waits until every sync converged on its latest spec.
   */
  private static CompetingWriter disruptWhileReconciling(KubernetesClient admin, String ns, String apiUrl,
      Disruption disruption) throws Exception {
    CompetingWriter competitor = new CompetingWriter(admin, ns);
    try (KubernetesClient client = TestCluster.operator(new CopyOnWriteArrayList<>(), apiUrl);
        ContactSyncOperator operator = start(client)) {
      competitor.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> admin.resources(CronJob.class).inNamespace(ns).list().getItems().size() >= 40);
      assertThat(ready(admin, ns)).as("the disruption comes before the operator is done").isLessThan(SYNCS);
      disruption.happen();
      Thread.sleep(5000);
      competitor.stop();
      await().atMost(Duration.ofSeconds(120)).until(() -> converged(admin, ns) == SYNCS);
    }
    OwnedObjects.assertExactlyOneOfEachPerSync(admin, ns, SYNCS);
    assertThat(competitor.conflicts()).as("the competing writer met 409 Conflicts, so writes really raced").isPositive();
    System.out.printf("%s: %d competing updates (%d answered 409): all %d syncs converged%n", ns, competitor.updates(),
        competitor.conflicts(), SYNCS);
    return competitor;
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
