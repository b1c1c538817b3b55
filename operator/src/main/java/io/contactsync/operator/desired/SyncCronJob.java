package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncSpec;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CronJob that runs a sync: the operator's own image with the sync command, one run at a time, under its own
 * service account with no token, meeting Pod Security "restricted".
 */
public final class SyncCronJob {
  static final long RUN_AS = 65532;
  /** spec.timeout when it is not set (the CRD's default). */
  public static final String DEFAULT_TIMEOUT = "30m";

  private SyncCronJob() {}

  /**
   * @param secretItems where each key of the sync Secret appears in the pod (see {@link SyncSecret#volumeItems})
   * @param suspend stop scheduling (the spec says so, or no data may flow right now)
   */
  public static CronJob desired(ContactSync sync, OperatorSettings settings, List<KeyToPath> secretItems, boolean suspend) {
    ContactSyncSpec spec = sync.getSpec();
    return new CronJobBuilder()
        .withNewMetadata().withName(Names.cronJob(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "sync")).endMetadata()
        .withNewSpec()
        .withSchedule(spec.getSchedule())
        .withTimeZone(settings.cronJobTimeZones() ? spec.getTimeZone() : null)
        .withSuspend(suspend)
        .withConcurrencyPolicy("Forbid")
        .withStartingDeadlineSeconds(300L)
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(Names.labels(sync, "sync")).endMetadata()
        .withSpec(jobSpec(sync, settings, secretItems))
        .endJobTemplate()
        .endSpec()
        .build();
  }

  /**
   * The spec of a run's Job, shared by scheduled runs and requested ones. A finished Job (with its pod and logs) is
   * deleted after the admin's TTL, where the cluster runs the TTL controller (Kubernetes 1.21+).
   */
  public static JobSpec jobSpec(ContactSync sync, OperatorSettings settings, List<KeyToPath> secretItems) {
    ContactSyncSpec spec = sync.getSpec();
    return new JobSpecBuilder()
        .withBackoffLimit(spec.getRetries() == null ? 3 : spec.getRetries())
        .withActiveDeadlineSeconds(seconds(spec.getTimeout() == null ? DEFAULT_TIMEOUT : spec.getTimeout()))
        .withTtlSecondsAfterFinished((int) Math.min(Integer.MAX_VALUE, settings.bounds().finishedJobTtl().getSeconds()))
        .withNewTemplate()
        .withNewMetadata().withLabels(Names.labels(sync, "sync")).endMetadata()
        .withSpec(podSpec(sync, settings, secretItems))
        .endTemplate()
        .build();
  }

  private static PodSpec podSpec(ContactSync sync, OperatorSettings settings, List<KeyToPath> secretItems) {
    return new PodSpecBuilder()
        .withServiceAccountName(Names.serviceAccount(sync))
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withRestartPolicy("Never")
        .withNewSecurityContext()
        .withRunAsNonRoot(true).withRunAsUser(RUN_AS).withRunAsGroup(RUN_AS).withFsGroup(RUN_AS)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .withContainers(container(sync, settings))
        .addNewVolume().withName("job").withNewConfigMap().withName(Names.jobConfigMap(sync)).withDefaultMode(0444)
        .endConfigMap().endVolume()
        .addNewVolume().withName("state").withNewConfigMap().withName(Names.stateConfigMap(sync)).withOptional(true)
        .withDefaultMode(0444).endConfigMap().endVolume()
        .addNewVolume().withName("secret").withNewSecret().withSecretName(Names.syncSecret(sync)).withDefaultMode(0400)
        .withItems(secretItems).endSecret().endVolume()
        .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("1Gi")).endEmptyDir().endVolume()
        .build();
  }

  private static Container container(ContactSync sync, OperatorSettings settings) {
    return new ContainerBuilder()
        .withName("sync")
        .withImage(settings.image())
        .withImagePullPolicy(settings.imagePullPolicy())
        // a successful run writes its report there; a failed one leaves its last log lines, ending in its error
        .withTerminationMessagePath(PodPaths.TERMINATION_LOG)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withArgs("sync", "--config", PodPaths.JOB_DIR + "/" + PodPaths.JOB_FILE,
            "--keys-dir", PodPaths.SECRET_DIR + "/" + PodPaths.KEYS_SUBDIR,
            "--credentials-dir", PodPaths.SECRET_DIR + "/" + PodPaths.CREDENTIALS_SUBDIR,
            "--checkpoint", PodPaths.STATE_DIR + "/" + PodPaths.CHECKPOINT_FILE,
            "--report", PodPaths.TERMINATION_LOG)
        .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
        // 60%: the rest of the limit holds the worker's classes, code and buffers (its heap stays flat, bench/RESULTS.md)
        .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue("-XX:MaxRAMPercentage=60 -Djava.io.tmpdir=/tmp").endEnv()
        .withResources(resources(sync.getSpec().getResources(), settings.bounds()))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount().withName("job").withMountPath(PodPaths.JOB_DIR).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("state").withMountPath(PodPaths.STATE_DIR).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("secret").withMountPath(PodPaths.SECRET_DIR).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
  }

  /**
   * What the sync declares (validation keeps it within the admin's bounds), else the defaults; a limit it leaves out
   * is the admin's maximum, so no sync pod is unbounded.
   */
  static ResourceRequirements resources(ResourceRequirements declared, AdminBounds bounds) {
    if (declared != null && (declared.getRequests() != null || declared.getLimits() != null)) {
      Map<String, Quantity> limits = new TreeMap<>(Map.of("cpu", bounds.maxCpu(), "memory", bounds.maxMemory()));
      if (declared.getLimits() != null) limits.putAll(declared.getLimits());
      return new ResourceRequirementsBuilder().withRequests(declared.getRequests()).withLimits(limits).build();
    }
    return new ResourceRequirementsBuilder()
        .withRequests(Map.of("cpu", atMost("100m", bounds.maxCpu()), "memory", atMost("256Mi", bounds.maxMemory())))
        .withLimits(Map.of("cpu", bounds.maxCpu(), "memory", atMost("512Mi", bounds.maxMemory())))
        .build();
  }

  private static Quantity atMost(String amount, Quantity max) {
    Quantity q = new Quantity(amount);
    return q.getNumericalAmount().compareTo(max.getNumericalAmount()) <= 0 ? q : max;
  }

  static long seconds(String duration) {
    return Math.max(1, Durations.parse(duration).getSeconds());
  }
}
