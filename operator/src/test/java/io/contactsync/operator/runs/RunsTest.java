package io.contactsync.operator.runs;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.desired.SyncConfigMaps;
import io.contactsync.operator.desired.SyncCronJob;
import io.contactsync.operator.resolve.SyncResolution;
import io.contactsync.operator.status.SyncStatus;
import io.contactsync.sync.pipeline.Checkpoint;
import io.contactsync.sync.pipeline.RunReport;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How finished sync pods become checkpoints and status, without a server. */
class RunsTest {
  private static final OperatorSettings SETTINGS = new OperatorSettings("i", "IfNotPresent", true);
  static final Instant T1 = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-27T10:30:00Z");

  static String report(String digest, long read) throws IOException {
    return new RunReport(RunReport.VERSION, "team/crm", "2026-11-27T09:59:00Z", 1.234, read, 5, 1, read - 6, 0, 2,
        Map.of("InvalidEmail", 2L), new Checkpoint("job", Map.of("file.sha256", digest))).toJson();
  }

  static final String SYNC_UID = "5e1c-0000-sync";
  static final CronJob CRON = cronJob("crm", "c40n-0000-crm", SYNC_UID);

  /** A pod as the Job controller makes it: controlled by the Job (named job, UID {@link #uid}). */
  static Pod pod(String job, Instant finished, int exitCode, String message) {
    return podOf(controller("batch/v1", "Job", job, uid(job)), finished, exitCode, message);
  }

  /** A pod as the Job controller makes it from the pod template of the sync's Jobs, controlled by the owner given. */
  static Pod podOf(OwnerReference owner, Instant finished, int exitCode, String message) {
    return new PodBuilder().withNewMetadata().withName(owner == null ? "bare-x" : owner.getName() + "-x")
        .withOwnerReferences(owner == null ? List.of() : List.of(owner)).endMetadata()
        .withSpec(new PodSpecBuilder(template()).build())
        .withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed").withStartTime(finished.minusSeconds(60).toString())
        .addNewContainerStatus().withName("sync").withNewState().withNewTerminated().withExitCode(exitCode)
        .withFinishedAt(finished.toString()).withMessage(message).endTerminated().endState().endContainerStatus()
        .endStatus().build();
  }

  static String uid(String name) {
    return "uid-of-" + name;
  }

