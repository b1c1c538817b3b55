package io.contactsync.sync.cli;

import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.config.SyncValidation;
import io.contactsync.sync.pipeline.RunSummary.DestinationSummary;
import io.contactsync.sync.pipeline.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a run summary for people. Counts only. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(RunSummary s, PrintWriter out) {
    out.printf(Locale.ROOT, "Synced %s (%s) in %.2f s: read %d contact records from %s%s%n", s.sync(), s.mode(),
        s.durationSeconds(), s.read(), s.source(), s.sourceUnchanged() ? " (unchanged since the last run: nothing to do)" : "");
    if (s.sourceQuarantinedTotal() > 0) {
      out.printf(Locale.ROOT, "  unreadable at the source: %d (%s)%n", s.sourceQuarantinedTotal(), reasons(s.sourceQuarantined()));
    }
    if (s.sourceDeletes() > 0) out.printf(Locale.ROOT, "  deleted at the source: %d%n", s.sourceDeletes());
    for (DestinationSummary d : s.destinations()) {
      out.printf(Locale.ROOT, "  -> %s (policy %s): %s%n", d.name(), d.policy(), d.target());
      out.printf(Locale.ROOT, "     written %d (created %d, updated %d, unchanged %d), deleted %d, quarantined %d%s%n",
          d.created() + d.updated() + d.unchanged(), d.created(), d.updated(), d.unchanged(), d.deleted(),
          d.quarantinedTotal(), d.quarantinedTotal() > 0 ? " (" + reasons(d.quarantined()) + ")" : "");
      if (d.droppedValues() > 0) out.printf(Locale.ROOT, "     invalid values dropped: %d%n", d.droppedValues());
    }
  }

  /** Endpoints whose plaintext was allowed with allowInsecureTransport: a run says so every time. */
  static void printInsecure(JobConfig job, PrintWriter out) {
    List<String> insecure = SyncValidation.insecureEndpoints(job.source(),
        job.destinations().stream().map(JobConfig.Destination::connector).toList());
    if (!insecure.isEmpty()) {
      out.printf("  warning: unencrypted transport allowed (allowInsecureTransport) for %s%n", String.join(", ", insecure));
    }
  }

  private static String reasons(Map<String, Long> byReason) {
    return byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
