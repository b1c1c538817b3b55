package io.contactsync.operator.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** What the operator made in a namespace for ContactSyncs: every object a sync owns or that carries a sync's label. */
final class NothingMade {
  private static final List<Class<? extends HasMetadata>> KINDS = List.of(CronJob.class, Job.class, Secret.class,
      ConfigMap.class, ServiceAccount.class, NetworkPolicy.class);

  private NothingMade() {}

  /** "Kind name" of each object in {@code ns} made for a sync, empty when the operator made nothing there. */
  static List<String> forSyncs(KubernetesClient admin, String ns) {
    return KINDS.stream().flatMap(kind -> admin.resources(kind).inNamespace(ns).list().getItems().stream())
        .filter(NothingMade::ofASync)
        .map(o -> o.getKind() + " " + o.getMetadata().getName()).toList();
  }

  private static boolean ofASync(HasMetadata o) {
    Map<String, String> labels = Objects.requireNonNullElse(o.getMetadata().getLabels(), Map.of());
    return labels.containsKey("contactsync.io/sync") || Stream.ofNullable(o.getMetadata().getOwnerReferences())
        .flatMap(List::stream).anyMatch(r -> "ContactSync".equals(r.getKind()));
  }
}
