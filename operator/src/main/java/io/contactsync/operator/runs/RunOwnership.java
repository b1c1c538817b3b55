package io.contactsync.operator.runs;

import io.contactsync.api.v1alpha1.ContactSync;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which Jobs and pods are runs of one sync, decided by owner UIDs alone. Names and labels never count: anyone who may
 * create a Pod in the namespace can copy them, and the pod's own command writes its termination message. A run is a
 * Pod controlled by a Job the operator sees and running what its template says, and that Job is controlled by the
 * sync's CronJob (which the sync owns) or, for a run request, by the sync itself.
 */
public final class RunOwnership {
  private static final String BATCH = "batch/";
  private static final String CONTACTSYNC = HasMetadata.getGroup(ContactSync.class) + "/";

  private final String syncUid;
  private final CronJob cronJob;
  private final Map<String, Job> runJobs;

  private RunOwnership(String syncUid, CronJob cronJob, Map<String, Job> runJobs) {
    this.syncUid = syncUid;
    this.cronJob = cronJob;
    this.runJobs = runJobs;
  }

  /**
   * @param cronJob the CronJob found for the sync, or null; it counts only when it carries the sync's UID as owner
   * @param jobs the Jobs the operator sees for the sync (whatever their labels say)
   */
  public static RunOwnership of(ContactSync sync, CronJob cronJob, Collection<Job> jobs) {
    String syncUid = sync.getMetadata().getUid();
    CronJob own = cronJob != null && ownedBy(cronJob, CONTACTSYNC, HasMetadata.getKind(ContactSync.class), syncUid)
        ? cronJob : null;
    String cronJobUid = own == null ? null : own.getMetadata().getUid();
    Map<String, Job> runJobs = jobs.stream()
        .filter(j -> controlledBy(j, BATCH, "CronJob", cronJobUid)
            || controlledBy(j, CONTACTSYNC, HasMetadata.getKind(ContactSync.class), syncUid))
        .collect(Collectors.toMap(j -> j.getMetadata().getUid(), j -> j, (a, b) -> a));
    return new RunOwnership(syncUid, own, runJobs);
  }

  /** The sync's own CronJob, when the one found is it. */
  public Optional<CronJob> cronJob() {
    return Optional.ofNullable(cronJob);
  }

  /** The Jobs that are runs of the sync: controlled by its CronJob or, for run requests, by the sync itself. */
  public Collection<Job> jobs() {
    return runJobs.values();
  }

  /** Whether the Job is a requested run of the sync: one the operator made, controlled by the sync itself. */
  public boolean isRequestedRun(Job job) {
    return controlledBy(job, CONTACTSYNC, HasMetadata.getKind(ContactSync.class), syncUid);
  }

  /**
   * The pods that are runs of the sync: each controlled by one of its run Jobs, and running what that Job's template
   * says (anyone who may create pods can name the Job's UID; see {@link TemplatePods}).
   */
  public List<Pod> runs(Collection<Pod> pods) {
    return pods.stream().filter(p -> runJobs.values().stream()
        .anyMatch(job -> controlledBy(p, BATCH, "Job", job.getMetadata().getUid()) && TemplatePods.follows(p, job))).toList();
  }

  /** The object's controller reference (at most one, the API server ensures) names this kind and UID. */
  static boolean controlledBy(HasMetadata object, String apiGroupPrefix, String kind, String uid) {
    return owners(object).stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()) && matches(o, apiGroupPrefix, kind, uid));
  }

  /**
   * Any owner reference names this kind and UID. The sync's CronJob carries one without controller=true (JOSDK sets
   * it); only someone who may write CronJobs in the namespace can put the sync's UID there.
   */
  static boolean ownedBy(HasMetadata object, String apiGroupPrefix, String kind, String uid) {
    return owners(object).stream().anyMatch(o -> matches(o, apiGroupPrefix, kind, uid));
  }

  private static boolean matches(OwnerReference owner, String apiGroupPrefix, String kind, String uid) {
    return uid != null && !uid.isEmpty() && uid.equals(owner.getUid()) && kind.equals(owner.getKind())
        && owner.getApiVersion() != null && owner.getApiVersion().startsWith(apiGroupPrefix);
  }

  private static List<OwnerReference> owners(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata() == null ? null : object.getMetadata().getOwnerReferences();
    return owners == null ? List.of() : owners;
  }
}
