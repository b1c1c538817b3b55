package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Job of a run requested with the contactsync.io/run-requested-at annotation: the CronJob's run, now. */
public final class RequestedRun {
  private RequestedRun() {}

  /** The request value, when the sync carries one that has not been honoured yet. */
  public static Optional<String> pending(ContactSync sync) {
    var annotations = sync.getMetadata().getAnnotations();
    String requested = annotations == null ? null : annotations.get(Names.RUN_REQUESTED_AT);
    if (requested == null || requested.isBlank()) return Optional.empty();
    String honoured = sync.getStatus() == null ? null : sync.getStatus().getLastRunRequest();
    return requested.equals(honoured) ? Optional.empty() : Optional.of(requested);
  }

  public static Job desired(ContactSync sync, String requestedAt, OperatorSettings settings, List<KeyToPath> secretItems) {
    Map<String, String> labels = Names.labels(sync, "sync");
    labels.put(Names.RUN_REQUEST_LABEL, Names.runRequestId(requestedAt));
    return new JobBuilder()
        .withNewMetadata().withName(Names.requestedRunJob(sync, requestedAt)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(labels).withAnnotations(Map.of(Names.RUN_REQUESTED_AT, requestedAt))
        .addNewOwnerReference().withApiVersion(sync.getApiVersion()).withKind(sync.getKind())
        .withName(sync.getMetadata().getName()).withUid(sync.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).endOwnerReference()
        .endMetadata()
        .withSpec(SyncCronJob.jobSpec(sync, settings, secretItems))
        .build();
  }
}
