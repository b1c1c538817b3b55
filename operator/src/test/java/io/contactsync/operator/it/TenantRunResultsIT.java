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
import io.contactsync.sync.pipeline.Checkpoint;
import io.contactsync.sync.pipeline.RunReport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Observation 5 of issue 14: run results (status.lastRun, the checkpoint in {@code <n>-state}, the metrics) are taken
 * only from pods whose Job belongs to the sync by owner UIDs. The attacker is anyone who may create pods in the sync's
 * namespace (the shipped editor may not; a namespace admin or a CI account usually may): here the editor plus a Role
 * with create on pods. The test plays the kubelet for the attacker's pod (a real kubelet would run it, and its own
 * command can write any termination message) and the CronJob and Job controllers for genuine runs.
 */
class TenantRunResultsIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String FORGED_DIGEST = "f0rged-canary-7c1";
  private static final long FORGED_READ = 666_666;

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  @Test
  void aBarePodWithTheSyncsLabelsMovesNeitherStatusNorCheckpointNorMetrics() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "forged");
    CronJob cron = syncWithCronJob(ns, "crm");
    KubernetesClient attacker = podCreator(ns);

    // the attacker copies the labels the CronJob shows its readers, and finishes later than any genuine run
    Pod forged = attacker.resource(barePod(ns, "crm-29999999-zzzzz", labelsOf(cron))).create();
    RunControllers.finish(CLUSTER.admin(), forged, Instant.parse("2026-11-27T23:00:00Z"), 0, report(ns, FORGED_DIGEST, FORGED_READ));
    // the genuine run, earlier: it must be what status and checkpoint show once it is reflected
    RunControllers.scheduledRun(CLUSTER.admin(), cron, "crm-28000001", Instant.parse("2026-11-27T09:00:30Z"), 0, report(ns, "g3nuine", 120));

    awaitGenuineRun(ns, "crm", "crm-28000001", "g3nuine", 120);
    assertThat(CLUSTER.admin().configMaps().inNamespace(ns).withName("crm-state").get().getData().get("checkpoint.json"))
        .doesNotContain(FORGED_DIGEST);
    assertThat(contactsRead()).as("contacts counted as read by the operator's metrics").isLessThan(FORGED_READ);
  }

  @Test
  void aForgedFailureDoesNotBecomeTheLastRunCondition() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "forgedfail");
    CronJob cron = syncWithCronJob(ns, "crm");
    Pod forged = podCreator(ns).resource(barePod(ns, "crm-29999998-zzzzz", labelsOf(cron))).create();
    RunControllers.finish(CLUSTER.admin(), forged, Instant.parse("2026-11-27T23:00:00Z"), 1,
        "contactsync: sync failed: canary-forged-failure, call +1-555-0100 to fix");
    RunControllers.scheduledRun(CLUSTER.admin(), cron, "crm-28000001", Instant.parse("2026-11-27T09:00:30Z"), 0, report(ns, "g3nuine", 7));

    awaitGenuineRun(ns, "crm", "crm-28000001", "g3nuine", 7);
    Condition last = condition(ns, "crm", "LastRunSucceeded");
    assertThat(last.getReason()).isEqualTo("RunSucceeded");
    assertThat(last.getMessage()).doesNotContain("canary-forged-failure");
  }

  @Test
  void aRunOfAnotherSyncCarryingThisSyncsLabelsIsIgnored() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "othersync");
    CronJob crm = syncWithCronJob(ns, "crm");
    CronJob other = syncWithCronJob(ns, "other");
    // a Job genuinely made by the other sync's CronJob, whose pod claims to be a run of crm
    Job otherJob = RunControllers.scheduledJob(CLUSTER.admin(), other, "other-29999999");
    Pod pod = CLUSTER.admin().resource(new PodBuilder(barePod(ns, "other-29999999-abcde", labelsOf(crm))).editMetadata()
        .withOwnerReferences(RunControllers.controller(otherJob)).endMetadata().build()).create();
    RunControllers.finish(CLUSTER.admin(), pod, Instant.parse("2026-11-27T23:00:00Z"), 0, report(ns, FORGED_DIGEST, FORGED_READ));
    RunControllers.scheduledRun(CLUSTER.admin(), crm, "crm-28000001", Instant.parse("2026-11-27T09:00:30Z"), 0, report(ns, "g3nuine", 3));

    awaitGenuineRun(ns, "crm", "crm-28000001", "g3nuine", 3);
    assertThat(CLUSTER.admin().configMaps().inNamespace(ns).withName("crm-state").get().getData().get("checkpoint.json"))
        .doesNotContain(FORGED_DIGEST);
  }

  @Test
  void aPodNamingTheGenuineJobsUidButRunningItsOwnCommandIsIgnored() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "forgedowner");
    CronJob cron = syncWithCronJob(ns, "crm");
    KubernetesClient attacker = podCreator(ns);
    Job genuine = RunControllers.scheduledJob(CLUSTER.admin(), cron, "crm-28000001");
    // the editor may get jobs, so the attacker reads the genuine Job's UID and names it as the pod's controller
    Job seen = attacker.batch().v1().jobs().inNamespace(ns).withName("crm-28000001").get();
    OwnerReference owner = RunControllers.controller(seen);
    owner.setBlockOwnerDeletion(null);
    Pod forged = attacker.resource(new PodBuilder(barePod(ns, "crm-28000001-zzzzz", labelsOf(cron))).editMetadata()
        .withOwnerReferences(owner).endMetadata().build()).create();
    RunControllers.finish(CLUSTER.admin(), forged, Instant.parse("2026-11-27T23:00:00Z"), 0, report(ns, FORGED_DIGEST, FORGED_READ));
    RunControllers.finish(CLUSTER.admin(), RunControllers.podOf(CLUSTER.admin(), genuine), Instant.parse("2026-11-27T09:00:30Z"), 0,
        report(ns, "g3nuine", 5));

    awaitGenuineRun(ns, "crm", "crm-28000001", "g3nuine", 5);
    assertThat(CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName("crm").get().getStatus().getLastRun()
        .getFinishedAt()).isEqualTo("2026-11-27T09:00:30Z");
  }

  @Test
  void aForgedPendingPodDoesNotHoldBackARequestedRun() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "forgedpending");
    CronJob cron = syncWithCronJob(ns, "crm");
    Pod pending = podCreator(ns).resource(barePod(ns, "crm-29999997-zzzzz", labelsOf(cron))).create();
    assertThat(CLUSTER.admin().pods().inNamespace(ns).withName(pending.getMetadata().getName()).get().getStatus().getPhase())
        .isEqualTo("Pending");

    CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName("crm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"contactsync.io/run-requested-at\":\"2026-11-27T10:00:00Z\"}}}");
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(CLUSTER.admin().batch().v1().jobs().inNamespace(ns)
        .withLabel("contactsync.io/run-request").list().getItems()).as("the requested run's Job").hasSize(1));
  }

  @Test
  void aRequestedRunsPodMovesStatusAndCheckpoint() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "requested");
    syncWithCronJob(ns, "crm");
    CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName("crm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"contactsync.io/run-requested-at\":\"2026-11-27T10:00:00Z\"}}}");
    await().atMost(CONVERGE).until(() -> !CLUSTER.admin().batch().v1().jobs().inNamespace(ns).withLabel("contactsync.io/run-request")
        .list().getItems().isEmpty());
    Job job = CLUSTER.admin().batch().v1().jobs().inNamespace(ns).withLabel("contactsync.io/run-request").list().getItems().get(0);
    RunControllers.finish(CLUSTER.admin(), RunControllers.podOf(CLUSTER.admin(), job), Instant.parse("2026-11-27T10:00:40Z"), 0,
        report(ns, "r3quested", 42));

    awaitGenuineRun(ns, "crm", job.getMetadata().getName(), "r3quested", 42);
  }

  @Test
  void theShippedEditorCannotMakeAJobThatWouldPassForARun() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "forgedjob");
    CronJob cron = syncWithCronJob(ns, "crm");
    KubernetesClient editor = TestCluster.tenant(CLUSTER.admin(), ns, "editor", "contactsync-editor", new CopyOnWriteArrayList<>());
    Job forged = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
        .withNewMetadata().withName("crm-29999999").withNamespace(ns).withLabels(labelsOf(cron))
        .withOwnerReferences(RunControllers.controller(cron)).endMetadata()
        .withSpec(cron.getSpec().getJobTemplate().getSpec()).build();
    assertThatThrownBy(() -> editor.resource(forged).create()).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> editor.resource(barePod(ns, "crm-x", labelsOf(cron))).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  /** A policy and a sync, and the CronJob the operator made for it. */
  private static CronJob syncWithCronJob(String ns, String name) {
    if (CLUSTER.admin().resources(io.contactsync.api.v1alpha1.PrivacyPolicy.class).inNamespace(ns).withName("p").get() == null) {
      CLUSTER.admin().resource(policy(ns, "p")).create();
    }
    CLUSTER.admin().resource(sync(ns, name, "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    await().atMost(CONVERGE).until(() -> CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName(name).get() != null);
    return CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName(name).get();
  }

  /** The editor, plus create on pods: what a namespace admin or a deploying CI account holds. */
  private static KubernetesClient podCreator(String ns) {
    CLUSTER.admin().resource(new RoleBuilder().withNewMetadata().withName("pod-creator").withNamespace(ns).endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("create", "get").endRule().build()).create();
    CLUSTER.admin().resource(new RoleBindingBuilder().withNewMetadata().withName("attacker-pod-creator").withNamespace(ns).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("pod-creator").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("attacker").withNamespace(ns).endSubject().build()).create();
    return TestCluster.tenant(CLUSTER.admin(), ns, "attacker", "contactsync-editor", new CopyOnWriteArrayList<>());
  }

  private static Map<String, String> labelsOf(CronJob cron) {
    return cron.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
  }

  private static Pod barePod(String ns, String name, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
        .addToLabels("job-name", name.substring(0, name.lastIndexOf('-'))).endMetadata()
        .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("sync").withImage("attacker/forger:1").endContainer()
        .endSpec().build();
  }

  private static String report(String ns, String digest, long read) throws IOException {
    return new RunReport(RunReport.VERSION, ns + "/crm", "2026-11-27T09:00:00Z", 2.5, read, read, 0, 0, 0, 0, Map.of(),
        new Checkpoint("fingerprint", Map.of("file.sha256", digest))).toJson();
  }

  /** Waits until status and checkpoint show the genuine run, and only it. */
  private static void awaitGenuineRun(String ns, String name, String job, String digest, long read) {
    await().atMost(CONVERGE).untilAsserted(() -> {
      ContactSync current = CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName(name).get();
      assertThat(current.getStatus().getLastRun()).as("status.lastRun").isNotNull();
      assertThat(current.getStatus().getLastRun().getJob()).as("status.lastRun.job").isEqualTo(job);
      assertThat(current.getStatus().getLastRun().getRead()).as("status.lastRun.read").isEqualTo(read);
      ConfigMap state = CLUSTER.admin().configMaps().inNamespace(ns).withName(name + "-state").get();
      assertThat(state.getData().get("checkpoint.json")).as("the stored checkpoint").contains(digest);
    });
  }

  private static Condition condition(String ns, String name, String type) {
    ContactSync current = CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName(name).get();
    return current.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  private static double contactsRead() {
    var counter = CLUSTER.metrics().find("contactsync.contacts").tag("kind", "read").counter();
    return counter == null ? 0 : counter.count();
  }
}
