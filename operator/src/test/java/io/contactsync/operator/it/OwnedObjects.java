package io.contactsync.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a namespace of converged ContactSyncs must hold: exactly one of each owned object per sync, none orphaned. */
final class OwnedObjects {
  private OwnedObjects() {}

  static void assertExactlyOneOfEachPerSync(KubernetesClient admin, String ns, int syncs) {
    assertThat(names(admin.batch().v1().cronjobs().inNamespace(ns).list().getItems())).as("CronJobs")
        .hasSize(syncs).doesNotHaveDuplicates();
    assertThat(names(admin.secrets().inNamespace(ns).withLabel("contactsync.io/sync").list().getItems())).as("Secrets")
        .hasSize(syncs).doesNotHaveDuplicates();
    assertThat(names(admin.configMaps().inNamespace(ns).withLabel("contactsync.io/sync").list().getItems()))
        .as("job and state ConfigMap of each").hasSize(2 * syncs).doesNotHaveDuplicates();
    assertThat(names(admin.network().v1().networkPolicies().inNamespace(ns).list().getItems())).as("NetworkPolicies")
        .hasSize(syncs).doesNotHaveDuplicates();
    assertThat(names(admin.serviceAccounts().inNamespace(ns).withLabel("contactsync.io/sync").list().getItems()))
        .as("ServiceAccounts").hasSize(syncs).doesNotHaveDuplicates();
    Map<String, Long> owners = admin.batch().v1().cronjobs().inNamespace(ns).list().getItems().stream()
        .collect(Collectors.groupingBy(c -> c.getMetadata().getOwnerReferences().get(0).getName(), Collectors.counting()));
    assertThat(owners).as("each CronJob owned by one sync").hasSize(syncs).allSatisfy((sync, count) -> assertThat(count).isEqualTo(1L));
  }

  private static List<String> names(List<? extends HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).toList();
  }
}
