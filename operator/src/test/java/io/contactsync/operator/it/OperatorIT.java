package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.rule;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.withSealedCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.cli.ContactSyncMain;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SealBinding;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.pipeline.Checkpoint;
import io.contactsync.sync.pipeline.RunReport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator against a real API server, acting with exactly the RBAC it ships: CRDs, convergence, ownership and
 * security settings, policy changes, deletion, and a no-op resync that writes nothing.
 */
class OperatorIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  static KubernetesClient admin;
  static KubernetesClient operatorClient;
  static ContactSyncOperator operator;
  static final List<String> WRITES = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Everything logged while the operator runs (slf4j-simple writes to the current System.err), scanned for canaries. */
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  static PrintStream originalErr;

  @BeforeAll
  static void startOperator() throws Exception {
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeOutputStream(originalErr, LOG), true, StandardCharsets.UTF_8));
    admin = TestCluster.admin();
    TestCluster.install(admin);
    operatorClient = TestCluster.operator(WRITES);
    operator = new ContactSyncOperator(operatorClient, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS, new SimpleMeterRegistry(),
        null, Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    if (originalErr != null) System.setErr(originalErr);
    if (operator != null) operator.close();
    if (operatorClient != null) operatorClient.close();
    if (admin != null) {
      TestCluster.deleteTestNamespaces(admin);
      admin.close();
    }
  }

  private static <T extends HasMetadata> T create(T resource) {
    return admin.resource(resource).create();
  }

  private static ContactSync fresh(ContactSync sync) {
    return admin.resources(ContactSync.class).inNamespace(sync.getMetadata().getNamespace())
        .withName(sync.getMetadata().getName()).get();
  }

  private static Condition condition(ContactSync sync, String type) {
    ContactSync current = fresh(sync);
    if (current == null || current.getStatus() == null) return null;
    return current.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  private static <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return admin.resources(type).inNamespace(namespace).withName(name).get();
  }

  @Test
  void theServerRejectsEveryInvalidSample() throws Exception {
    String ns = TestCluster.namespace(admin, "invalid");
    List<String> accepted = new ArrayList<>();
    for (Path file : TestCluster.yaml(TestCluster.ROOT.resolve("config/samples/invalid"))) {
      try (InputStream in = Files.newInputStream(file)) {
        HasMetadata item = admin.load(in).items().get(0);
        item.getMetadata().setNamespace(ns);
        assertThatThrownBy(() -> admin.resource(item).create()).as(file.getFileName().toString())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
      } catch (AssertionError e) {
        accepted.add(file.getFileName() + ": " + e.getMessage());
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void aValidSyncConvergesToLockedDownOwnedObjects() {
    String ns = TestCluster.namespace(admin, "converge");
    create(policy(ns, "p"));
    ContactSync sync = sync(ns, "crm", "contacts.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    ContactSync created = create(sync);

    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = condition(sync, "Ready");
      assertThat(ready).isNotNull();
      assertThat(ready.getStatus()).as(ready.getMessage()).isEqualTo(Condition.Status.True);
      assertThat(get(CronJob.class, ns, "crm")).isNotNull();
    });
    ContactSync converged = fresh(sync);
    assertThat(converged.getStatus().getObservedGeneration()).isEqualTo(converged.getMetadata().getGeneration());
    assertThat(condition(sync, "PolicyResolved").getReason()).isEqualTo("PoliciesResolved");
    assertThat(condition(sync, "LastRunSucceeded").getStatus()).isEqualTo(Condition.Status.Unknown);
    assertThat(converged.getStatus().getSource()).isEqualTo("file");

    ServiceAccount account = get(ServiceAccount.class, ns, "crm-sync");
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    Secret secret = get(Secret.class, ns, "crm-sync");
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getData()).containsOnlyKeys("keys.out.tokenize.json", "keys.out.hash.json",
        "keys.out.record-id.json", "keys.out.encrypt-public.json");
    assertThat(get(ConfigMap.class, ns, "crm-job").getData().get("job.json")).contains("\"name\":\"crm\"", "Tokenize")
        .doesNotContain("\"keyset");
    assertThat(get(ConfigMap.class, ns, "crm-state").getData()).containsKey("checkpoint.json");
    NetworkPolicy network = get(NetworkPolicy.class, ns, "crm-sync");
    assertThat(network.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(network.getSpec().getIngress()).isEmpty();
    assertThat(network.getSpec().getPodSelector().getMatchLabels()).containsEntry("contactsync.io/sync", "crm");
    assertThat(admin.rbac().roleBindings().inNamespace(ns).list().getItems()).as("the operator binds nobody").isEmpty();

    CronJob cron = get(CronJob.class, ns, "crm");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    var pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isEqualTo("crm-sync");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("contactsync-operator:it");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).singleElement()
        .satisfies(v -> assertThat(v.getSecret().getDefaultMode()).isEqualTo(0400));

    for (HasMetadata owned : List.of(account, secret, network, cron, get(ConfigMap.class, ns, "crm-job"))) {
      OwnerReference owner = owned.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getUid()).as(owned.getKind()).isEqualTo(created.getMetadata().getUid());
      assertThat(owned.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "contactsync-operator")
          .containsEntry("contactsync.io/sync", "crm");
    }
  }

  @Test
  void aPolicyChangeReachesTheSyncsThatUseItAndKeysAreNeverRegenerated() throws Exception {
    String ns = TestCluster.namespace(admin, "change");
    PrivacyPolicy policy = create(policy(ns, "p"));
    ContactSync sync = create(sync(ns, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).until(() -> get(ConfigMap.class, ns, "s-job") != null);
    var keysBefore = get(Secret.class, ns, "p-keys").getData();

    PrivacyPolicy changed = admin.resources(PrivacyPolicy.class).inNamespace(ns).withName("p").get();
    changed.getSpec().getRules().add(rule(PolicyAction.Keep, "title"));
    admin.resource(changed).update();
    await().atMost(CONVERGE).untilAsserted(() ->
        assertThat(get(ConfigMap.class, ns, "s-job").getData().get("job.json")).contains("\"title\""));
    assertThat(get(Secret.class, ns, "p-keys").getData()).isEqualTo(keysBefore);
    assertThat(policy.getMetadata().getName()).isEqualTo(sync.getSpec().getDestinations().get(0).getPrivacyPolicyRef().getName());

    admin.resources(PrivacyPolicy.class).inNamespace(ns).withName("p").edit(p -> {
      p.getMetadata().setAnnotations(Map.of("contactsync.io/rotate-keys-requested-at", "2026-11-27T12:00:00Z",
          "contactsync.io/rotate-keys", "encrypt"));
      return p;
    });
    // compared, never printed: a failure message must not show key material
    await().atMost(CONVERGE).until(() -> {
      // the pod gets the rotated public keys only
      return TenantKeysIT.mountedKeys(get(Secret.class, ns, "s-sync"), "out").describe().get(KeyPurpose.ENCRYPT).size() == 2;
    });
    Secret rotated = get(Secret.class, ns, "p-keys");
    var before = PolicyKeysSecret.parse(new SecretBuilder().withData(keysBefore).build()).describe();
    var after = PolicyKeysSecret.parse(rotated).describe();
    assertThat(after.get(KeyPurpose.ENCRYPT)).hasSize(2).extracting(PolicyKeys.KeyInfo::id)
        .contains(before.get(KeyPurpose.ENCRYPT).get(0).id());
    assertThat(rotated.getData().get("tokenize.json").equals(keysBefore.get("tokenize.json"))).as("tokenize key kept").isTrue();
    assertThat(rotated.getMetadata().getAnnotations()).containsEntry("contactsync.io/keys-rotated-for", "2026-11-27T12:00:00Z");

    // a value encrypted before the rotation still opens, read with the cluster's keys
    var encrypting = policy(ns, "p", rule(PolicyAction.Encrypt, "notes")).getSpec();
    String ciphertext = PolicyCompiler.compile(PolicyDefinitions.from(encrypting),
        PolicyKeysSecret.parse(new SecretBuilder().withData(keysBefore).build()))
        .apply(ContactJson.parse("{\"id\":\"1\",\"formattedName\":\"A\",\"notes\":\"before rotation\"}")).contact().getNotes();
    StringWriter revealed = new StringWriter();
    int exit = ContactSyncMain.commandLine().setOut(new PrintWriter(revealed)).execute("reveal", "--cluster", "-n", ns,
        "--policy", "p", "--field", "notes", ciphertext);
    assertThat(exit).isZero();
    assertThat(revealed.toString().strip()).isEqualTo("before rotation");
  }

  @Test
  void aChangedSpecReachesTheCronJobAndSuspensionIsShown() {
    String ns = TestCluster.namespace(admin, "update");
    create(policy(ns, "p"));
    ContactSync sync = create(sync(ns, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).until(() -> get(CronJob.class, ns, "s") != null);

    mergePatch(sync, "{\"spec\":{\"schedule\":\"15 3 * * *\",\"suspend\":true,\"retries\":1}}");
    await().atMost(CONVERGE).untilAsserted(() -> {
      CronJob cron = get(CronJob.class, ns, "s");
      assertThat(cron.getSpec().getSchedule()).isEqualTo("15 3 * * *");
      assertThat(cron.getSpec().getSuspend()).isTrue();
      assertThat(cron.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(1);
      Condition ready = condition(sync, "Ready");
      assertThat(ready.getReason()).isEqualTo("Suspended");
      assertThat(fresh(sync).getStatus().getObservedGeneration()).isEqualTo(fresh(sync).getMetadata().getGeneration());
    });
    assertThat(fresh(sync).getSpec().getSchedule()).as("the operator never rewrites spec").isEqualTo("15 3 * * *");
  }

  @Test
  void whatAnotherWriterChangesInTheOperatorsFieldsIsPutBack() {
    String ns = TestCluster.namespace(admin, "drift");
    create(policy(ns, "p"));
    create(sync(ns, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).until(() -> get(CronJob.class, ns, "s") != null);
    CronJob converged = get(CronJob.class, ns, "s");
    String schedule = converged.getSpec().getSchedule();
    String image = converged.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

    // another writer (its own field manager) makes the job run every minute, from another image
    admin.resources(CronJob.class).inNamespace(ns).withName("s").edit(c -> {
      c.getSpec().setSchedule("* * * * *");
      c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).setImage("attacker.example/tool:1");
      return c;
    });

    // server-side apply takes the operator's fields back (it forces conflicts); what another manager adds beside
    // them, such as an ingress rule in the NetworkPolicy, stays: docs/security.md says why that changes nothing
    await().atMost(CONVERGE).untilAsserted(() -> {
      CronJob cron = get(CronJob.class, ns, "s");
      assertThat(cron.getSpec().getSchedule()).as("the schedule the spec says").isEqualTo(schedule);
      assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .as("the operator's image").isEqualTo(image);
    });
    assertThat(TestCluster.ready(admin, ns, "s").getStatus()).isEqualTo(Condition.Status.True);
  }

  @Test
  void aPolicyInAnotherNamespaceNeedsItsConsentBeforeAnyDataOrKeyFlows() {
    String team = TestCluster.namespace(admin, "team");
    String compliance = TestCluster.namespace(admin, "compliance");
    create(policy(compliance, "shared"));
    ContactSync sync = create(sync(team, "s", "in.vcf",
        fileDestination("out", "out.jsonl", new PolicyReference("shared", compliance))));
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = condition(sync, "Ready");
      assertThat(ready).isNotNull();
      assertThat(ready.getReason()).isEqualTo("PolicyAccessDenied");
      assertThat(ready.getMessage()).contains("does not admit namespace '" + team + "'");
    });
    assertThat(condition(sync, "PolicyResolved").getStatus()).isEqualTo(Condition.Status.False);
    assertThat(get(CronJob.class, team, "s")).isNull();
    assertThat(get(Secret.class, team, "s-sync")).isNull();

    PrivacyPolicy consent = admin.resources(PrivacyPolicy.class).inNamespace(compliance).withName("shared").get();
    admitting(consent, List.of(team), List.of());
    admin.resource(consent).update();
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(condition(sync, "Ready").getStatus()).isEqualTo(Condition.Status.True);
      assertThat(get(CronJob.class, team, "s")).isNotNull();
      assertThat(get(Secret.class, team, "s-sync").getData()).containsKey("keys.out.tokenize.json");
    });

    PrivacyPolicy withdrawn = admin.resources(PrivacyPolicy.class).inNamespace(compliance).withName("shared").get();
    withdrawn.getSpec().getAccess().setNamespaces(new ArrayList<>());
    admin.resource(withdrawn).update();
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(condition(sync, "Ready").getReason()).isEqualTo("PolicyAccessDenied");
      assertThat(get(CronJob.class, team, "s")).isNull();
      assertThat(get(Secret.class, team, "s-sync")).isNull();
    });
  }

  @Test
  void missingReferencesAreExplainedInStatus() {
    String ns = TestCluster.namespace(admin, "missing");
    ContactSync sync = create(sync(ns, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("nope", null))));
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = condition(sync, "Ready");
      assertThat(ready).isNotNull();
      assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
      assertThat(ready.getReason()).isEqualTo("PolicyNotFound");
      assertThat(ready.getMessage()).contains("PrivacyPolicy " + ns + "/nope, which does not exist");
    });
    create(policy(ns, "nope"));
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(condition(sync, "Ready").getStatus()).isEqualTo(Condition.Status.True));
  }

  @Test
  void sealedCredentialsOpenIntoTheSyncsSecretOnlyForTheSyncTheyWereSealedFor() throws Exception {
    String ns = TestCluster.namespace(admin, "sealed");
    String canary = "canary-sealed-password-5e1b";
    ConfigMap published = get(ConfigMap.class, TestCluster.OPERATOR_NAMESPACE, "contactsync-sealing-public-key");
    String publicKeys = published.getData().get("public-keyset.json");
    assertThat(publicKeys).doesNotContain("privateKey");
    create(admitting(policy(ns, "p"), List.of(), List.of("203.0.113.5")));
    String url = "jdbc:postgresql://203.0.113.5:5432/crm?sslmode=verify-full";
    Path value = Files.writeString(Files.createTempFile("password", ""), canary);
    StringWriter out = new StringWriter();
    int exit = ContactSyncMain.commandLine().setOut(new PrintWriter(out)).execute("seal", "-n", ns, "--name", "crm",
        "--endpoint", "db", "--url", url, "--key", "password",
        "--from-file", value.toString(), "--operator-namespace", TestCluster.OPERATOR_NAMESPACE);
    Files.delete(value);
    assertThat(exit).isZero();
    assertThat(out.toString()).doesNotContain(canary);
    ContactSync sync = create(sync(ns, "crm", "in.vcf", withSealedCredentials(
        postgresDestination("db", url, "unused", new PolicyReference("p", null)), Map.of("password",
        out.toString().strip().substring("password: ".length())))));
    ContactSync copied = create(sync(ns, "copy", "in.vcf", withSealedCredentials(
        postgresDestination("db", url, "unused", new PolicyReference("p", null)),
        Map.of("password", sealedForDb(publicKeys, ns, "crm", canary)))));

    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(condition(sync, "Ready")).isNotNull();
      assertThat(condition(sync, "Ready").getStatus()).as(condition(sync, "Ready").getMessage()).isEqualTo(Condition.Status.True);
      assertThat(condition(copied, "Ready")).isNotNull();
      assertThat(condition(copied, "Ready").getReason()).isEqualTo("SealedValueInvalid");
    });
    assertThat(condition(copied, "Ready").getMessage()).contains("credentials.sealed.password does not open",
        "contactsync seal --namespace " + ns + " --name copy --endpoint db --url 'jdbc:postgresql://203.0.113.5:5432/'");
    String password = get(Secret.class, ns, "crm-sync").getData().get("credentials.db.password");
    assertThat(new String(Base64.getDecoder().decode(password), StandardCharsets.UTF_8)).isEqualTo(canary);
    assertThat(get(Secret.class, ns, "copy-sync")).as("nothing of a sync that does not resolve is created").isNull();

    StringWriter rotation = new StringWriter();
    assertThat(ContactSyncMain.commandLine().setOut(new PrintWriter(rotation)).execute("keys", "rotate-sealing",
        "--operator-namespace", TestCluster.OPERATOR_NAMESPACE)).as(rotation.toString()).isZero();
    StringWriter publicKey = new StringWriter();
    ContactSyncMain.commandLine().setOut(new PrintWriter(publicKey)).execute("keys", "public",
        "--operator-namespace", TestCluster.OPERATOR_NAMESPACE);
    assertThat(publicKey.toString().strip()).as("the public key follows the rotation").isNotEqualTo(publicKeys.strip());
    ContactSync later = create(sync(ns, "later", "in.vcf", withSealedCredentials(
        postgresDestination("db", url, "unused", new PolicyReference("p", null)),
        Map.of("password", sealedForDb(publicKey.toString(), ns, "later", canary)))));
    ContactSync earlier = create(sync(ns, "earlier", "in.vcf", withSealedCredentials(
        postgresDestination("db", url, "unused", new PolicyReference("p", null)),
        Map.of("password", sealedForDb(publicKeys, ns, "earlier", canary)))));
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(condition(later, "Ready")).isNotNull();
      assertThat(condition(later, "Ready").getStatus()).as("sealed with the new key").isEqualTo(Condition.Status.True);
      assertThat(condition(earlier, "Ready")).isNotNull();
      assertThat(condition(earlier, "Ready").getStatus()).as("sealed with the old key").isEqualTo(Condition.Status.True);
    });

    List<String> visible = new ArrayList<>();
    visible.add(admin.getKubernetesSerialization().asJson(fresh(sync).getStatus()));
    visible.add(admin.getKubernetesSerialization().asJson(fresh(copied).getStatus()));
    admin.configMaps().inNamespace(ns).list().getItems().forEach(c -> visible.add(String.valueOf(c.getData())));
    admin.v1().events().inNamespace(ns).list().getItems().forEach(e -> visible.add(e.getReason() + " " + e.getMessage()));
    assertThat(visible).noneMatch(text -> text.contains(canary));
    String log;
    synchronized (LOG) {
      log = LOG.toString(StandardCharsets.UTF_8);
    }
    assertThat(log).as("the operator logs").contains("contactsync").doesNotContain(canary);
  }

  /** A value sealed for the password of destination db of {@code name}, whose url is at 203.0.113.5:5432. */
  private static String sealedForDb(String publicKeys, String ns, String name, String value) throws Exception {
    return SealingKeys.seal(publicKeys, new SealBinding(ns, name, "db", "password", "203.0.113.5:5432"),
        value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deletingASyncCollectsEverythingItOwned() {
    String ns = TestCluster.namespace(admin, "delete");
    create(policy(ns, "p"));
    ContactSync sync = create(sync(ns, "gone", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).until(() -> get(CronJob.class, ns, "gone") != null);
    admin.resource(sync).delete();
    // the cluster's garbage collector deletes owned objects; it lags when another test has just deleted hundreds
    await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> {
      assertThat(get(CronJob.class, ns, "gone")).isNull();
      assertThat(get(Secret.class, ns, "gone-sync")).isNull();
      assertThat(get(ConfigMap.class, ns, "gone-job")).isNull();
      assertThat(get(ConfigMap.class, ns, "gone-state")).isNull();
      assertThat(get(NetworkPolicy.class, ns, "gone-sync")).isNull();
      assertThat(get(ServiceAccount.class, ns, "gone-sync")).isNull();
    });
  }

  @Test
  void aRestartedOperatorResyncsEverythingAndWritesNothing() throws Exception {
    String ns = TestCluster.namespace(admin, "noop");
    create(policy(ns, "p"));
    ContactSync sync = create(sync(ns, "quiet", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(condition(sync, "Ready")).isNotNull();
      assertThat(condition(sync, "Ready").getStatus()).isEqualTo(Condition.Status.True);
    });
    Thread.sleep(3000);

    List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KubernetesClient client = TestCluster.operator(writes);
        ContactSyncOperator second = new ContactSyncOperator(client, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS, registry, null,
            Clock.systemUTC())) {
      second.start();
      await().atMost(CONVERGE).until(() -> reconciliations(registry) >= 2);
      Thread.sleep(5000);
      assertThat(writes).as("write requests of a resync over converged resources").isEmpty();
    }
  }

  /**
   * Plays the CronJob controller, the Job controller and the kubelet: a scheduled Job of the sync's CronJob, its pod,
   * and the pod finishing with the given exit code and termination message.
   */
  private static void finishedRun(String ns, String sync, String job, Instant finishedAt, int exitCode, String message) {
    RunControllers.scheduledRun(admin, get(CronJob.class, ns, sync), job, finishedAt, exitCode, message);
  }

  @Test
  void finishedRunsMoveTheCheckpointAndTheStatusAndAreAnnounced() throws Exception {
    String ns = TestCluster.namespace(admin, "runs");
    create(policy(ns, "p"));
    ContactSync sync = create(sync(ns, "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).until(() -> get(CronJob.class, ns, "crm") != null);

    String report = new RunReport(RunReport.VERSION, ns + "/crm", "2026-11-27T09:00:00Z", 2.5, 120, 100, 0, 0, 0, 20,
        Map.of("InvalidEmail", 20L), new Checkpoint("fingerprint", Map.of("file.sha256", "d1g3st"))).toJson();
    finishedRun(ns, "crm", "crm-28000001", Instant.parse("2026-11-27T09:00:30Z"), 0, report);
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(get(ConfigMap.class, ns, "crm-state").getData().get("checkpoint.json")).contains("d1g3st");
      ContactSync current = fresh(sync);
      assertThat(current.getStatus().getLastRun()).isNotNull();
      assertThat(current.getStatus().getLastRun().getRead()).isEqualTo(120);
      assertThat(current.getStatus().getLastRun().getJob()).isEqualTo("crm-28000001");
      assertThat(current.getStatus().getLastSuccessfulTime()).isEqualTo("2026-11-27T09:00:30Z");
      assertThat(condition(sync, "LastRunSucceeded").getReason()).isEqualTo("RunSucceeded");
    });

    finishedRun(ns, "crm", "crm-28000031", Instant.parse("2026-11-27T09:30:30Z"), 1,
        "09:30:29.000 [INFO] SyncRun - reading\ncontactsync: sync failed: /data/in.vcf: the source file does not exist. Nothing "
            + "after the failure was committed; the next run starts from the same checkpoint.");
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition last = condition(sync, "LastRunSucceeded");
      assertThat(last.getReason()).isEqualTo("RunFailed");
      assertThat(last.getMessage()).contains("the source file does not exist");
    });
    assertThat(get(ConfigMap.class, ns, "crm-state").getData().get("checkpoint.json")).contains("d1g3st");
    assertThat(fresh(sync).getStatus().getLastRun().getJob()).isEqualTo("crm-28000001");

    await().atMost(CONVERGE).untilAsserted(() -> assertThat(admin.v1().events().inNamespace(ns).list().getItems())
        .extracting(Event::getReason).contains("Reconciled", "RunSucceeded", "RunFailed"));
  }

  @Test
  void eachDistinctRunRequestStartsExactlyOneRun() {
    String ns = TestCluster.namespace(admin, "runnow");
    create(policy(ns, "p"));
    ContactSync sync = create(sync(ns, "now", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null))));
    await().atMost(CONVERGE).until(() -> get(CronJob.class, ns, "now") != null);

    annotate(sync, "2026-11-27T10:00:00Z");
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(runJobs(ns)).hasSize(1);
      assertThat(fresh(sync).getStatus().getLastRunRequest()).isEqualTo("2026-11-27T10:00:00Z");
    });
    Job job = runJobs(ns).get(0);
    assertThat(job.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("now");
    assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("now-sync");

    annotate(sync, "2026-11-27T10:00:00Z");
    mergePatch(sync, "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
    await().pollDelay(Duration.ofSeconds(2)).atMost(CONVERGE).untilAsserted(() -> assertThat(runJobs(ns)).hasSize(1));
    RunControllers.complete(admin, job); // a new request waits for the outstanding run (TenantWorkIT)
    annotate(sync, "2026-11-27T11:00:00Z");
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(runJobs(ns)).hasSize(2);
      assertThat(fresh(sync).getStatus().getLastRunRequest()).isEqualTo("2026-11-27T11:00:00Z");
    });
  }

  /** As kubectl annotate does it: a merge patch, with no resourceVersion to conflict with the operator's writes. */
  private static void annotate(ContactSync sync, String requestedAt) {
    mergePatch(sync, "{\"metadata\":{\"annotations\":{\"contactsync.io/run-requested-at\":\"" + requestedAt + "\"}}}");
  }

  private static void mergePatch(ContactSync sync, String patch) {
    admin.resources(ContactSync.class).inNamespace(sync.getMetadata().getNamespace()).withName(sync.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  private static List<Job> runJobs(String ns) {
    return admin.batch().v1().jobs().inNamespace(ns).withLabel("contactsync.io/run-request").list().getItems();
  }

  private static double reconciliations(SimpleMeterRegistry registry) {
    return registry.getMeters().stream().filter(m -> m.getId().getName().contains("reconciliations.success"))
        .flatMap(m -> java.util.stream.StreamSupport.stream(m.measure().spliterator(), false))
        .mapToDouble(io.micrometer.core.instrument.Measurement::getValue).sum();
  }
}
