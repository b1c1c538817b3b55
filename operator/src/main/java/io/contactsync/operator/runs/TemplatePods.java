package io.contactsync.operator.runs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a pod runs what its Job's template says. An owner reference is plain metadata: whoever may create a Pod
 * can name a Job's UID (readable by anyone with get on jobs) as its controller. Such a pod is taken as a run only
 * when it runs the template's containers (image, command, args, environment, mounts) over the template's volumes,
 * with nothing beside them that could reach the sync container's files or processes: then its report is what the
 * operator's own worker computed from the sync's own inputs, as in a run the Job controller made.
 *
 * <p>Only fields the API server, admission and the scheduler do not change are compared (not tolerations, priority,
 * node, resources, pull secrets), so a genuine pod always matches.
 */
final class TemplatePods {
  private TemplatePods() {}

  static boolean follows(Pod pod, Job job) {
    PodSpec actual = pod.getSpec();
    PodSpec template = job.getSpec() == null || job.getSpec().getTemplate() == null ? null : job.getSpec().getTemplate().getSpec();
    if (actual == null || template == null) return false;
    return sameContainers(actual.getContainers(), template.getContainers())
        && sameContainers(actual.getInitContainers(), template.getInitContainers())
        && isEmpty(actual.getEphemeralContainers())
        && byName(actual.getVolumes(), Volume::getName).equals(byName(template.getVolumes(), Volume::getName))
        && Objects.equals(actual.getServiceAccountName(), template.getServiceAccountName())
        && same(actual.getShareProcessNamespace(), template.getShareProcessNamespace())
        && same(actual.getHostPID(), template.getHostPID())
        && same(actual.getHostIPC(), template.getHostIPC())
        && same(actual.getHostNetwork(), template.getHostNetwork())
        && Objects.equals(orEmpty(actual.getHostAliases()), orEmpty(template.getHostAliases()))
        && dnsPolicy(actual).equals(dnsPolicy(template)) && Objects.equals(actual.getDnsConfig(), template.getDnsConfig());
  }

  private static boolean sameContainers(List<Container> actual, List<Container> template) {
    return byName(actual, Container::getName).equals(byName(template, Container::getName));
  }

  private static <T> Map<String, List<Object>> byName(List<T> items, Function<T, String> name) {
    return orEmpty(items).stream().collect(Collectors.toMap(name, TemplatePods::essentials, (x, y) -> List.of("duplicate")));
  }

  /**
   * A container's image, command, arguments, environment, mounts, hooks and probes (what decides what runs in it and
   * what it reports); a volume whole.
   */
  private static List<Object> essentials(Object item) {
    if (item instanceof Container c) {
      return List.of(String.valueOf(c.getImage()), orEmpty(c.getCommand()), orEmpty(c.getArgs()), orEmpty(c.getEnv()),
          orEmpty(c.getEnvFrom()), orEmpty(c.getVolumeMounts()), orEmpty(c.getVolumeDevices()), String.valueOf(c.getWorkingDir()),
          String.valueOf(c.getTerminationMessagePath()), String.valueOf(c.getTerminationMessagePolicy()),
          // what the kubelet itself runs inside the container: a hook or an exec probe could rewrite the report
          String.valueOf(c.getLifecycle()), String.valueOf(c.getStartupProbe()), String.valueOf(c.getLivenessProbe()),
          String.valueOf(c.getReadinessProbe()));
    }
    return List.of(item);
  }

  /** The API server defaults it to ClusterFirst. */
  private static String dnsPolicy(PodSpec spec) {
    return spec.getDnsPolicy() == null ? "ClusterFirst" : spec.getDnsPolicy();
  }

  private static boolean same(Boolean actual, Boolean template) {
    return Boolean.TRUE.equals(actual) == Boolean.TRUE.equals(template);
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
