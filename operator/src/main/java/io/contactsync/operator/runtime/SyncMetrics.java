package io.contactsync.operator.runtime;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.api.v1alpha1.RunCounts;
import io.contactsync.operator.status.Reasons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The contactsync_* meters, with bounded tags (outcome, kind, state): no namespace, sync or value ever becomes a tag.
 * contactsync_syncs{state} counts syncs by readiness; contactsync_runs_total{outcome} and
 * contactsync_contacts_total{kind} count what finished runs reported.
 */
public final class SyncMetrics {
  private final MeterRegistry registry;

  public SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Gauges over the operator's cache of ContactSyncs. */
  public void watch(Supplier<Stream<ContactSync>> syncs) {
    for (String state : new String[] {"ready", "not_ready", "suspended"}) {
      Gauge.builder("contactsync.syncs", () -> syncs.get().filter(s -> state.equals(state(s))).count())
          .description("ContactSyncs by readiness").tag("state", state).register(registry);
    }
  }

  /** Counts a run the first time a status reports it. */
  public void observe(ContactSyncStatus before, ContactSyncStatus after) {
    RunCounts run = after.getLastRun();
    if (run != null && (before == null || before.getLastRun() == null || !Objects.equals(before.getLastRun().getJob(), run.getJob()))) {
      counter("contactsync.runs", "outcome", "succeeded", "Finished sync runs").increment();
      add("read", run.getRead());
      add("created", run.getCreated());
      add("updated", run.getUpdated());
      add("deleted", run.getDeleted());
      add("quarantined", run.getQuarantined());
    }
    Condition failed = find(after, Reasons.LAST_RUN_SUCCEEDED);
    Condition previously = before == null ? null : find(before, Reasons.LAST_RUN_SUCCEEDED);
    if (failed != null && Reasons.RUN_FAILED.equals(failed.getReason())
        && (previously == null || !Objects.equals(previously.getMessage(), failed.getMessage()))) {
      counter("contactsync.runs", "outcome", "failed", "Finished sync runs").increment();
    }
  }

  private void add(String kind, Long n) {
    if (n != null && n > 0) counter("contactsync.contacts", "kind", kind, "Contacts as counted by finished runs").increment(n);
  }

  private Counter counter(String name, String tag, String value, String description) {
    return Counter.builder(name).description(description).tag(tag, value).register(registry);
  }

  private static String state(ContactSync sync) {
    Condition ready = sync.getStatus() == null ? null : find(sync.getStatus(), Reasons.READY);
    if (ready == null || ready.getStatus() != Condition.Status.True) return "not_ready";
    return Reasons.SUSPENDED.equals(ready.getReason()) ? "suspended" : "ready";
  }

  private static Condition find(ContactSyncStatus status, String type) {
    return status.getConditions() == null ? null
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
