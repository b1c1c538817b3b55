package io.contactsync.operator.runs;

import static io.contactsync.operator.runs.RunsTest.CRON;
import static io.contactsync.operator.runs.RunsTest.SYNC_UID;
import static io.contactsync.operator.runs.RunsTest.T1;
import static io.contactsync.operator.runs.RunsTest.T2;
import static io.contactsync.operator.runs.RunsTest.controller;
import static io.contactsync.operator.runs.RunsTest.crm;
import static io.contactsync.operator.runs.RunsTest.cronJob;
import static io.contactsync.operator.runs.RunsTest.jobOf;
import static io.contactsync.operator.runs.RunsTest.pod;
import static io.contactsync.operator.runs.RunsTest.podOf;
import static io.contactsync.operator.runs.RunsTest.report;
import static io.contactsync.operator.runs.RunsTest.scheduled;
import static io.contactsync.operator.runs.RunsTest.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.resolve.SyncResolution;
import io.contactsync.operator.runtime.SyncMetrics;
import io.contactsync.operator.status.SyncStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.HostAliasBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pod is a run of a sync only through owner UIDs: Pod → Job → the sync's CronJob → the sync, or Pod → Job → sync. */
class RunOwnershipTest {
  private static final OperatorSettings SETTINGS = new OperatorSettings("i", "IfNotPresent", true);
  private static final String REQUESTED = "crm-run-1a2b3c4d";

  private static RunState runs(List<Pod> pods, CronJob cron, List<Job> jobs) {
    return RunState.of(crm(), pods, cron, jobs);
  }

  private static void assertNoRun(RunState runs) {
    assertThat(runs.latestFinished()).isEmpty();
    assertThat(runs.latestSucceeded()).isEmpty();
  }

  @Test
  void aScheduledRunCountsThroughTheCronJobsUid() throws IOException {
    RunState runs = runs(List.of(pod("crm-1", T1, 0, report("aaa", 1))), CRON, List.of(scheduled("crm-1")));
    assertThat(runs.latestSucceeded().orElseThrow().job()).isEqualTo("crm-1");
  }

  @Test
  void aRequestedRunCountsThroughTheSyncsUid() throws IOException {
    Job requested = jobOf(REQUESTED, controller("contactsync.io/v1alpha1", "ContactSync", "crm", SYNC_UID));
    RunState runs = runs(List.of(pod(REQUESTED, T1, 0, report("aaa", 1))), CRON, List.of(requested));
    assertThat(runs.latestSucceeded().orElseThrow().job()).isEqualTo(REQUESTED);
    assertThat(runs.requestedJobs()).containsExactly(REQUESTED);
  }

  @Test
  void aBarePodIsNoRunWhateverItSays() throws IOException {
    Pod bare = podOf(null, T2, 0, report("forged", 666));
    bare.getMetadata().setLabels(Map.of("contactsync.io/sync", "crm", "job-name", "crm-1"));
    Pod pending = new PodBuilder().withNewMetadata().withName("crm-9-x").endMetadata().withNewStatus().withPhase("Pending")
        .withStartTime(T2.toString()).endStatus().build();
    RunState runs = runs(List.of(bare, pending), CRON, List.of(scheduled("crm-1")));
    assertNoRun(runs);
    assertThat(runs.latestSchedule()).as("the CronJob's own lastScheduleTime only").hasValue(java.time.Instant.parse("2026-11-27T08:00:00Z"));
  }

  @Test
  void aPodOfAJobTheOperatorDoesNotSeeIsNoRun() throws IOException {
    assertNoRun(runs(List.of(pod("crm-1", T1, 0, report("aaa", 1))), CRON, List.of()));
  }

  @Test
  void namesNeverCountOnlyUids() throws IOException {
    // the pod names the right Job by name, but another UID
    Pod wrongUid = podOf(controller("batch/v1", "Job", "crm-1", "uid-of-something-else"), T1, 0, report("aaa", 1));
    assertNoRun(runs(List.of(wrongUid), CRON, List.of(scheduled("crm-1"))));
    // the Job names the sync's CronJob by name, but the UID of another sync's CronJob
    Job otherCron = jobOf("crm-2", controller("batch/v1", "CronJob", "crm", "c40n-0000-other"));
    assertNoRun(runs(List.of(pod("crm-2", T1, 0, report("aaa", 1))), CRON, List.of(otherCron)));
    // a requested-run Job controlled by another sync of the same name (deleted and re-created)
    Job otherSync = jobOf(REQUESTED, controller("contactsync.io/v1alpha1", "ContactSync", "crm", "5e1c-0000-old"));
    RunState old = runs(List.of(pod(REQUESTED, T1, 0, report("aaa", 1))), CRON, List.of(otherSync));
    assertNoRun(old);
    assertThat(old.requestedJobs()).isEmpty();
  }

