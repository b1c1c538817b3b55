package io.contactsync.operator.runs;

import static io.contactsync.operator.runs.RunsTest.CRON;
import static io.contactsync.operator.runs.RunsTest.SYNC_UID;
import static io.contactsync.operator.runs.RunsTest.controller;
import static io.contactsync.operator.runs.RunsTest.crm;
import static io.contactsync.operator.runs.RunsTest.cronJob;
import static io.contactsync.operator.runs.RunsTest.jobOf;
import static io.contactsync.operator.runs.RunsTest.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Outstanding runs are counted by the sync's own Jobs, not by pods; finished requested runs do not pile up. */
class RunJobsTest {
  private static Job requested(String name) {
    return jobOf(name, controller("contactsync.io/v1alpha1", "ContactSync", "crm", SYNC_UID));
  }

  private static Job finished(Job job, String type, Instant created) {
    job.getMetadata().setCreationTimestamp(created.toString());
    job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(type).withStatus("True").build())
        .build());
    return job;
  }

  @Test
  void aJobWithoutPodsIsOutstandingUntilTheJobControllerFinishesIt() {
    Job waiting = requested("crm-run-1");
    RunState runs = RunState.of(crm(), List.of(), CRON, List.of(waiting));
    assertThat(runs.runOutstanding()).as("no pod yet, as on a cluster without nodes").isTrue();
    assertThat(runs.unfinishedJobs()).containsExactly("crm-run-1");

    assertThat(RunState.of(crm(), List.of(), CRON, List.of(finished(requested("crm-run-1"), "Complete", Instant.EPOCH)))
        .runOutstanding()).isFalse();
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(finished(requested("crm-run-1"), "Failed", Instant.EPOCH)))
        .runOutstanding()).isFalse();
    Job suspended = requested("crm-run-1");
    suspended.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Suspended")
        .withStatus("True").build(), new JobConditionBuilder().withType("Complete").withStatus("False").build()).build());
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(suspended)).runOutstanding()).isTrue();
  }

  @Test
  void onlyAnUnfinishedRequestedRunHoldsTheCronJob() {
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(requested("crm-run-1"))).requestedRunOutstanding()).isTrue();
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(scheduled("crm-29000000"))).requestedRunOutstanding())
        .as("the CronJob's own Forbid covers its own Jobs").isFalse();
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(finished(requested("crm-run-1"), "Complete", Instant.EPOCH)))
        .requestedRunOutstanding()).isFalse();
    Job ofAnotherSync = jobOf("crm-run-3", controller("contactsync.io/v1alpha1", "ContactSync", "crm", "5e1c-other"));
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(ofAnotherSync)).requestedRunOutstanding()).isFalse();
  }

  @Test
  void aScheduledRunHoldsRequestsBackTooButOnlyTheSyncsOwnJobsCount() {
    assertThat(RunState.of(crm(), List.of(), CRON, List.of(scheduled("crm-29000000"))).unfinishedJobs())
        .containsExactly("crm-29000000");
    Job ofAnotherCronJob = jobOf("crm-29000001", controller("batch/v1", "CronJob", "crm", "c40n-other"));
    Job uncontrolled = jobOf("crm-run-2", null);
    Job ofAnotherSync = jobOf("crm-run-3", controller("contactsync.io/v1alpha1", "ContactSync", "crm", "5e1c-other"));
    RunState runs = RunState.of(crm(), List.of(), CRON, List.of(ofAnotherCronJob, uncontrolled, ofAnotherSync));
    assertThat(runs.runOutstanding()).isFalse();
    assertThat(RunState.of(crm(), List.of(), cronJob("crm", "c40n-forged", "5e1c-other"), List.of(ofAnotherCronJob))
        .runOutstanding()).as("a CronJob the sync does not own lends its Jobs nothing").isFalse();
  }

  @Test
  void finishedRequestedRunsBeyondTheNewestThreeMayGoAndNothingElse() {
    List<Job> jobs = new ArrayList<>();
    IntStream.range(0, 6).forEach(i -> jobs.add(finished(requested("crm-run-" + i), i % 2 == 0 ? "Complete" : "Failed",
        Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * i))));
    jobs.add(requested("crm-run-unfinished"));
    jobs.add(finished(scheduled("crm-28000000"), "Complete", Instant.EPOCH)); // the CronJob's history limits keep those
    jobs.add(finished(jobOf("crm-run-theirs", controller("contactsync.io/v1alpha1", "ContactSync", "crm", "5e1c-other")),
        "Complete", Instant.EPOCH));
    jobs.add(jobs.get(0)); // seen through both Job informers
    RunState runs = RunState.of(crm(), List.of(), CRON, jobs);
    assertThat(runs.requestedBeyondHistory()).containsExactly("crm-run-2", "crm-run-1", "crm-run-0");

    assertThat(RunState.of(crm(), List.of(), CRON, jobs.subList(3, 7)).requestedBeyondHistory()).isEmpty();
  }

  @Test
  void jobsMadeInTheSameSecondAreToldApartByName() {
    Instant same = Instant.parse("2026-12-01T10:00:00Z");
    List<Job> jobs = IntStream.range(0, 4).mapToObj(i -> finished(requested("crm-run-" + i), "Complete", same)).toList();
    assertThat(RunJobs.beyondHistory(jobs)).containsExactly("crm-run-0");
  }
}
