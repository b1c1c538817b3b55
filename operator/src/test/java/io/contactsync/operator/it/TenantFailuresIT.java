package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.PodPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue "Where data may go", observation 8: a refused sync or policy says which field is wrong and what to do, and the
 * operator makes nothing for it. Played by tenants with the shipped roles, against the real API server.
 */
class TenantFailuresIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String CANARY = "canary-failures-5e1b";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  @Test
  void aNameTooLongForTheSyncsObjectsNamesTheFieldAndNothingIsMade() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "longname");
    CLUSTER.admin().resource(policy(ns, "p")).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "alice", "contactsync-editor", new ArrayList<>());
    String sixty = "s".repeat(60);
    String longest = "l".repeat(253); // a ContactSync name is a DNS subdomain: the API server takes 253 characters
    for (String name : new String[] {sixty, longest}) {
      tenant.resource(sync(ns, name, "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    }

    for (String name : new String[] {sixty, longest}) {
      await().atMost(CONVERGE).untilAsserted(() -> {
        Condition ready = TestCluster.ready(CLUSTER.admin(), ns, name);
        assertThat(ready).as("Ready of the " + name.length() + "-character name").isNotNull();
        assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo("InvalidSpec");
        assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
        assertThat(ready.getMessage()).contains("metadata.name", name.length() + " characters", "at most 52", "63");
      });
    }
    Thread.sleep(3000); // give a wrongly converging operator the time to write
    assertThat(NothingMade.forSyncs(CLUSTER.admin(), ns)).isEmpty();
  }

  @Test
  void aSyncThatWasReadyKeepsItsCheckpointWhileAViolationStandsAndASyncRefusedFromTheStartGetsNothing() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "laterbad");
    CLUSTER.admin().resource(policy(ns, "p")).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "alice", "contactsync-editor", new ArrayList<>());
    tenant.resource(sync(ns, "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    // the checkpoint a run reported (the operator writes it from the run's pod; here it is put in place directly)
    ConfigMap state = CLUSTER.admin().configMaps().inNamespace(ns).withName("crm-state").edit(c -> {
      c.setData(Map.of(PodPaths.CHECKPOINT_FILE, "{\"source\":\"" + CANARY + "\"}"));
      return c;
    });

    tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").edit(s -> {
      s.getSpec().getDestinations().add(fileDestination("more", "more.jsonl", new PolicyReference("missing", null)));
      return s;
    });
    await().atMost(CONVERGE).untilAsserted(() ->
        assertThat(TestCluster.ready(CLUSTER.admin(), ns, "crm").getReason()).isEqualTo("PolicyNotFound"));
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(NothingMade.forSyncs(CLUSTER.admin(), ns))
        .as("the data plane goes; the checkpoint, the account and the network policy stay")
        .containsExactlyInAnyOrder("ServiceAccount crm-sync", "ConfigMap crm-state", "NetworkPolicy crm-sync"));
    ConfigMap kept = CLUSTER.admin().configMaps().inNamespace(ns).withName("crm-state").get();
    assertThat(kept.getMetadata().getUid()).isEqualTo(state.getMetadata().getUid());
    assertThat(kept.getData()).isEqualTo(state.getData());

    tenant.resource(sync(ns, "fresh", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("missing", null))))
        .create();
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(TestCluster.ready(CLUSTER.admin(), ns, "fresh"))
        .isNotNull().extracting(Condition::getReason).isEqualTo("PolicyNotFound"));
    Thread.sleep(3000);
    assertThat(NothingMade.forSyncs(CLUSTER.admin(), ns)).as("nothing new for the refused sync")
        .containsExactlyInAnyOrder("ServiceAccount crm-sync", "ConfigMap crm-state", "NetworkPolicy crm-sync");

    // fixed, the first sync converges again on the checkpoint it had
    tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").edit(s -> {
      s.getSpec().getDestinations().removeIf(d -> d.getName().equals("more"));
      return s;
    });
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    assertThat(CLUSTER.admin().configMaps().inNamespace(ns).withName("crm-state").get().getData()).isEqualTo(state.getData());
  }

  @Test
  void aPolicyWhoseKeysSecretNameIsTakenSaysSoOnceAndTheSecretIsUntouched() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "keystaken");
    Secret theirs = CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("p-keys").withNamespace(ns)
        .endMetadata().withType("Opaque").addToData("password", base64(CANARY)).build()).create();
    KubernetesClient officer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    officer.resource(policy(ns, "p")).create(); // no keys.secretName: its keys Secret is p-keys

    await().atMost(CONVERGE).untilAsserted(() -> {
      PrivacyPolicy p = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("p").get();
      assertThat(p.getStatus()).as("the policy's status").isNotNull();
      assertThat(p.getStatus().getConditions()).singleElement().satisfies(c -> {
        assertThat(c.getStatus()).isEqualTo(Condition.Status.False);
        assertThat(c.getReason()).isEqualTo("KeysSecretNotOwned");
        assertThat(c.getMessage()).contains("Secret is p-keys", "keys.secretName is not set",
            "Set keys.secretName to a name no Secret in " + ns + " has").doesNotContain(CANARY);
      });
    });
    String version = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("p").get()
        .getMetadata().getResourceVersion();
    Thread.sleep(3000); // a loop of failed creates would write status or events again
    assertThat(CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("p").get().getMetadata()
        .getResourceVersion()).as("status written once").isEqualTo(version);
    Secret after = CLUSTER.admin().secrets().inNamespace(ns).withName("p-keys").get();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(theirs.getMetadata().getResourceVersion());
    assertThat(CLUSTER.writes()).noneMatch(w -> w.contains("/namespaces/" + ns + "/secrets"));
    assertThat(CLUSTER.log()).doesNotContain(CANARY);

    // a sync under that policy waits for its keys and gets nothing meanwhile
    KubernetesClient editor = TestCluster.tenant(CLUSTER.admin(), ns, "alice", "contactsync-editor", new ArrayList<>());
    editor.resource(sync(ns, "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(TestCluster.ready(CLUSTER.admin(), ns, "crm"))
        .isNotNull().extracting(Condition::getReason).isEqualTo("PolicyKeysMissing"));
    Thread.sleep(3000);
    assertThat(NothingMade.forSyncs(CLUSTER.admin(), ns)).isEmpty();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
