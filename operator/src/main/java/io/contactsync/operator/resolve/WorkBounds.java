package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.ContactSyncSpec;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Durations;
import io.contactsync.operator.desired.SyncCronJob;
import io.contactsync.operator.status.Reasons;
import io.contactsync.sync.config.CronExpression;
import io.contactsync.sync.config.Violation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How much work a sync asks the cluster for, against what the cluster admin allows: how often it runs, how large
 * its pod is, how long a run may take. Every violation is returned; one of an admin bound names the chart value and
 * the operator flag to change.
 */
public final class WorkBounds {
  /** Kubernetes' quantity grammar (as resource.ParseQuantity reads it); fabric8's Quantity reads more. */
  private static final Pattern QUANTITY =
      Pattern.compile("\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,3}|[numkMGTPE]|[KMGTPE]i)?");

  private WorkBounds() {}

  public static List<Violation> violations(ContactSyncSpec spec, AdminBounds bounds) {
    List<Violation> out = new ArrayList<>();
    if (spec == null) return out;
    schedule(spec.getSchedule(), bounds).ifPresent(out::add);
    timeout(spec.getTimeout() == null ? SyncCronJob.DEFAULT_TIMEOUT : spec.getTimeout(), bounds).ifPresent(out::add);
    resources(spec.getResources(), bounds, out);
    return out;
  }

  /** Validation reports a schedule that does not parse; a valid one may fire no more often than the admin allows. */
  private static Optional<Violation> schedule(String schedule, AdminBounds bounds) {
    if (!CronExpression.problems(schedule).isEmpty()) return Optional.empty();
    return CronExpression.shortestGap(schedule).filter(gap -> gap.compareTo(bounds.minScheduleInterval()) < 0)
        .map(gap -> new Violation(Reasons.SCHEDULE_TOO_FREQUENT, "spec.schedule '" + schedule.strip() + "' runs as often as every "
            + Durations.format(gap) + "; the cluster admin allows one run every " + Durations.format(bounds.minScheduleInterval())
            + " at most (chart value syncBounds.minScheduleInterval, operator flag --min-schedule-interval): space the runs out"));
  }

  private static Optional<Violation> timeout(String timeout, AdminBounds bounds) {
    Duration parsed;
    try {
      parsed = Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      return Optional.of(new Violation(Reasons.INVALID_SPEC, "spec.timeout: " + e.getMessage()));
    }
    if (parsed.compareTo(bounds.maxRunTimeout()) <= 0) return Optional.empty();
    return Optional.of(new Violation(Reasons.TIMEOUT_TOO_LONG, "spec.timeout " + timeout + " is longer than the "
        + Durations.format(bounds.maxRunTimeout()) + " the cluster admin allows a run (chart value syncBounds.maxRunTimeout,"
        + " operator flag --max-run-timeout): set a shorter timeout"));
  }

  private static void resources(ResourceRequirements resources, AdminBounds bounds, List<Violation> out) {
    if (resources == null) return;
    Map<String, BigDecimal> requests = amounts("requests", resources.getRequests(), bounds, out);
    Map<String, BigDecimal> limits = amounts("limits", resources.getLimits(), bounds, out);
    requests.forEach((name, request) -> {
      BigDecimal limit = limits.get(name);
      if (limit != null && request.compareTo(limit) > 0) {
        out.add(new Violation(Reasons.INVALID_SPEC, "spec.resources.requests." + name + " "
            + resources.getRequests().get(name) + " is above spec.resources.limits." + name + " "
            + resources.getLimits().get(name) + ": a request may not exceed its limit"));
      }
    });
  }

  /** The readable amounts of one map (requests or limits), each checked against the admin's maximum. */
  private static Map<String, BigDecimal> amounts(String kind, Map<String, Quantity> declared, AdminBounds bounds,
      List<Violation> out) {
    Map<String, BigDecimal> amounts = new TreeMap<>();
    if (declared == null) return amounts;
    for (Map.Entry<String, Quantity> e : new TreeMap<>(declared).entrySet()) {
      String field = "spec.resources." + kind + "." + shown(e.getKey());
      Quantity max = switch (e.getKey()) {
        case "cpu" -> bounds.maxCpu();
        case "memory" -> bounds.maxMemory();
        default -> null;
      };
      if (max == null) {
        out.add(new Violation(Reasons.INVALID_SPEC, field + " is not a resource a sync pod may ask for: use cpu and memory"));
        continue;
      }
      String text = e.getValue() == null ? "" : e.getValue().toString();
      if (!QUANTITY.matcher(text).matches()) {
        out.add(new Violation(Reasons.INVALID_SPEC, field + " '" + shown(text) + "' is not a quantity such as 500m, 2 or 4Gi"));
        continue;
      }
      BigDecimal amount = e.getValue().getNumericalAmount();
      amounts.put(e.getKey(), amount);
      if (amount.compareTo(max.getNumericalAmount()) > 0) {
        String flag = e.getKey().equals("cpu") ? "--max-sync-cpu" : "--max-sync-memory";
        out.add(new Violation(Reasons.RESOURCES_TOO_LARGE, field + " " + text + " is above the " + max
            + " the cluster admin allows a sync pod (chart value syncBounds.maxResources." + e.getKey() + ", operator flag "
            + flag + "): ask for less"));
      }
    }
    return amounts;
  }

  private static String shown(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }
}
