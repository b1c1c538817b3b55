package io.contactsync.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.net.HttpURLConnection;

/**
 * Status writes that land only on the object as the reconcile read it. The patch carries the resourceVersion read, so
 * if anyone changed the resource in between (a new spec, a new generation), the API server answers 409 and JOSDK
 * reconciles again with the fresh object. Without it, a patch whose response also carries someone else's change is
 * taken by JOSDK for the operator's own write, and that change is never reconciled: seen with a competing writer
 * and an API server outage (OperatorFaultsIT).
 */
final class StatusPatches {
  private StatusPatches() {}

  /** The metadata of a status patch of {@code read}: its name, namespace and the resourceVersion it was read at. */
  static ObjectMeta metadataOf(HasMetadata read) {
    return new ObjectMetaBuilder().withName(read.getMetadata().getName()).withNamespace(read.getMetadata().getNamespace())
        .withResourceVersion(read.getMetadata().getResourceVersion()).build();
  }

  /**
   * Whether a reconcile failed only because objects changed under it (409: a stale read, or an object created since
   * the cache last saw it). That is no failure to report: the change's own event reconciles again.
   */
  static boolean onlyConflicts(Exception e) {
    if (e instanceof AggregatedOperatorException aggregated) {
      return !aggregated.getAggregatedExceptions().isEmpty()
          && aggregated.getAggregatedExceptions().values().stream().allMatch(StatusPatches::onlyConflicts);
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k) return k.getCode() == HttpURLConnection.HTTP_CONFLICT;
      if (t instanceof AggregatedOperatorException aggregated) return onlyConflicts(aggregated);
    }
    return false;
  }
}
