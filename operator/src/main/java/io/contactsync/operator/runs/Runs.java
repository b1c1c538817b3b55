package io.contactsync.operator.runs;

import io.contactsync.sync.pipeline.RunReport;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the sync pods of one ContactSync say about its runs. */
public final class Runs {
  static final String CONTAINER = "sync";

  private Runs() {}

  /** The run that finished last, successful or not. */
  public static Optional<FinishedRun> latestFinished(List<Pod> pods) {
    return pods.stream().map(Runs::finished).flatMap(Optional::stream).max(Comparator.comparing(FinishedRun::finishedAt));
  }

  /** The successful run that finished last: the one whose checkpoint the next run starts from. */
  public static Optional<FinishedRun> latestSucceeded(List<Pod> pods) {
    return pods.stream().map(Runs::finished).flatMap(Optional::stream).filter(FinishedRun::succeeded)
        .max(Comparator.comparing(FinishedRun::finishedAt));
  }

  /** The latest start of a run, for lastScheduleTime. */
  public static Optional<Instant> latestStart(List<Pod> pods) {
    return pods.stream().map(p -> p.getStatus() == null ? null : instant(p.getStatus().getStartTime()))
        .filter(i -> i != null).max(Comparator.naturalOrder());
  }

  static Optional<FinishedRun> finished(Pod pod) {
    if (pod.getStatus() == null) return Optional.empty();
    ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses() == null ? null
        : pod.getStatus().getContainerStatuses().stream().filter(c -> CONTAINER.equals(c.getName())).findFirst()
            .map(ContainerStatus::getState).map(s -> s.getTerminated()).orElse(null);
    String job = job(pod);
    if (terminated == null) {
      if (!"Failed".equals(pod.getStatus().getPhase())) return Optional.empty();
      Instant at = Optional.ofNullable(instant(pod.getStatus().getStartTime())).orElse(Instant.EPOCH);
      return Optional.of(new FinishedRun(job, at, false, null, "the pod failed: "
          + Optional.ofNullable(pod.getStatus().getReason()).orElse("no reason given")));
    }
    Instant finishedAt = Optional.ofNullable(instant(terminated.getFinishedAt())).orElse(Instant.EPOCH);
    RunReport report = RunReport.parse(terminated.getMessage());
    if (terminated.getExitCode() != null && terminated.getExitCode() == 0 && report != null) {
      return Optional.of(new FinishedRun(job, finishedAt, true, report, null));
    }
    return Optional.of(new FinishedRun(job, finishedAt, false, null, error(terminated)));
  }

  /** The worker's own error line when its logs ended in one, else the exit code and reason. */
  static String error(ContainerStateTerminated terminated) {
    String message = terminated.getMessage() == null ? "" : terminated.getMessage();
    String line = message.lines().filter(l -> l.startsWith("contactsync: ")).reduce((a, b) -> b).orElse(null);
    if (line != null) return line.substring("contactsync: ".length()).strip();
    return "exit code " + terminated.getExitCode() + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")");
  }

  private static String job(Pod pod) {
    if (pod.getMetadata().getOwnerReferences() != null) {
      for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
        if ("Job".equals(owner.getKind())) return owner.getName();
      }
    }
    var labels = pod.getMetadata().getLabels();
    return labels != null && labels.containsKey("job-name") ? labels.get("job-name") : pod.getMetadata().getName();
  }

  private static Instant instant(String timestamp) {
    if (timestamp == null) return null;
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
