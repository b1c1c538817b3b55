package io.contactsync.operator.runs;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What is known about a sync's runs right now, from its pods, its CronJob and the Jobs made for run requests.
 *
 * @param requestedJobs names of the Jobs that exist for run requests
 */
public record RunState(Optional<FinishedRun> latestFinished, Optional<FinishedRun> latestSucceeded, boolean active,
    Optional<Instant> latestSchedule, Set<String> requestedJobs) {
  public static final RunState NONE = new RunState(Optional.empty(), Optional.empty(), false, Optional.empty(), Set.of());

  public static RunState of(List<Pod> pods, CronJob cronJob, Set<String> requestedJobs) {
    Optional<Instant> scheduled = cronJob == null || cronJob.getStatus() == null ? Optional.empty()
        : parse(cronJob.getStatus().getLastScheduleTime());
    Optional<Instant> latestSchedule = Stream.of(scheduled, Runs.latestStart(pods)).flatMap(Optional::stream)
        .max(Instant::compareTo);
    return new RunState(Runs.latestFinished(pods), Runs.latestSucceeded(pods), Runs.anyActive(pods), latestSchedule,
        Set.copyOf(requestedJobs));
  }

  private static Optional<Instant> parse(String timestamp) {
    try {
      return Optional.ofNullable(timestamp).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
