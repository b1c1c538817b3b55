package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.KeysSpec;
import io.contactsync.api.v1alpha1.PolicyAccess;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.api.v1alpha1.SyncAccess;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, "no escalation through grants", played as the limited tenant on the real API server: nothing a tenant
 * writes (a ContactSync's spec.access, a PrivacyPolicy's keys.secretName and keyReaders) may turn into a binding the
 * tenant could not have made with plain RBAC, or into read access to a Secret the operator did not make for it.
 */
class TenantGrantsIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String CANARY = "canary-db-admin-7f3a91";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  // --- observation 2: grants through spec.access -------------------------------------------------------------

  @Test
  void accessEditorsNamingTheWorldGrantNothingAndTheSyncSaysHowToBindPeople() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "grants");
    String other = TestCluster.namespace(CLUSTER.admin(), "elsewhere");
    CLUSTER.admin().resource(policy(ns, "p")).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "alice", "contactsync-editor", new ArrayList<>());
    ContactSync sync = sync(ns, "crm", "contacts.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    SyncAccess access = new SyncAccess();
    access.getEditors().addAll(List.of(subject(Subject.Kind.Group, "system:unauthenticated", null),
        subject(Subject.Kind.Group, "system:authenticated", null), subject(Subject.Kind.ServiceAccount, "robot", other)));
    access.getViewers().add(subject(Subject.Kind.Group, "system:unauthenticated", null));
    sync.getSpec().setAccess(access);
    tenant.resource(sync).create();

    await().atMost(CONVERGE).until(() -> TestCluster.ready(CLUSTER.admin(), ns, "crm") != null);
    try (KubernetesClient anonymous = anonymous()) {
      assertThatThrownBy(() -> anonymous.resource(sync(ns, "planted", "x.vcf",
          fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create())
          .as("an unauthenticated client creating a ContactSync")
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
    assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).list().getItems()).extracting(b -> b.getMetadata().getName())
        .as("the only binding is the tenant's own, made by the admin").containsExactly("alice-contactsync-editor");
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = TestCluster.ready(CLUSTER.admin(), ns, "crm");
      assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
      assertThat(ready.getReason()).isEqualTo("AccessBindingsUnsupported");
      assertThat(ready.getMessage()).contains("kubectl create rolebinding", "contactsync-editor", "contactsync-viewer");
    });
    assertThat(CLUSTER.admin().batch().v1().cronjobs().inNamespace(ns).withName("crm").get()).as("a violation stops the sync").isNull();
  }

  @Test
  void bindingsAnEarlierOperatorMadeForSpecAccessAreDeletedAndOthersKept() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "upgrade");
    CLUSTER.admin().resource(policy(ns, "p")).create();
    ContactSync created = CLUSTER.admin().resource(sync(ns, "crm", "contacts.vcf",
        fileDestination("out", "out.jsonl", new PolicyReference("p", null)))).create();
    // what the previous version made: owned by the sync, labelled as the operator's access component
    for (String suffix : List.of("viewers", "editors")) {
      CLUSTER.admin().resource(new RoleBindingBuilder().withNewMetadata().withName("crm-" + suffix).withNamespace(ns)
          .withLabels(Map.of("app.kubernetes.io/managed-by", "contactsync-operator", "app.kubernetes.io/component", "access",
              "app.kubernetes.io/name", "contactsync", "app.kubernetes.io/part-of", "contactsync",
              "app.kubernetes.io/instance", "crm", "contactsync.io/sync", "crm"))
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("contactsync.io/v1alpha1").withKind("ContactSync")
              .withName("crm").withUid(created.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
          .endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("contactsync-" + suffix.replace("s", "")).endRoleRef()
          .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("system:authenticated").endSubject()
          .build()).create();
    }
    // the namespace admin's own binding to a shipped role stays: it is not the operator's
    CLUSTER.admin().resource(new RoleBindingBuilder().withNewMetadata().withName("sales-ops-viewers").withNamespace(ns).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("contactsync-viewer").endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("sales-ops").endSubject()
        .build()).create();

    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    await().atMost(CONVERGE).untilAsserted(() ->
        assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).list().getItems()).extracting(b -> b.getMetadata().getName())
            .containsExactly("sales-ops-viewers"));
  }

  // --- observation 3: policy key readers over foreign Secrets ------------------------------------------------

  @Test
  void aPolicyNamingAnExistingSecretAsItsKeysGetsNoRoleAndTheSecretIsUntouched() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "keygrab");
    Secret dbAdmin = CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("db-admin").withNamespace(ns).endMetadata()
        .withType("Opaque").withData(Map.of("password", b64(CANARY))).build()).create();
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    assertForbidden(writer, ns, "db-admin");

    PrivacyPolicy grab = policy(ns, "grab");
    grab.getSpec().setKeys(keys("db-admin"));
    grab.getSpec().setAccess(readers(subject(Subject.Kind.ServiceAccount, "officer", null)));
    writer.resource(grab).create();

    awaitPolicySettled(ns, "grab");
    assertForbidden(writer, ns, "db-admin");
    assertThat(CLUSTER.admin().rbac().roles().inNamespace(ns).withName("grab-key-readers").get()).isNull();
    assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("grab-key-readers").get()).isNull();
    awaitPolicyRefused(ns, "grab", "KeysSecretNotOwned", "db-admin");
    Secret after = CLUSTER.admin().secrets().inNamespace(ns).withName("db-admin").get();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(dbAdmin.getMetadata().getResourceVersion());
    assertThat(after.getData()).isEqualTo(Map.of("password", b64(CANARY)));
    assertThat(after.getMetadata().getOwnerReferences()).isEmpty();

    // status is written once, not in a loop of failed creates
    String version = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("grab").get().getMetadata().getResourceVersion();
    sleep(Duration.ofSeconds(3));
    assertThat(CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("grab").get().getMetadata().getResourceVersion())
        .isEqualTo(version);
    assertThat(CLUSTER.writes()).noneMatch(w -> w.contains("/namespaces/" + ns + "/secrets/db-admin"));

    // the fix the message suggests: once that Secret is gone, the policy gets a keys Secret of its own by that name
    PrivacyPolicy refused = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("grab").get();
    CLUSTER.admin().secrets().inNamespace(ns).withName("db-admin").delete();
    await().atMost(Duration.ofSeconds(100)).untilAsserted(() -> {
      Secret own = CLUSTER.admin().secrets().inNamespace(ns).withName("db-admin").get();
      assertThat(own).isNotNull();
      assertThat(own.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(refused.getMetadata().getUid()));
    });
    await().atMost(CONVERGE).untilAsserted(() ->
        assertThat(writer.secrets().inNamespace(ns).withName("db-admin").get().getData()).containsKey("tokenize.json")
            .doesNotContainKey("password"));
  }

  @Test
  void aSyncNeverTakesKeysFromASecretThePolicyMerelyNames() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "borrow");
    // an admin's Secret shaped like policy keys: the resolver must not copy it into a sync's Secret
    java.util.Map<String, String> planted = new java.util.TreeMap<>();
    for (var purpose : io.contactsync.privacy.keys.KeyPurpose.values()) planted.put(purpose.fileName(), b64(CANARY));
    CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("shared-keys").withNamespace(ns).endMetadata()
        .withType("Opaque").withData(planted).build()).create();
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    PrivacyPolicy borrow = policy(ns, "borrow");
    borrow.getSpec().setKeys(keys("shared-keys"));
    writer.resource(borrow).create();
    KubernetesClient editor = TestCluster.tenant(CLUSTER.admin(), ns, "alice", "contactsync-editor", new ArrayList<>());
    editor.resource(sync(ns, "crm", "contacts.vcf", fileDestination("out", "out.jsonl", new PolicyReference("borrow", null))))
        .create();

    await().atMost(CONVERGE).until(() -> TestCluster.ready(CLUSTER.admin(), ns, "crm") != null);
    Secret syncSecret = CLUSTER.admin().secrets().inNamespace(ns).withName("crm-sync").get();
    assertThat(syncSecret == null || syncSecret.getData().values().stream().noneMatch(b64(CANARY)::equals))
        .as("the sync's Secret holds none of shared-keys").isTrue();
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = TestCluster.ready(CLUSTER.admin(), ns, "crm");
      assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
      assertThat(ready.getReason()).isEqualTo("PolicyKeysMissing");
    });
    assertThat(CLUSTER.admin().secrets().inNamespace(ns).withName("crm-sync").get()).isNull();
    awaitPolicyRefused(ns, "borrow", "KeysSecretNotOwned", "shared-keys");
  }

  @Test
  void aPolicyThatLaterNamesAForeignSecretLosesItsKeyReadersGrantAndKeepsItsKeys() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "switch");
    CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("db-admin").withNamespace(ns).endMetadata()
        .withType("Opaque").withData(Map.of("password", b64(CANARY))).build()).create();
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    PrivacyPolicy p = policy(ns, "p");
    p.getSpec().setAccess(readers(subject(Subject.Kind.ServiceAccount, "officer", null)));
    writer.resource(p).create();
    await().atMost(CONVERGE).until(() -> CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("p-key-readers").get() != null);
    Secret keys = CLUSTER.admin().secrets().inNamespace(ns).withName("p-keys").get();

    writer.resources(PrivacyPolicy.class).inNamespace(ns).withName("p").edit(current -> {
      current.getSpec().setKeys(keys("db-admin"));
      return current;
    });
    awaitPolicyRefused(ns, "p", "KeysSecretNotOwned", "db-admin");
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(CLUSTER.admin().rbac().roles().inNamespace(ns).withName("p-key-readers").get()).isNull();
      assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("p-key-readers").get()).isNull();
    });
    assertForbidden(writer, ns, "db-admin");
    assertThat(CLUSTER.admin().secrets().inNamespace(ns).withName("p-keys").get().getData()).as("keys are never deleted by a refusal")
        .isEqualTo(keys.getData());
  }

  @Test
  void aPolicyInTheOperatorsNamespaceCannotHandOutTheSealingKeys() {
    String ns = TestCluster.OPERATOR_NAMESPACE;
    Secret sealing = CLUSTER.admin().secrets().inNamespace(ns).withName("contactsync-sealing-keys").get();
    assertThat(sealing).as("the operator made its sealing keys at start").isNotNull();
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    try {
      assertForbidden(writer, ns, "contactsync-sealing-keys");
      PrivacyPolicy grab = policy(ns, "grab");
      grab.getSpec().setKeys(keys("contactsync-sealing-keys"));
      grab.getSpec().setAccess(readers(subject(Subject.Kind.ServiceAccount, "officer", null)));
      writer.resource(grab).create();

      awaitPolicySettled(ns, "grab");
      assertForbidden(writer, ns, "contactsync-sealing-keys");
      assertThat(CLUSTER.admin().rbac().roles().inNamespace(ns).withName("grab-key-readers").get()).isNull();
      assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("grab-key-readers").get()).isNull();
      awaitPolicyRefused(ns, "grab", "PolicyInOperatorNamespace", ns);
      Secret after = CLUSTER.admin().secrets().inNamespace(ns).withName("contactsync-sealing-keys").get();
      assertThat(after.getMetadata().getResourceVersion()).isEqualTo(sealing.getMetadata().getResourceVersion());
      assertThat(after.getData()).isEqualTo(sealing.getData());
    } finally {
      CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("grab").delete();
      CLUSTER.admin().rbac().roles().inNamespace(ns).withName("grab-key-readers").delete();
      CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("grab-key-readers").delete();
      CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("officer-contactsync-policy-editor").delete();
      CLUSTER.admin().serviceAccounts().inNamespace(ns).withName("officer").delete();
    }
  }

  @Test
  void keyReadersThatNameEveryoneAreRefused() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "world");
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    PrivacyPolicy world = policy(ns, "world");
    world.getSpec().setAccess(readers(subject(Subject.Kind.Group, "system:unauthenticated", null),
        subject(Subject.Kind.User, "system:anonymous", null)));
    writer.resource(world).create();

    awaitPolicyRefused(ns, "world", "KeyReaderNotAllowed", "system:unauthenticated");
    assertThat(CLUSTER.admin().rbac().roles().inNamespace(ns).withName("world-key-readers").get()).isNull();
    assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("world-key-readers").get()).isNull();
    try (KubernetesClient anonymous = anonymous()) {
      assertThatThrownBy(() -> anonymous.secrets().inNamespace(ns).withName("world-keys").get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void aKeyReaderGetsThePolicysOwnKeysSecretAndNothingElse() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "reveal");
    CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("db-admin").withNamespace(ns).endMetadata()
        .withType("Opaque").withData(Map.of("password", b64(CANARY))).build()).create();
    CLUSTER.admin().serviceAccounts().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
        .withNewMetadata().withName("auditor").endMetadata().build()).create();
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());
    PrivacyPolicy p = policy(ns, "p");
    p.getSpec().setAccess(readers(subject(Subject.Kind.ServiceAccount, "auditor", null)));
    PrivacyPolicy created = writer.resource(p).create();

    await().atMost(CONVERGE).untilAsserted(() -> {
      PrivacyPolicy current = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("p").get();
      assertThat(current.getStatus()).isNotNull();
      assertThat(current.getStatus().getConditions()).singleElement().satisfies(c ->
          assertThat(c.getStatus()).as(c.getMessage()).isEqualTo(Condition.Status.True));
      assertThat(CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("p-key-readers").get()).isNotNull();
    });
    Secret keys = CLUSTER.admin().secrets().inNamespace(ns).withName("p-keys").get();
    assertThat(keys.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
    try (KubernetesClient auditor = TestCluster.serviceAccount(ns, "auditor", new ArrayList<>())) {
      await().atMost(CONVERGE).untilAsserted(() ->
          assertThat(auditor.secrets().inNamespace(ns).withName("p-keys").get().getData()).containsKey("tokenize.json"));
      assertForbidden(auditor, ns, "db-admin");
      assertThatThrownBy(() -> auditor.secrets().inNamespace(ns).list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
    Role role = CLUSTER.admin().rbac().roles().inNamespace(ns).withName("p-key-readers").get();
    assertThat(role.getRules()).singleElement().satisfies(r -> {
      assertThat(r.getResourceNames()).containsExactly("p-keys");
      assertThat(r.getVerbs()).containsExactly("get");
    });
    RoleBinding binding = CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("p-key-readers").get();
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("auditor"));
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** Waits until the operator has acted on the policy: a status, or (today's behaviour) a key-readers Role. */
  private static void awaitPolicySettled(String ns, String name) {
    await().atMost(CONVERGE).until(() -> {
      PrivacyPolicy p = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName(name).get();
      return (p.getStatus() != null && !p.getStatus().getConditions().isEmpty())
          || CLUSTER.admin().rbac().roles().inNamespace(ns).withName(name + "-key-readers").get() != null;
    });
  }

  private static void awaitPolicyRefused(String ns, String name, String reason, String named) {
    await().atMost(CONVERGE).untilAsserted(() -> {
      PrivacyPolicy p = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName(name).get();
      assertThat(p.getStatus()).as("the policy's status").isNotNull();
      assertThat(p.getStatus().getConditions()).singleElement().satisfies(c -> {
        assertThat(c.getStatus()).isEqualTo(Condition.Status.False);
        assertThat(c.getReason()).isEqualTo(reason);
        assertThat(c.getMessage()).contains(named).doesNotContain(CANARY);
      });
    });
  }

  private static void assertForbidden(KubernetesClient client, String ns, String secret) {
    assertThatThrownBy(() -> {
      Secret s = client.secrets().inNamespace(ns).withName(secret).get();
      // never print the value: say only that it was readable
      throw new AssertionError("Secret " + ns + "/" + secret + " was readable" + (s == null ? " (absent)" : ""));
    }).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  /** A client acting as an unauthenticated caller, as the API server sees one. */
  private static KubernetesClient anonymous() {
    Config config = new ConfigBuilder(Config.autoConfigure(null)).withImpersonateUsername("system:anonymous")
        .withImpersonateGroups("system:unauthenticated").build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static KeysSpec keys(String secretName) {
    KeysSpec keys = new KeysSpec();
    keys.setSecretName(secretName);
    return keys;
  }

  private static PolicyAccess readers(Subject... subjects) {
    PolicyAccess access = new PolicyAccess();
    access.getKeyReaders().addAll(List.of(subjects));
    return access;
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A policy writer names its policy so that {@code <policy>-key-readers} is a Role and RoleBinding an admin made
   * (here for a vault agent's token). The operator must not apply its key-reader Role and binding over them: that would
   * rewrite the admin's grant, bind the policy's readers in place of the admin's subjects, and have the garbage
   * collector delete both with the policy.
   */
  @Test
  void aPolicyNamedAfterAnAdminsRoleDoesNotTakeOverItsRoleOrRoleBinding() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "roletake");
    Role adminsRole = CLUSTER.admin().rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata()
        .withName("vault-key-readers").endMetadata().addNewRule().withApiGroups("").withResources("secrets")
        .withResourceNames("vault-token").withVerbs("get").endRule().build()).create();
    RoleBinding adminsBinding = CLUSTER.admin().rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("vault-key-readers").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("vault-key-readers").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("vault-agent").withNamespace(ns).endSubject().build()).create();
    KubernetesClient writer = TestCluster.tenant(CLUSTER.admin(), ns, "officer", "contactsync-policy-editor", new ArrayList<>());

    PrivacyPolicy vault = policy(ns, "vault");
    KeysSpec keys = new KeysSpec();
    keys.setSecretName("vault-policy-keys");
    vault.getSpec().setKeys(keys);
    PolicyAccess access = new PolicyAccess();
    access.getKeyReaders().add(subject(Subject.Kind.ServiceAccount, "officer", null));
    vault.getSpec().setAccess(access);
    writer.resource(vault).create();

    // the policy's own keys Secret is made: the operator has acted on the policy
    await().atMost(CONVERGE).until(() -> CLUSTER.admin().secrets().inNamespace(ns).withName("vault-policy-keys").get() != null);
    sleep(Duration.ofSeconds(5));
    Role role = CLUSTER.admin().rbac().roles().inNamespace(ns).withName("vault-key-readers").get();
    RoleBinding binding = CLUSTER.admin().rbac().roleBindings().inNamespace(ns).withName("vault-key-readers").get();
    assertThat(role.getRules()).as("the admin's Role's rules").isEqualTo(adminsRole.getRules());
    assertThat(role.getMetadata().getOwnerReferences()).as("owners of the admin's Role").isEmpty();
    assertThat(binding.getSubjects()).as("the admin's RoleBinding's subjects").isEqualTo(adminsBinding.getSubjects());
    assertThat(binding.getMetadata().getOwnerReferences()).as("owners of the admin's RoleBinding").isEmpty();
    // and the policy says so, naming both; its keys stay usable by syncs
    await().atMost(CONVERGE).untilAsserted(() -> {
      PrivacyPolicy p = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(ns).withName("vault").get();
      assertThat(p.getStatus()).as("the policy's status").isNotNull();
      assertThat(p.getStatus().getKeysSecret()).isEqualTo("vault-policy-keys");
      assertThat(p.getStatus().getConditions()).singleElement().satisfies(c -> {
        assertThat(c.getStatus()).isEqualTo(Condition.Status.False);
        assertThat(c.getReason()).isEqualTo("NameTaken");
        assertThat(c.getMessage()).contains("Role and RoleBinding vault-key-readers already exist", "access.keyReaders");
      });
    });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
