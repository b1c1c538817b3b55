package io.contactsync.operator.desired;

import io.contactsync.operator.egress.Cidr;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the cluster admin lets any ContactSync ask for: the operator's flags, set from the chart's {@code syncBounds}
 * values. A sync that asks for more is Ready=False with a reason naming the setting to change; nothing is made for it.
 *
 * @param deniedCidrs ranges no sync may reach: a spec.egress CIDR or a resolved address overlapping one is refused
 * @param allowedCidrs when not empty, every external address a sync reaches must lie inside one of these; a CIDR
 *     of every address (0.0.0.0/0, ::/0) is refused unless listed here
 * @param denyApiServer refuse egress to the API server's own addresses (the kubernetes Service and its endpoints)
 * @param allowedNamespaces namespaces whose Services every sync may reach without that namespace's consent
 * @param minScheduleInterval the shortest gap between two scheduled runs a schedule may ask for
 * @param maxCpu the most CPU a sync pod may request or be limited to
 * @param maxMemory the most memory a sync pod may request or be limited to
 * @param maxRunTimeout the longest spec.timeout may be
 * @param finishedJobTtl how long a finished run's Job (and its pod and logs) is kept
 */
public record AdminBounds(List<Cidr> deniedCidrs, List<Cidr> allowedCidrs, boolean denyApiServer,
    Set<String> allowedNamespaces, Duration minScheduleInterval, Quantity maxCpu, Quantity maxMemory,
    Duration maxRunTimeout, Duration finishedJobTtl) {

  /** The defaults, as in the chart's values.yaml (ChartTest keeps the two equal). */
  public static final String DENIED_CIDRS = "169.254.0.0/16,fe80::/10,fd00:ec2::254/128";
  public static final String MIN_SCHEDULE_INTERVAL = "5m";
  public static final String MAX_CPU = "2";
  public static final String MAX_MEMORY = "4Gi";
  public static final String MAX_RUN_TIMEOUT = "24h";
  public static final String FINISHED_JOB_TTL = "24h";

  public static final AdminBounds DEFAULTS = new AdminBounds(
      List.of(DENIED_CIDRS.split(",")).stream().map(Cidr::parse).toList(), List.of(), true, Set.of(),
      Durations.parse(MIN_SCHEDULE_INTERVAL), new Quantity(MAX_CPU), new Quantity(MAX_MEMORY),
      Durations.parse(MAX_RUN_TIMEOUT), Durations.parse(FINISHED_JOB_TTL));

  public AdminBounds {
    deniedCidrs = List.copyOf(deniedCidrs);
    allowedCidrs = List.copyOf(allowedCidrs);
    allowedNamespaces = Set.copyOf(allowedNamespaces);
  }
}