  @Test
  void onlyAControllerReferenceCounts() throws IOException {
    Pod notControlled = podOf(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName("crm-1")
        .withUid(uid("crm-1")).build(), T1, 0, report("aaa", 1));
    assertNoRun(runs(List.of(notControlled), CRON, List.of(scheduled("crm-1"))));
    Job notControlledJob = jobOf("crm-2", new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob")
        .withName("crm").withUid(CRON.getMetadata().getUid()).build());
    assertNoRun(runs(List.of(pod("crm-2", T1, 0, report("aaa", 1))), CRON, List.of(notControlledJob)));
    // the right UID under another kind is not the Job controller's reference
    Pod wrongKind = podOf(controller("apps/v1", "ReplicaSet", "crm-1", uid("crm-1")), T1, 0, report("aaa", 1));
    assertNoRun(runs(List.of(wrongKind), CRON, List.of(scheduled("crm-1"))));
  }

  @Test
  void aCronJobTheSyncDoesNotOwnLendsNoRunsAndNoSchedule() throws IOException {
    CronJob foreign = cronJob("crm", CRON.getMetadata().getUid(), "5e1c-0000-other");
    RunState runs = runs(List.of(pod("crm-1", T1, 0, report("aaa", 1))), foreign, List.of(scheduled("crm-1")));
    assertNoRun(runs);
    assertThat(runs.latestSchedule()).isEmpty();
  }

  @Test
  void aSyncWithoutAUidOwnsNothing() throws IOException {
    ContactSync unsaved = crm();
    unsaved.getMetadata().setUid(null);
    Job unowned = jobOf("crm-1", new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob").withName("crm")
        .withController(true).build());
    RunState runs = RunState.of(unsaved, List.of(pod("crm-1", T1, 0, report("aaa", 1))), cronJob("crm", null, null),
        List.of(unowned));
    assertNoRun(runs);
  }

  @Test
  void aPodNamingTheJobsUidCountsOnlyWhenItRunsWhatTheTemplateSays() throws IOException {
    // anyone who may get jobs reads the Job's UID, and anyone who may create pods can name it as controller
    assertThat(runs(List.of(pod("crm-1", T1, 0, report("aaa", 1))), CRON, List.of(scheduled("crm-1"))).latestSucceeded())
        .as("the Job controller's pod, as the template says").isPresent();
    List<java.util.function.Consumer<Pod>> forgeries = List.of(
        p -> p.getSpec().getContainers().get(0).setImage("attacker/forger:1"),
        p -> p.getSpec().getContainers().get(0).setCommand(List.of("/bin/sh", "-c", "echo forged > /dev/termination-log")),
        p -> p.getSpec().getContainers().get(0).setArgs(List.of("sync", "--config", "/attacker/job.json")),
        p -> p.getSpec().getContainers().get(0).getEnv().add(new EnvVar("JAVA_TOOL_OPTIONS", "-javaagent:/tmp/a.jar", null)),
        p -> p.getSpec().getVolumes().get(0).getConfigMap().setName("attackers-job"),
        p -> p.getSpec().getContainers().add(new ContainerBuilder().withName("helper").withImage("attacker/sidecar:1").build()),
        p -> p.getSpec().getInitContainers().add(new ContainerBuilder().withName("prepare").withImage("attacker/init:1").build()),
        p -> p.getSpec().setShareProcessNamespace(true),
        p -> p.getSpec().getEphemeralContainers().add(new EphemeralContainerBuilder().withName("debug").withImage("busybox")
            .withTargetContainerName("sync").build()),
        p -> p.getSpec().setHostAliases(List.of(new HostAliasBuilder().withIp("10.9.9.9").withHostnames("crm.example").build())),
        p -> p.getSpec().setDnsPolicy("None"),
        p -> p.getSpec().setDnsConfig(new PodDNSConfigBuilder().withNameservers("10.9.9.9").build()),
        p -> p.setSpec(null));
    Pod asDefaulted = pod("crm-1", T1, 0, report("aaa", 1));
    asDefaulted.getSpec().setDnsPolicy("ClusterFirst");
    asDefaulted.getSpec().setInitContainers(List.of());
    asDefaulted.getSpec().setEphemeralContainers(List.of());
    assertThat(runs(List.of(asDefaulted), CRON, List.of(scheduled("crm-1"))).latestSucceeded()).as("defaults, empty lists")
        .isPresent();
    for (var forge : forgeries) {
      Pod forged = pod("crm-1", T1, 0, report("forged", 666));
      forged.getSpec().setInitContainers(new java.util.ArrayList<>());
      forged.getSpec().setEphemeralContainers(new java.util.ArrayList<>());
      forged.getSpec().setContainers(new java.util.ArrayList<>(forged.getSpec().getContainers()));
      forged.getSpec().getContainers().get(0).setEnv(new java.util.ArrayList<>(forged.getSpec().getContainers().get(0).getEnv()));
      forge.accept(forged);
      assertNoRun(runs(List.of(forged), CRON, List.of(scheduled("crm-1"))));
    }
  }

