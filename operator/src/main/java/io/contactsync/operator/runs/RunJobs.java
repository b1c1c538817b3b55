package io.contactsync.operator.runs;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a sync's own run Jobs say: which are still outstanding, and which finished requested runs may go. */
final class RunJobs {
  /** Finished requested runs kept, as the CronJob keeps its last successful and failed ones. */
  static final int REQUESTED_HISTORY = 3;
  private static final Set<String> FINISHED = Set.of("Complete", "Failed");

  private RunJobs() {}

  /**
   * Whether the Job controller has finished the Job (Complete or Failed). A Job whose pod is not scheduled yet, or
   * which has no pod at all, is not finished: it still becomes a run.
   */
  static boolean finished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> FINISHED.contains(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The names of the Jobs not finished yet. */
  static Set<String> unfinished(Collection<Job> jobs) {
    return jobs.stream().filter(j -> !finished(j)).map(j -> j.getMetadata().getName())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The finished ones beyond the newest {@link #REQUESTED_HISTORY}, newest first (by creation, then name). */
  static List<String> beyondHistory(Collection<Job> jobs) {
    return jobs.stream().filter(RunJobs::finished)
        .sorted(Comparator.comparing((Job j) -> created(j)).thenComparing(j -> j.getMetadata().getName()).reversed())
        .skip(REQUESTED_HISTORY).map(j -> j.getMetadata().getName()).toList();
  }

  private static Instant created(Job job) {
    try {
      return job.getMetadata().getCreationTimestamp() == null ? Instant.EPOCH : Instant.parse(job.getMetadata().getCreationTimestamp());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
