package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.rule;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SyncKeys;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.Revealer;
import io.contactsync.sync.config.PolicyDefinitions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, observation 7: a sync pod holds the least key material that produces its outputs. One policy admits two
 * tenant namespaces A and B; what A's pod mounts opens neither B's outputs nor A's own ciphertexts, and only the
 * policy's key readers, with the policy's keys Secret, reveal tokens (in their scope) and ciphertexts.
 */
class TenantKeysIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String EMAIL = "canary.tenantkeys@example.org";
  private static final String NOTES = "canary notes 7c41";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  private static <T extends HasMetadata> T create(T resource) {
    return CLUSTER.admin().resource(resource).create();
  }

  private static <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return CLUSTER.admin().resources(type).inNamespace(namespace).withName(name).get();
  }

  /** The Tink JSON files a pod mounts for one destination, from its sync Secret (as the kubelet lays them out). */
  static Map<String, String> mountedFiles(Secret syncSecret, String destination) {
    Map<String, String> files = new TreeMap<>();
    String prefix = "keys." + destination + ".";
    syncSecret.getData().forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        files.put(key.substring(prefix.length()), new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      }
    });
    return files;
  }

  static SyncKeys mountedKeys(Secret syncSecret, String destination) throws GeneralSecurityException {
    return SyncKeys.parse(mountedFiles(syncSecret, destination));
  }

  private static PrivacyPolicy sharedPolicy(String owner, String name, List<String> admitted) {
    PrivacyPolicy p = admitting(policy(owner, name, rule(PolicyAction.Encrypt, "notes")), admitted, List.of());
    p.getSpec().getAccess().getKeyReaders().add(subject(Subject.Kind.ServiceAccount, "officer", owner));
    return p;
  }

  /** What a pod of this namespace writes for the canary contact, with exactly the keys it mounts. */
  private static Contact written(PrivacyPolicy policy, SyncKeys mounted) throws Exception {
    Contact in = ContactJson.parse("{\"id\":\"1\",\"formattedName\":\"Ada\",\"emails\":[{\"value\":\"" + EMAIL + "\"}],"
        + "\"organization\":\"Engines\",\"notes\":\"" + NOTES + "\"}");
    return PolicyCompiler.compile(PolicyDefinitions.from(policy.getSpec()), mounted).apply(in).contact();
  }

  private static byte[] raw(String output, String prefix) {
    return Base64.getUrlDecoder().decode(output.substring(prefix.length()));
  }

  @Test
  void aTenantsSyncSecretHoldsNoneOfThePolicysMasterKeys() {
    String owner = TestCluster.namespace(CLUSTER.admin(), "keys-owner");
    String a = TestCluster.namespace(CLUSTER.admin(), "keys-a");
    String b = TestCluster.namespace(CLUSTER.admin(), "keys-b");
    create(admitting(policy(owner, "shared"), List.of(a, b), List.of()));
    for (String ns : List.of(a, b)) {
      create(sync(ns, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("shared", owner))));
    }
    await().atMost(CONVERGE).until(() -> get(Secret.class, a, "s-sync") != null && get(Secret.class, b, "s-sync") != null);
    Map<String, String> master = get(Secret.class, owner, "shared-keys").getData();
    Map<String, String> mountedInA = get(Secret.class, a, "s-sync").getData();
    // compared, never printed: a failure message must not show key material
    for (String file : master.keySet()) {
      if (file.equals("record-id.json")) continue; // record ids are the one key shared on purpose: they never change
      assertThat(mountedInA.containsValue(master.get(file))).as("A's pod holds the policy's " + file).isFalse();
    }
  }

  @Test
  void whatOneTenantsPodMountsOpensNothingOfAnotherNorItsOwnCiphertextsButKeyReadersRevealAll() throws Exception {
    String owner = TestCluster.namespace(CLUSTER.admin(), "keys-owner");
    String a = TestCluster.namespace(CLUSTER.admin(), "keys-a");
    String b = TestCluster.namespace(CLUSTER.admin(), "keys-b");
    PrivacyPolicy policy = create(sharedPolicy(owner, "shared", List.of(a, b)));
    for (String ns : List.of(a, b)) {
      create(sync(ns, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("shared", owner))));
    }
    await().atMost(CONVERGE).until(() -> get(Secret.class, a, "s-sync") != null && get(Secret.class, b, "s-sync") != null);
    Secret syncA = get(Secret.class, a, "s-sync");
    SyncKeys keysA = mountedKeys(syncA, "out");
    SyncKeys keysB = mountedKeys(get(Secret.class, b, "s-sync"), "out");
    Contact fromA = written(policy, keysA);
    Contact fromB = written(policy, keysB);
    String tokenA = fromA.getEmails().get(0).getValue();
    String tokenB = fromB.getEmails().get(0).getValue();
    assertThat(tokenA).startsWith("tok_").isNotEqualTo(tokenB);

    // (a) A's material: its tokenizer does not open B's token; nothing it holds opens any ciphertext, A's own included
    assertThatThrownBy(() -> keysA.tokenizer().decryptDeterministically(raw(tokenB, "tok_"), new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
    for (Map.Entry<String, String> file : mountedFiles(syncA, "out").entrySet()) {
      assertThat(file.getValue()).as(file.getKey()).doesNotContain("HpkePrivateKey");
      for (String ciphertext : List.of(fromA.getNotes(), fromB.getNotes())) {
        assertThatThrownBy(() -> TinkJsonProtoKeysetFormat.parseKeyset(file.getValue(), HybridConfig2026.get(),
            InsecureSecretKeyAccess.get()).getPrimitive(HybridConfig2026.get(), HybridDecrypt.class)
            .decrypt(raw(ciphertext, "enc_"), "notes".getBytes(StandardCharsets.UTF_8)))
            .as(file.getKey() + " opens a ciphertext").isInstanceOf(GeneralSecurityException.class);
      }
    }

    // A's tenant (the shipped editor role) cannot read the policy's keys; the key reader can
    KubernetesClient tenantA = TestCluster.tenant(CLUSTER.admin(), a, "alice", "contactsync-editor", CLUSTER.writes());
    assertThatThrownBy(() -> tenantA.secrets().inNamespace(owner).withName("shared-keys").get())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    KubernetesClient officer = TestCluster.serviceAccount(owner, "officer", CLUSTER.writes());
    Secret keysSecret = await().atMost(CONVERGE).ignoreExceptions()
        .until(() -> officer.secrets().inNamespace(owner).withName("shared-keys").get(), s -> s != null);

    // (b) the key reader reveals each namespace's tokens in its scope, and every ciphertext
    PolicyKeys keys = PolicyKeysSecret.parse(keysSecret);
    Revealer inA = new Revealer(keys, KeyScope.namespace(owner, "shared", a));
    Revealer inB = new Revealer(keys, KeyScope.namespace(owner, "shared", b));
    assertThat(inA.reveal(tokenA, "emails[].value")).isEqualTo(EMAIL);
    assertThat(inB.reveal(tokenB, "emails[].value")).isEqualTo(EMAIL);
    assertThatThrownBy(() -> inA.reveal(tokenB, "emails[].value")).isInstanceOf(IllegalArgumentException.class);
    assertThat(inA.reveal(fromA.getNotes(), "notes")).isEqualTo(NOTES);
    assertThat(inA.reveal(fromB.getNotes(), "notes")).isEqualTo(NOTES);

    // the same through the shipped command, as the key reader and as A's tenant
    String[] revealB = {"reveal", "--cluster", "-n", owner, "--policy", "shared", "--field", "emails[].value",
        "--scope-namespace", b, tokenB};
    CliResult asOfficer = asSubject("system:serviceaccount:" + owner + ":officer", owner, revealB);
    assertThat(asOfficer.exit()).as(asOfficer.err()).isZero();
    assertThat(asOfficer.out().strip()).isEqualTo(EMAIL);
    CliResult asTenant = asSubject("system:serviceaccount:" + a + ":alice", a, revealB);
    assertThat(asTenant.exit()).isNotZero();
    assertThat(asTenant.err()).contains("only the policy's keyReaders may").doesNotContain(EMAIL);
  }

  record CliResult(int exit, String out, String err) {}

  /** Runs the contactsync command with a client that impersonates the ServiceAccount (fabric8 reads these properties). */
  private static CliResult asSubject(String user, String namespace, String... args) {
    System.setProperty("kubernetes.impersonate.username", user);
    System.setProperty("kubernetes.impersonate.group", "system:serviceaccounts,system:serviceaccounts:" + namespace
        + ",system:authenticated");
    try {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      int exit = io.contactsync.operator.cli.ContactSyncMain.commandLine().setOut(new java.io.PrintWriter(out))
          .setErr(new java.io.PrintWriter(err)).execute(args);
      return new CliResult(exit, out.toString(), err.toString());
    } finally {
      System.clearProperty("kubernetes.impersonate.username");
      System.clearProperty("kubernetes.impersonate.group");
    }
  }

  @Test
  void keysAreNeverRegeneratedAndKeysMadeBeforeHpkeGainItOnce() throws Exception {
    String owner = TestCluster.namespace(CLUSTER.admin(), "keys-upgrade");
    String a = TestCluster.namespace(CLUSTER.admin(), "keys-a");
    create(sharedPolicy(owner, "shared", List.of(a)));
    create(sync(a, "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("shared", owner))));
    await().atMost(CONVERGE).until(() -> get(Secret.class, a, "s-sync") != null);
    Secret made = get(Secret.class, owner, "shared-keys");

    // the keys as the operator made them before Encrypt was HPKE: an AES-256-GCM encrypt.json, no HPKE keyset
    KeysetHandle aesGcm = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
    String oldCiphertext = "enc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(aesGcm
        .getPrimitive(AeadConfig2026.get(), Aead.class).encrypt(NOTES.getBytes(StandardCharsets.UTF_8),
            "notes".getBytes(StandardCharsets.UTF_8)));
    Map<String, String> old = new TreeMap<>(made.getData());
    old.remove(KeyPurpose.ENCRYPT.fileName());
    old.put(KeyPurpose.LEGACY_ENCRYPT_FILE, Base64.getEncoder().encodeToString(TinkJsonProtoKeysetFormat
        .serializeKeyset(aesGcm, AeadConfig2026.get(), InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8)));
    CLUSTER.admin().resource(new SecretBuilder(made).editMetadata().withResourceVersion(null).endMetadata().withData(old).build())
        .update();

    await().atMost(CONVERGE).until(() -> get(Secret.class, owner, "shared-keys").getData().containsKey(KeyPurpose.ENCRYPT.fileName()));
    Map<String, String> upgraded = get(Secret.class, owner, "shared-keys").getData();
    assertThat(upgraded.keySet()).containsExactlyInAnyOrderElementsOf(
        List.of("tokenize.json", "hash.json", "record-id.json", "encrypt.json", "encrypt-private.json"));
    for (String file : old.keySet()) {
      assertThat(upgraded.get(file).equals(old.get(file))).as(file + " kept byte for byte").isTrue();
    }
    await().atMost(CONVERGE).until(() -> mountedKeys(get(Secret.class, a, "s-sync"), "out").describe().get(KeyPurpose.ENCRYPT)
        .equals(PolicyKeysSecret.parse(get(Secret.class, owner, "shared-keys")).describe().get(KeyPurpose.ENCRYPT)));
    Secret mounted = get(Secret.class, a, "s-sync");
    assertThat(mountedFiles(mounted, "out")).doesNotContainKey(KeyPurpose.LEGACY_ENCRYPT_FILE);

    // another reconcile (a policy change that reaches the sync) regenerates nothing
    PrivacyPolicy changed = CLUSTER.admin().resources(PrivacyPolicy.class).inNamespace(owner).withName("shared").get();
    changed.getSpec().getRules().add(rule(PolicyAction.Keep, "title"));
    CLUSTER.admin().resource(changed).update();
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(
        get(io.fabric8.kubernetes.api.model.ConfigMap.class, a, "s-job").getData().get("job.json")).contains("\"title\""));
    assertThat(get(Secret.class, owner, "shared-keys").getData().equals(upgraded)).as("keys unchanged").isTrue();
    assertThat(get(Secret.class, a, "s-sync").getData().equals(mounted.getData())).as("pod keys unchanged").isTrue();

    // the key reader opens the old AES-GCM ciphertext and a new HPKE one
    KubernetesClient officer = TestCluster.serviceAccount(owner, "officer", CLUSTER.writes());
    PolicyKeys keys = PolicyKeysSecret.parse(await().atMost(CONVERGE).ignoreExceptions()
        .until(() -> officer.secrets().inNamespace(owner).withName("shared-keys").get(), s -> s != null));
    Contact now = written(changed, mountedKeys(mounted, "out"));
    Revealer revealer = new Revealer(keys, KeyScope.namespace(owner, "shared", a));
    assertThat(revealer.reveal(oldCiphertext, "notes")).isEqualTo(NOTES);
    assertThat(revealer.reveal(now.getNotes(), "notes")).isEqualTo(NOTES);
    assertThat(revealer.reveal(now.getEmails().get(0).getValue(), "emails[].value")).isEqualTo(EMAIL);
  }
}
