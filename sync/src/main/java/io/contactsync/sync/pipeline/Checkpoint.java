package io.contactsync.sync.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * Where the next run starts. The source's own position is only trusted while the job is the same: a changed policy,
 * destination or key makes every destination record stale, so the next run reads everything.
 *
 * @param job fingerprint of the job and its keys when the checkpoint was taken
 * @param source the source's position (sync token, cursor, file digest)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Checkpoint(String job, Map<String, String> source) {
  public static final Checkpoint NONE = new Checkpoint(null, Map.of());

  public Checkpoint {
    source = Map.copyOf(Objects.requireNonNullElse(source, Map.of()));
  }

  /** The source position to start from for this job. */
  Map<String, String> sourceFor(String jobFingerprint) {
    return jobFingerprint.equals(job) ? source : Map.of();
  }
}
