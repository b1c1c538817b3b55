package io.contactsync.operator.status;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.api.v1alpha1.RemoteConnector;
import io.contactsync.api.v1alpha1.RunCounts;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.resolve.SyncResolution;
import io.contactsync.operator.runs.FinishedRun;
import io.contactsync.operator.runs.RunState;
import io.contactsync.sync.config.SyncValidation;
import io.contactsync.sync.config.Violation;
import io.contactsync.sync.pipeline.RunReport;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The status of a ContactSync, rebuilt whole from its resolution; run results carry over from the previous status. */
public final class SyncStatus {
  private static final Set<String> POLICY_REASONS = Set.of(Reasons.POLICY_NOT_FOUND, Reasons.POLICY_ACCESS_DENIED,
      Reasons.POLICY_INVALID, Reasons.DESTINATION_NOT_ALLOWED, Reasons.POLICY_KEYS_MISSING);
  public static final String ENDPOINT_NOT_RESOLVED = "EndpointNotResolved";

  private SyncStatus() {}

  /** @param settings what the cluster supports (a time zone it cannot apply is said in Ready's message) */
  public static ContactSyncStatus of(ContactSync sync, SyncResolution resolution, RunState runs, OperatorSettings settings,
      Instant now) {
    ContactSyncStatus previous = sync.getStatus() == null ? new ContactSyncStatus() : sync.getStatus();
    List<Condition> before = previous.getConditions();
    long generation = sync.getMetadata().getGeneration() == null ? 0 : sync.getMetadata().getGeneration();
    ContactSyncStatus status = new ContactSyncStatus();
    status.setObservedGeneration(generation);
    status.setSource(sourceSummary(sync));
    status.setLastScheduleTime(latest(previous.getLastScheduleTime(), runs.latestSchedule().orElse(null)));
    status.setLastRun(previous.getLastRun());
    status.setLastSuccessfulTime(previous.getLastSuccessfulTime());
    runs.latestSucceeded().filter(run -> isNewer(run, previous.getLastRun())).ifPresent(run -> {
      status.setLastRun(counts(run));
      status.setLastSuccessfulTime(latest(previous.getLastSuccessfulTime(), run.finishedAt()));
    });
    status.setLastRunRequest(runRequest(sync, runs, previous.getLastRunRequest()));

    List<Violation> policyViolations = resolution.violations().stream().filter(v -> POLICY_REASONS.contains(v.reason())).toList();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(policyViolations.isEmpty()
        ? Conditions.of(before, Reasons.POLICY_RESOLVED, Condition.Status.True, generation, Reasons.POLICIES_RESOLVED,
            "every destination's PrivacyPolicy exists, admits this sync and compiles", now)
        : Conditions.of(before, Reasons.POLICY_RESOLVED, Condition.Status.False, generation, policyViolations.get(0).reason(),
            messages(policyViolations), now));
    conditions.add(ready(sync, resolution, settings, before, generation, now));
    conditions.add(runs.latestFinished().map(run -> lastRun(run, before, generation, now))
        .or(() -> before.stream().filter(c -> Reasons.LAST_RUN_SUCCEEDED.equals(c.getType())).findFirst())
        .orElseGet(() -> Conditions.of(before, Reasons.LAST_RUN_SUCCEEDED, Condition.Status.Unknown, generation,
            Reasons.NO_RUN_YET, "no run has finished yet", now)));
    status.setConditions(conditions);
    return status;
  }

  private static Condition ready(ContactSync sync, SyncResolution resolution, OperatorSettings settings,
      List<Condition> before, long generation, Instant now) {
    if (!resolution.violations().isEmpty()) {
      return Conditions.of(before, Reasons.READY, Condition.Status.False, generation, resolution.violations().get(0).reason(),
          messages(resolution.violations()) + ". No data flows until this is fixed: the sync has no CronJob and no Secret.", now);
    }
    List<Endpoint.Unresolved> unresolved = resolution.unresolved();
    if (!unresolved.isEmpty()) {
      return Conditions.of(before, Reasons.READY, Condition.Status.False, generation, ENDPOINT_NOT_RESOLVED,
          unresolved.stream().map(u -> u.host() + ": " + u.why()).collect(Collectors.joining("; "))
              + ". The NetworkPolicy opens no egress to it, so runs cannot reach it; the operator retries.", now);
    }
    if (Boolean.TRUE.equals(sync.getSpec().getSuspend())) {
      return Conditions.of(before, Reasons.READY, Condition.Status.True, generation, Reasons.SUSPENDED,
          "spec.suspend is true: no runs are scheduled", now);
    }
    return Conditions.of(before, Reasons.READY, Condition.Status.True, generation, Reasons.RECONCILED,
        "CronJob " + sync.getMetadata().getName() + " runs on '" + sync.getSpec().getSchedule() + "'"
            + caveats(sync, settings), now);
  }

