package io.contactsync.sync.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a finished run hands back: counts summed over its destinations and the next checkpoint. It travels as the
 * sync pod's termination message, which Kubernetes keeps only up to 4 KiB, so it stays small; the operator reads it
 * to store the checkpoint and show the counts. Counts only: never a value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(int version, String sync, String startedAt, double durationSeconds, long read, long created,
    long updated, long unchanged, long deleted, long quarantined, Map<String, Long> quarantinedByReason,
    Checkpoint checkpoint) {
  public static final int VERSION = 1;
  /** What the kubelet keeps of a termination message. */
  public static final int MAX_BYTES = 4096;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public static RunReport of(RunSummary s, Checkpoint checkpoint) {
    long created = 0, updated = 0, unchanged = 0, deleted = 0, quarantined = s.sourceQuarantinedTotal();
    Map<String, Long> reasons = new TreeMap<>(s.sourceQuarantined());
    for (RunSummary.DestinationSummary d : s.destinations()) {
      created += d.created();
      updated += d.updated();
      unchanged += d.unchanged();
      deleted += d.deleted();
      quarantined += d.quarantinedTotal();
      d.quarantined().forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
    }
    return new RunReport(VERSION, s.sync(), s.startedAt(), s.durationSeconds(), s.read(), created, updated, unchanged,
        deleted, quarantined, reasons, checkpoint);
  }

  /** The report as JSON of at most {@link #MAX_BYTES}; reasons go first when space is short, the checkpoint never. */
  public String toJson() throws IOException {
    String json = JSON.writeValueAsString(this);
    if (bytes(json) > MAX_BYTES) {
      json = JSON.writeValueAsString(new RunReport(version, sync, startedAt, durationSeconds, read, created, updated,
          unchanged, deleted, quarantined, null, checkpoint));
    }
    if (bytes(json) > MAX_BYTES) {
      throw new IOException("the run's checkpoint does not fit a termination message (" + bytes(json) + " bytes, at most "
          + MAX_BYTES + ")");
    }
    return json;
  }

  /** A report, or null when the text is not one (a failed run leaves its error line instead). */
  public static RunReport parse(String text) {
    if (text == null || !text.stripLeading().startsWith("{")) return null;
    try {
      RunReport report = JSON.readValue(text, RunReport.class);
      return report.version() == VERSION ? report : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