  static OwnerReference controller(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  /** The sync's CronJob as the operator makes it: owned (JOSDK sets no controller flag) by the sync's UID. */
  static CronJob cronJob(String name, String uid, String syncUid) {
    return new CronJobBuilder().withNewMetadata().withName(name).withUid(uid).addNewOwnerReference()
        .withApiVersion("contactsync.io/v1alpha1").withKind("ContactSync").withName("crm").withUid(syncUid).endOwnerReference()
        .endMetadata().withNewStatus().withLastScheduleTime("2026-11-27T08:00:00Z").endStatus().build();
  }

  /** A Job as the CronJob controller makes it: controlled by the CronJob's UID. */
  static Job jobOf(String name, OwnerReference owner) {
    return new JobBuilder().withNewMetadata().withName(name).withUid(uid(name)).withOwnerReferences(owner).endMetadata()
        .withSpec(SyncCronJob.jobSpec(crm(), SETTINGS, List.of())).build();
  }

  /** The pod template of crm's Jobs, from the operator's own builder. */
  static PodSpec template() {
    return SyncCronJob.jobSpec(crm(), SETTINGS, List.of()).getTemplate().getSpec();
  }

  static Job scheduled(String name) {
    return jobOf(name, controller("batch/v1", "CronJob", CRON.getMetadata().getName(), CRON.getMetadata().getUid()));
  }

  static ContactSync crm() {
    ContactSync s = sync("team", "crm", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)));
    s.getMetadata().setGeneration(1L);
    s.getMetadata().setUid(SYNC_UID);
    return s;
  }

  /** The runs of crm, with a scheduled Job behind each pod. */
  static RunState genuine(List<Pod> pods) {
    return RunState.of(crm(), pods, CRON, pods.stream().map(p -> scheduled(p.getMetadata().getOwnerReferences().get(0).getName()))
        .toList());
  }

  @Test
  void aSuccessfulRunsReportBecomesTheCheckpointAndTheStatusCounts() throws IOException {
    List<Pod> pods = List.of(pod("crm-1", T1, 0, report("aaa", 100)), pod("crm-2", T2, 0, report("bbb", 200)));
    RunState runs = genuine(pods);
    assertThat(runs.latestSucceeded().orElseThrow().job()).isEqualTo("crm-2");

    var state = SyncConfigMaps.state(crm(), null, runs.latestSucceeded().orElseThrow());
    assertThat(state.getData().get("checkpoint.json")).contains("bbb");
    assertThat(state.getMetadata().getAnnotations()).containsEntry(SyncConfigMaps.CHECKPOINT_JOB, "crm-2");

    var status = SyncStatus.of(crm(), new SyncResolution(List.of(), Map.of(), Map.of(), Map.of(), List.of()), runs, SETTINGS, T2);
    assertThat(status.getLastRun().getJob()).isEqualTo("crm-2");
    assertThat(status.getLastRun().getRead()).isEqualTo(200);
    assertThat(status.getLastRun().getDurationSeconds()).isEqualTo(1.234);
    assertThat(status.getLastSuccessfulTime()).isEqualTo("2026-11-27T10:30:00Z");
    assertThat(status.getLastScheduleTime()).isEqualTo("2026-11-27T10:29:00Z");
    Condition last = status.getConditions().stream().filter(c -> c.getType().equals("LastRunSucceeded")).findFirst().orElseThrow();
    assertThat(last.getStatus()).isEqualTo(Condition.Status.True);
    assertThat(last.getMessage()).contains("run crm-2", "read 200", "quarantined 2");
  }

  @Test
  void anOlderRunNeverReplacesANewerCheckpoint() throws IOException {
    var newer = SyncConfigMaps.state(crm(), null, genuine(List.of(pod("crm-2", T2, 0, report("bbb", 1))))
        .latestSucceeded().orElseThrow());
    var afterOlder = SyncConfigMaps.state(crm(), newer, genuine(List.of(pod("crm-1", T1, 0, report("aaa", 1)))).latestSucceeded().orElseThrow());
    assertThat(afterOlder.getData().get("checkpoint.json")).contains("bbb");
    assertThat(SyncConfigMaps.state(crm(), newer, null).getData()).isEqualTo(newer.getData());
  }

  @Test
  void aFailedRunLeavesTheCheckpointAndSaysWhy() throws IOException {
    List<Pod> pods = List.of(pod("crm-1", T1, 0, report("aaa", 10)),
        pod("crm-2", T2, 1, "12:00:01 [INFO] SyncRun - reading\ncontactsync: sync failed: /data/in.vcf: the source file does not exist. "
            + "Nothing after the failure was committed"));
    RunState runs = genuine(pods);
    assertThat(runs.latestFinished().orElseThrow().succeeded()).isFalse();
    assertThat(runs.latestFinished().orElseThrow().error()).startsWith("sync failed: /data/in.vcf: the source file does not exist");
    assertThat(SyncConfigMaps.state(crm(), null, runs.latestSucceeded().orElseThrow()).getData().get("checkpoint.json")).contains("aaa");
    var status = SyncStatus.of(crm(), new SyncResolution(List.of(), Map.of(), Map.of(), Map.of(), List.of()), runs, SETTINGS, T2);
    Condition last = status.getConditions().stream().filter(c -> c.getType().equals("LastRunSucceeded")).findFirst().orElseThrow();
    assertThat(last.getReason()).isEqualTo("RunFailed");
    assertThat(last.getMessage()).contains("run crm-2 failed", "the source file does not exist", "checkpoint did not move");
    assertThat(status.getLastRun().getJob()).isEqualTo("crm-1");
  }

  @Test
  void aKilledOrEvictedPodIsAFailureWithItsReason() {
    Pod oom = pod("crm-3", T2, 137, null);
    oom.getStatus().getContainerStatuses().get(0).getState().getTerminated().setReason("OOMKilled");
    assertThat(Runs.finished(oom).orElseThrow().error()).isEqualTo("exit code 137 (OOMKilled)");
    Pod evicted = new PodBuilder().withNewMetadata().withName("crm-4-x").endMetadata().withNewStatus().withPhase("Failed")
        .withReason("Evicted").withStartTime(T2.toString()).endStatus().build();
    assertThat(Runs.finished(evicted).orElseThrow().error()).isEqualTo("the pod failed: Evicted");
    Pod running = new PodBuilder().withNewMetadata().withName("crm-5-x").endMetadata().withNewStatus().withPhase("Running")
        .endStatus().build();
    assertThat(Runs.finished(running)).isEmpty();
  }
}
