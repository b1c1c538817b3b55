package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Observation 6 of issue 15: a tenant holding only the shipped contactsync-editor role must not make the operator
 * create unbounded work: runs every minute, a pile of run Jobs, pods larger than the admin allows, runs that never
 * time out, or Jobs that are never cleaned up. The admin bounds are the defaults (AdminBounds.DEFAULTS).
 */
class TenantWorkIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final long DAY = 86_400;

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  @Test
  void aScheduleOfEveryMinuteIsRefusedAndNothingIsMade() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "minutely");
    KubernetesClient tenant = tenant(ns);
    ContactSync minutely = sync(ns, "minutely", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    minutely.getSpec().setSchedule("* * * * *");
    tenant.resource(minutely).create();

    Condition ready = awaitReason(ns, "minutely", "ScheduleTooFrequent");
    assertThat(ready.getMessage()).contains("spec.schedule", "1m", "5m", "syncBounds.minScheduleInterval",
        "--min-schedule-interval");
    assertNothingRuns(ns, "minutely");
  }

  @Test
  void thirtyRunRequestsInQuickSuccessionMakeOneOutstandingJobAndTheLatestRunsAfterIt() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "requests");
    KubernetesClient tenant = tenant(ns);
    tenant.resource(sync(ns, "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);

    String last = null;
    for (int i = 0; i < 30; i++) {
      last = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i).toString();
      request(tenant, ns, last);
      Thread.sleep(200);
    }
    await().atMost(CONVERGE).until(() -> !requestedJobs(ns).isEmpty());
    Thread.sleep(5000); // give a piling-up operator the time to write
    List<Job> jobs = requestedJobs(ns);
    assertThat(jobs).as("requested run Jobs while the first is outstanding (no Job controller finishes it here)").hasSize(1);
    assertThat(jobs.get(0).getSpec().getTtlSecondsAfterFinished()).isEqualTo((int) DAY);
    // the CronJob's Forbid does not see a requested run: it is held suspended meanwhile, so no scheduled run joins it
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(cronJobSuspended(ns, "crm")).isTrue());

    // once that run finishes, the latest request (all the others coalesced into it) gets its one Job
    finish(jobs.get(0));
    String latest = last;
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(requestedJobs(ns)).extracting(this::requestedAt)
        .contains(latest).hasSize(2));
    assertThat(CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName("crm").get().getStatus()
        .getLastRunRequest()).isEqualTo(latest);
    requestedJobs(ns).stream().filter(j -> latest.equals(requestedAt(j))).forEach(TenantWorkIT::finish);
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(cronJobSuspended(ns, "crm")).as("released").isFalse());
  }

  @Test
  void finishedRequestedJobsBeyondTheNewestFewAreDeleted() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "history");
    KubernetesClient tenant = tenant(ns);
    tenant.resource(sync(ns, "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    Job notOurs = CLUSTER.admin().resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
        .withNewMetadata().withName("crm-run-theirs").withNamespace(ns)
        .withLabels(Map.of("contactsync.io/sync", "crm", "app.kubernetes.io/component", "sync", "contactsync.io/run-request", "x"))
        .endMetadata().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c")
        .withImage("x").endContainer().endSpec().endTemplate().endSpec().build()).create();
    finish(notOurs);

    for (int i = 0; i < 6; i++) {
      Thread.sleep(1100); // creation timestamps have whole seconds: the newest must be told apart
      String at = Instant.parse("2026-12-01T11:00:00Z").plusSeconds(i).toString();
      request(tenant, ns, at);
      await().atMost(CONVERGE).until(() -> requestedJobs(ns).stream().anyMatch(j -> at.equals(requestedAt(j))));
      finish(requestedJobs(ns).stream().filter(j -> at.equals(requestedAt(j))).findFirst().orElseThrow());
    }
    request(tenant, ns, "2026-12-01T12:00:00Z");
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(requestedJobs(ns)).extracting(this::requestedAt)
        .contains("2026-12-01T12:00:00Z"));
    List<Job> left = requestedJobs(ns).stream().filter(j -> !j.getMetadata().getName().equals("crm-run-theirs")).toList();
    assertThat(left).as("the newest three finished runs and the new one").extracting(this::requestedAt)
        .containsExactlyInAnyOrder("2026-12-01T11:00:03Z", "2026-12-01T11:00:04Z", "2026-12-01T11:00:05Z",
            "2026-12-01T12:00:00Z");
    assertThat(CLUSTER.admin().batch().v1().jobs().inNamespace(ns).withName("crm-run-theirs").get())
        .as("a Job the operator does not own, whatever its labels").isNotNull();
  }

  @Test
  void theCronJobsRunsAreKeptForTheAdminsTtlAndAFewHistoryEntries() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "ttl");
    tenant(ns).resource(sync(ns, "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    await().atMost(CONVERGE).until(() -> CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName("crm").get() != null);
    CronJob cron = CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName("crm").get();
    assertThat(cron.getSpec().getJobTemplate().getSpec().getTtlSecondsAfterFinished()).isEqualTo((int) DAY);
    assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
    assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
  }

  @Test
  void resourcesAboveTheAdminsMaximumAreRefusedNotCapped() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "huge");
    ContactSync huge = sync(ns, "huge", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi")));
    resources.setLimits(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi")));
    huge.getSpec().setResources(resources);
    tenant(ns).resource(huge).create();

    Condition ready = awaitReason(ns, "huge", "ResourcesTooLarge");
    assertThat(ready.getMessage()).contains("spec.resources.requests.cpu", "spec.resources.limits.memory", "64", "256Gi",
        "syncBounds.maxResources", "--max-sync-cpu", "--max-sync-memory");
    assertNothingRuns(ns, "huge");
  }

  @Test
  void aHugeTimeoutIsRefusedAtAdmissionAndALongOneInStatus() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "timeout");
    KubernetesClient tenant = tenant(ns);
    ContactSync huge = sync(ns, "huge", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    huge.getSpec().setTimeout("99999999999999999999s");
    assertThatThrownBy(() -> tenant.resource(huge).create()).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(422));

    ContactSync week = sync(ns, "week", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    week.getSpec().setTimeout("168h");
    tenant.resource(week).create();
    Condition ready = awaitReason(ns, "week", "TimeoutTooLong");
    assertThat(ready.getMessage()).contains("spec.timeout", "168h", "24h", "syncBounds.maxRunTimeout", "--max-run-timeout");
    assertNothingRuns(ns, "week");
  }

  /** The shipped editor in a fresh namespace with a policy the admin made (the editor may not make policies). */
  private static KubernetesClient tenant(String ns) {
    CLUSTER.admin().resource(policy(ns, "p")).create();
    return TestCluster.tenant(CLUSTER.admin(), ns, "editor", "contactsync-editor", new CopyOnWriteArrayList<>());
  }

  private static void request(KubernetesClient tenant, String ns, String at) {
    tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"contactsync.io/run-requested-at\":\"" + at + "\"}}}");
  }

  private static List<Job> requestedJobs(String ns) {
    return CLUSTER.admin().batch().v1().jobs().inNamespace(ns).withLabel("contactsync.io/run-request").list().getItems();
  }

  private String requestedAt(Job job) {
    return job.getMetadata().getAnnotations() == null ? null : job.getMetadata().getAnnotations().get("contactsync.io/run-requested-at");
  }

  private static boolean cronJobSuspended(String ns, String name) {
    return Boolean.TRUE.equals(CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName(name).get().getSpec().getSuspend());
  }

  private static void finish(Job job) {
    RunControllers.complete(CLUSTER.admin(), job);
  }

  private static Condition awaitReason(String ns, String name, String reason) {
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = TestCluster.ready(CLUSTER.admin(), ns, name);
      assertThat(ready).isNotNull();
      assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo(reason);
    });
    Condition ready = TestCluster.ready(CLUSTER.admin(), ns, name);
    assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
    return ready;
  }

  private static void assertNothingRuns(String ns, String name) throws InterruptedException {
    Thread.sleep(2000); // give a wrongly converging operator the time to write
    assertThat(CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName(name).get()).isNull();
    assertThat(CLUSTER.admin().secrets().inNamespace(ns).withName(name + "-sync").get()).isNull();
    assertThat(CLUSTER.admin().configMaps().inNamespace(ns).withName(name + "-job").get()).isNull();
    assertThat(CLUSTER.admin().batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
  }
}
