package io.contactsync.sync.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What one run did, in counts only: safe to print, log, put in a termination message or a status.
 *
 * @param sourceQuarantined records the source could not turn into contacts, by reason code
 * @param sourceUnchanged the source reported no change since the checkpoint, so nothing was written
 */
public record RunSummary(String sync, String mode, String startedAt, double durationSeconds, String source,
    boolean sourceUnchanged, long read, Map<String, Long> sourceQuarantined, long sourceDeletes,
    List<DestinationSummary> destinations) {

  /** Counts of one destination. */
  public record DestinationSummary(String name, String target, String policy, long created, long updated,
      long unchanged, long deleted, Map<String, Long> quarantined, long droppedValues) {
    public long quarantinedTotal() {
      return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public long sourceQuarantinedTotal() {
    return sourceQuarantined.values().stream().mapToLong(Long::longValue).sum();
  }
}
