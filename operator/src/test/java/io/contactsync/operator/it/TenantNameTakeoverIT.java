package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant who may only edit ContactSyncs names a sync so that the objects the operator derives from its name are
 * objects somebody else made. The operator must never take such an object over: taking it over would let the tenant
 * overwrite it through the operator and, when the sync is deleted, have the garbage collector delete it.
 */
class TenantNameTakeoverIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String CANARY = "canary-not-yours-7d2c";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  @Test
  void aSyncNamedAfterSomebodyElsesObjectsTakesNoneOfThemOver() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "takeover");
    CLUSTER.admin().resource(policy(ns, "p")).create();
    List<HasMetadata> theirs = List.of(
        CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("victim-sync").withNamespace(ns).endMetadata()
            .withType("Opaque").addToData("password", base64(CANARY)).build()).create(),
        CLUSTER.admin().resource(new ConfigMapBuilder().withNewMetadata().withName("victim-state").withNamespace(ns).endMetadata()
            .addToData("settings", CANARY).build()).create(),
        CLUSTER.admin().resource(new ServiceAccountBuilder().withNewMetadata().withName("victim-sync").withNamespace(ns).endMetadata()
            .build()).create(),
        CLUSTER.admin().resource(new NetworkPolicyBuilder().withNewMetadata().withName("victim-sync").withNamespace(ns).endMetadata()
            .withNewSpec().withNewPodSelector().addToMatchLabels("app", "db").endPodSelector().withPolicyTypes("Ingress")
            .endSpec().build()).create());
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "mallory", "contactsync-editor", new CopyOnWriteArrayList<>());
    assertThatThrownBy(() -> tenant.secrets().inNamespace(ns).withName("victim-sync").get())
        .as("the tenant may not read that Secret itself")
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThatThrownBy(() -> tenant.secrets().inNamespace(ns).withName("victim-sync").delete())
        .as("nor delete it").isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

    ContactSync victim = tenant.resource(sync(ns, "victim", "in.vcf",
        fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = TestCluster.ready(CLUSTER.admin(), ns, "victim");
      assertThat(ready).isNotNull();
      assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo("NameTaken");
    });
    Condition ready = TestCluster.ready(CLUSTER.admin(), ns, "victim");
    assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
    assertThat(ready.getMessage()).contains("Secret victim-sync", "ConfigMap victim-state", "ServiceAccount victim-sync",
        "NetworkPolicy victim-sync", "rename the ContactSync").doesNotContain(CANARY);
    assertThat(CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName("victim").get()).isNull();
    assertThat(CLUSTER.admin().configMaps().inNamespace(ns).withName("victim-job").get()).isNull();
    Thread.sleep(3000); // give a wrongly converging operator the time to write
    for (HasMetadata before : theirs) {
      HasMetadata now = CLUSTER.admin().resources(before.getClass()).inNamespace(ns).withName(before.getMetadata().getName()).get();
      assertThat(now.getMetadata().getResourceVersion()).as(before.getKind() + " is not written")
          .isEqualTo(before.getMetadata().getResourceVersion());
      assertThat(now.getMetadata().getOwnerReferences()).as(before.getKind() + " is not adopted").isEmpty();
    }

    tenant.resource(victim).delete();
    await().atMost(CONVERGE).until(() -> CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName("victim").get() == null);
    Thread.sleep(3000); // the garbage collector would delete adopted objects now
    assertThat(CLUSTER.admin().secrets().inNamespace(ns).withName("victim-sync").get().getData())
        .containsEntry("password", base64(CANARY));
    assertThat(CLUSTER.admin().configMaps().inNamespace(ns).withName("victim-state").get().getData()).isEqualTo(Map.of("settings", CANARY));
    assertThat(CLUSTER.admin().resources(ServiceAccount.class).inNamespace(ns).withName("victim-sync").get()).isNotNull();
    assertThat(CLUSTER.admin().resources(NetworkPolicy.class).inNamespace(ns).withName("victim-sync").get()).isNotNull();
  }

  @Test
  void onceTheNameIsFreeTheSyncConvergesAndOwnsWhatItMakes() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "freed");
    CLUSTER.admin().resource(policy(ns, "p")).create();
    Secret theirs = CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("crm-sync").withNamespace(ns).endMetadata()
        .withType("Opaque").addToData("password", base64(CANARY)).build()).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "mallory", "contactsync-editor", new CopyOnWriteArrayList<>());
    ContactSync crm = tenant.resource(sync(ns, "crm", "in.vcf",
        fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    await().atMost(CONVERGE).untilAsserted(() ->
        assertThat(TestCluster.ready(CLUSTER.admin(), ns, "crm")).isNotNull().extracting(Condition::getReason).isEqualTo("NameTaken"));

    CLUSTER.admin().resource(theirs).delete();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    Secret ours = CLUSTER.admin().secrets().inNamespace(ns).withName("crm-sync").get();
    assertThat(ours.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(crm.getMetadata().getUid()));
    assertThat(ours.getData()).doesNotContainKey("password");
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
