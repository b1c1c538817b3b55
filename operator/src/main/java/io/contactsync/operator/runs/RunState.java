package io.contactsync.operator.runs;

import io.contactsync.api.v1alpha1.ContactSync;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What is known about a sync's runs right now, from its pods, its CronJob and its Jobs: only from those that are the
 * sync's own by owner UIDs ({@link RunOwnership}), whatever the others' names and labels say.
 *
 * @param unfinishedJobs names of the sync's run Jobs, scheduled or requested, that have not finished: counted by
 *     Jobs, not pods, since a Job whose pod is not scheduled yet (or not made yet) has none and still becomes a run
 * @param requestedJobs names of the Jobs that exist for run requests (controlled by the sync itself)
 * @param requestedBeyondHistory names of finished requested-run Jobs beyond the newest few, which the operator deletes
 *     before it makes another
 */
public record RunState(Optional<FinishedRun> latestFinished, Optional<FinishedRun> latestSucceeded,
    Set<String> unfinishedJobs, Optional<Instant> latestSchedule, Set<String> requestedJobs,
    List<String> requestedBeyondHistory) {
  public static final RunState NONE = new RunState(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Set.of(),
      List.of());

  /**
   * @param pods the pods that carry the sync's labels (which anyone who may create pods can copy)
   * @param cronJob the CronJob found for the sync, or null
   * @param jobs the Jobs the operator sees for the sync
   */
  public static RunState of(ContactSync sync, Collection<Pod> pods, CronJob cronJob, Collection<Job> jobs) {
    RunOwnership owned = RunOwnership.of(sync, cronJob, jobs);
    List<Pod> runs = owned.runs(pods);
    Optional<Instant> scheduled = owned.cronJob().map(CronJob::getStatus).flatMap(s -> parse(s.getLastScheduleTime()));
    Optional<Instant> latestSchedule = Stream.of(scheduled, Runs.latestStart(runs)).flatMap(Optional::stream)
        .max(Instant::compareTo);
    List<Job> requested = owned.jobs().stream().filter(owned::isRequestedRun).toList();
    Set<String> requestedJobs = requested.stream().map(j -> j.getMetadata().getName()).collect(Collectors.toUnmodifiableSet());
    return new RunState(Runs.latestFinished(runs), Runs.latestSucceeded(runs), RunJobs.unfinished(owned.jobs()),
        latestSchedule, requestedJobs, RunJobs.beyondHistory(requested));
  }

  /** Whether a run is outstanding (so a requested run waits: runs never overlap, and requests never pile up). */
  public boolean runOutstanding() {
    return !unfinishedJobs.isEmpty();
  }

  /**
   * Whether a requested run's Job is unfinished: the CronJob is then held suspended, since its concurrencyPolicy
   * Forbid counts only its own Jobs and would start a scheduled run beside the requested one.
   */
  public boolean requestedRunOutstanding() {
    return unfinishedJobs.stream().anyMatch(requestedJobs::contains);
  }

  private static Optional<Instant> parse(String timestamp) {
    try {
      return Optional.ofNullable(timestamp).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