  /** What a Ready sync does differently from what its spec may suggest: said, never silently ignored. */
  private static String caveats(ContactSync sync, OperatorSettings settings) {
    List<String> caveats = new ArrayList<>();
    if (sync.getSpec().getTimeZone() != null && !settings.cronJobTimeZones()) {
      caveats.add("spec.timeZone '" + sync.getSpec().getTimeZone() + "' is not applied: CronJobs have a time zone only "
          + "from Kubernetes 1.27, so the schedule follows the kube-controller-manager's zone");
    }
    List<String> insecure = SyncValidation.insecureEndpoints(sync.getSpec().getSource(), sync.getSpec().getDestinations());
    if (!insecure.isEmpty()) caveats.add(String.join(", ", insecure) + " allowed insecure transport");
    return caveats.isEmpty() ? "" : "; " + String.join("; ", caveats);
  }

  private static Condition lastRun(FinishedRun run, List<Condition> before, long generation, Instant now) {
    if (run.succeeded()) {
      RunReport r = run.report();
      return Conditions.of(before, Reasons.LAST_RUN_SUCCEEDED, Condition.Status.True, generation, Reasons.RUN_SUCCEEDED,
          "run " + run.job() + " finished at " + run.finishedAt() + ": read " + r.read() + ", created " + r.created()
              + ", updated " + r.updated() + ", deleted " + r.deleted() + ", quarantined " + r.quarantined(), now);
    }
    return Conditions.of(before, Reasons.LAST_RUN_SUCCEEDED, Condition.Status.False, generation, Reasons.RUN_FAILED,
        "run " + run.job() + " failed at " + run.finishedAt() + ": " + run.error()
            + ". The checkpoint did not move; the next run repeats the work without duplicates.", now);
  }

  private static RunCounts counts(FinishedRun run) {
    RunReport r = run.report();
    RunCounts counts = new RunCounts();
    counts.setJob(run.job());
    counts.setFinishedAt(run.finishedAt().toString());
    counts.setRead(r.read());
    counts.setCreated(r.created());
    counts.setUpdated(r.updated());
    counts.setDeleted(r.deleted());
    counts.setQuarantined(r.quarantined());
    counts.setDurationSeconds(Math.round(r.durationSeconds() * 1000) / 1000.0);
    return counts;
  }

  private static boolean isNewer(FinishedRun run, RunCounts recorded) {
    return recorded == null || recorded.getFinishedAt() == null || run.finishedAt().isAfter(Instant.parse(recorded.getFinishedAt()));
  }

  private static String latest(String recorded, Instant candidate) {
    if (candidate == null) return recorded;
    if (recorded == null || candidate.isAfter(Instant.parse(recorded))) return candidate.truncatedTo(ChronoUnit.SECONDS).toString();
    return recorded;
  }

  /** The run request honoured so far: the annotation's value once its Job exists. */
  private static String runRequest(ContactSync sync, RunState runs, String previous) {
    var annotations = sync.getMetadata().getAnnotations();
    String requested = annotations == null ? null : annotations.get(Names.RUN_REQUESTED_AT);
    return requested != null && runs.requestedJobs().contains(Names.requestedRunJob(sync, requested)) ? requested : previous;
  }

  private static String messages(List<Violation> violations) {
    return violations.stream().map(Violation::message).distinct().collect(Collectors.joining("; "));
  }

  /** The source's kind and host (never its path or credentials), for kubectl get. */
  static String sourceSummary(ContactSync sync) {
    if (sync.getSpec() == null || sync.getSpec().getSource() == null) return null;
    var connectors = sync.getSpec().getSource().connectors();
    if (connectors.size() != 1) return null;
    var entry = connectors.entrySet().iterator().next();
    if (entry.getValue() instanceof RemoteConnector remote) {
      try {
        String url = remote.getUrl().startsWith("jdbc:") ? remote.getUrl().substring(5) : remote.getUrl();
        return entry.getKey() + " " + URI.create(url).getHost();
      } catch (IllegalArgumentException e) {
        return entry.getKey();
      }
    }
    return entry.getKey();
  }

}