  @Test
  void aPodThatRunsItsOwnCommandInsideTheSyncContainerIsNoRun() throws IOException {
    // attack: the template's container, unchanged, plus a command the kubelet runs in that same container (a
    // lifecycle hook or an exec probe) can write /dev/termination-log after the worker did, or stop the worker
    String forge = "until [ -s /dev/termination-log ]; do sleep 0.01; done; echo '{forged}' > /dev/termination-log";
    var exec = new io.fabric8.kubernetes.api.model.ExecActionBuilder().withCommand("/bin/sh", "-c", forge).build();
    List<java.util.function.Consumer<io.fabric8.kubernetes.api.model.Container>> forgeries = List.of(
        c -> c.setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder().withNewPostStart().withExec(exec)
            .endPostStart().build()),
        c -> c.setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder().withNewPreStop().withExec(exec)
            .endPreStop().build()),
        c -> c.setStartupProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withExec(exec).build()),
        c -> c.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withExec(exec).build()),
        c -> c.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withExec(exec).build()));
    for (var f : forgeries) {
      Pod forged = pod("crm-1", T1, 0, report("forged", 666));
      f.accept(forged.getSpec().getContainers().get(0));
      assertNoRun(runs(List.of(forged), CRON, List.of(scheduled("crm-1"))));
    }
  }

  @Test
  void whatTheClusterAddsToAPodDoesNotMakeItForged() throws IOException {
    Pod scheduledPod = pod("crm-1", T1, 0, report("aaa", 1));
    scheduledPod.getSpec().setNodeName("node-1");
    scheduledPod.getSpec().setPriority(0);
    scheduledPod.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("node.kubernetes.io/not-ready")
        .withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(300L).build()));
    scheduledPod.getSpec().setImagePullSecrets(List.of(new LocalObjectReference("registry")));
    scheduledPod.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
        .addToLimits("cpu", new Quantity("1")).build());
    assertThat(runs(List.of(scheduledPod), CRON, List.of(scheduled("crm-1"))).latestSucceeded()).isPresent();
  }

  @Test
  void forgedPodsMoveNeitherStatusNorMetrics() throws IOException {
    Pod bare = podOf(null, T2, 0, report("forged", 666));
    Pod otherSyncs = podOf(controller("batch/v1", "Job", "other-1", uid("other-1")), T2, 1, "contactsync: forged failure");
    Job otherJob = jobOf("other-1", controller("batch/v1", "CronJob", "other", "c40n-0000-other"));
    RunState runs = runs(List.of(bare, otherSyncs), CRON, List.of(otherJob));

    ContactSync sync = crm();
    ContactSyncStatus status = SyncStatus.of(sync, new SyncResolution(List.of(), Map.of(), Map.of(), Map.of(), List.of()),
        runs, SETTINGS, T2);
    assertThat(status.getLastRun()).isNull();
    assertThat(status.getLastSuccessfulTime()).isNull();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new SyncMetrics(registry).observe(sync.getStatus(), status);
    assertThat(registry.find("contactsync.runs").counters()).isEmpty();
    assertThat(registry.find("contactsync.contacts").counters()).isEmpty();
  }
}
