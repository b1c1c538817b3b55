package io.contactsync.operator.desired;

import static io.contactsync.sync.SyncFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PolicyKeyRotationTest {
  private final AtomicInteger generated = new AtomicInteger();
  private final Supplier<PolicyKeys> generate = () -> {
    generated.incrementAndGet();
    return PolicyKeys.generate();
  };

  private static PrivacyPolicy annotated(Map<String, String> annotations) {
    PrivacyPolicy p = policy("compliance", "p");
    p.getMetadata().setAnnotations(annotations);
    return p;
  }

  private static int keyCount(Secret secret, KeyPurpose purpose) throws Exception {
    return PolicyKeysSecret.parse(secret).describe().get(purpose).size();
  }

  @Test
  void keysAreMadeOnceAndAReconcileOfAnExistingSecretChangesNothing() {
    Secret first = PolicyKeysSecret.desired(policy("compliance", "p"), null, generate);
    Secret again = PolicyKeysSecret.desired(policy("compliance", "p"), first, generate);
    assertThat(generated).hasValue(1);
    assertThat(again.getData()).isEqualTo(first.getData());
    assertThat(again.getMetadata()).isEqualTo(first.getMetadata());
  }

  @Test
  void aRotationRequestAddsAPrimaryKeyOnceAndKeepsTheOldOnes() throws Exception {
    Secret before = PolicyKeysSecret.desired(policy("compliance", "p"), null, generate);
    PrivacyPolicy requested = annotated(Map.of("contactsync.io/rotate-keys-requested-at", "2026-11-27T12:00:00Z"));
    Secret rotated = PolicyKeysSecret.desired(requested, before, generate);
    assertThat(keyCount(rotated, KeyPurpose.TOKENIZE)).isEqualTo(2);
    assertThat(keyCount(rotated, KeyPurpose.HASH)).isEqualTo(2);
    assertThat(keyCount(rotated, KeyPurpose.ENCRYPT)).isEqualTo(2);
    assertThat(keyCount(rotated, KeyPurpose.RECORD_ID)).as("record ids never change").isEqualTo(1);
    assertThat(rotated.getData().get("record-id.json")).isEqualTo(before.getData().get("record-id.json"));
    assertThat(rotated.getMetadata().getAnnotations()).containsEntry("contactsync.io/keys-rotated-for", "2026-11-27T12:00:00Z");

    Secret settled = PolicyKeysSecret.desired(requested, rotated, generate);
    assertThat(settled.getData()).as("the same request rotates once").isEqualTo(rotated.getData());
    assertThat(generated).hasValue(1);
  }

  @Test
  void aRequestPresentWhenTheKeysAreMadeIsAlreadyCarriedOut() {
    PrivacyPolicy requested = annotated(Map.of("contactsync.io/rotate-keys-requested-at", "t1"));
    Secret first = PolicyKeysSecret.desired(requested, null, generate);
    assertThat(PolicyKeysSecret.desired(requested, first, generate).getData()).isEqualTo(first.getData());
  }

  @Test
  void aRotationMayBeLimitedToSomeKeysAndBadNamesAreReported() throws Exception {
    Secret before = PolicyKeysSecret.desired(policy("compliance", "p"), null, generate);
    PrivacyPolicy onlyEncrypt = annotated(Map.of("contactsync.io/rotate-keys-requested-at", "t1",
        "contactsync.io/rotate-keys", "encrypt, record-id, pepper"));
    Secret rotated = PolicyKeysSecret.desired(onlyEncrypt, before, generate);
    assertThat(keyCount(rotated, KeyPurpose.ENCRYPT)).isEqualTo(2);
    assertThat(rotated.getData().get("tokenize.json")).as("tokens stay joinable").isEqualTo(before.getData().get("tokenize.json"));
    assertThat(PolicyKeysSecret.rotationProblems(onlyEncrypt)).containsExactly(
        "annotation contactsync.io/rotate-keys names 'record-id', which never rotates: destination record ids derive "
            + "from it, and a new key would duplicate every record",
        "annotation contactsync.io/rotate-keys names 'pepper', which is not a key; use tokenize, hash or encrypt");
    assertThat(PolicyKeysSecret.purposes(onlyEncrypt)).isEqualTo(List.of(KeyPurpose.ENCRYPT));
  }

  @Test
  void keysItCannotReadAreNeverOverwritten() {
    Secret broken = PolicyKeysSecret.desired(policy("compliance", "p"), null, generate);
    broken.getData().put("encrypt.json", "bm90IGEga2V5c2V0");
    Secret kept = PolicyKeysSecret.desired(annotated(Map.of("contactsync.io/rotate-keys-requested-at", "t1")), broken, generate);
    assertThat(kept.getData()).isEqualTo(broken.getData());
  }

  /** A keys Secret as the operator made it before Encrypt became HPKE: an AES-256-GCM encrypt.json, no HPKE keyset. */
  static Secret madeBeforeHpke(Secret current) throws Exception {
    var aesGcm = com.google.crypto.tink.KeysetHandle.generateNew(
        com.google.crypto.tink.aead.PredefinedAeadParameters.AES256_GCM, com.google.crypto.tink.aead.AeadConfig2026.get());
    String json = com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(aesGcm,
        com.google.crypto.tink.aead.AeadConfig2026.get(), com.google.crypto.tink.InsecureSecretKeyAccess.get());
    Map<String, String> data = new java.util.TreeMap<>(current.getData());
    data.remove(KeyPurpose.ENCRYPT.fileName());
    data.put(KeyPurpose.LEGACY_ENCRYPT_FILE, java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return new io.fabric8.kubernetes.api.model.SecretBuilder(current).withData(data).build();
  }

  @Test
  void keysMadeBeforeHpkeGainItsKeysetOnceAndKeepEveryOtherByte() throws Exception {
    Secret old = madeBeforeHpke(PolicyKeysSecret.desired(policy("compliance", "p"), null, generate));
    Secret upgraded = PolicyKeysSecret.desired(policy("compliance", "p"), old, generate);
    assertThat(upgraded.getData()).containsAllEntriesOf(old.getData()).containsKey(KeyPurpose.ENCRYPT.fileName())
        .hasSize(old.getData().size() + 1);
    assertThat(PolicyKeysSecret.desired(policy("compliance", "p"), upgraded, generate).getData())
        .as("added once, never again").isEqualTo(upgraded.getData());
    assertThat(generated).as("no key regenerated").hasValue(1);

    PrivacyPolicy rotate = annotated(Map.of("contactsync.io/rotate-keys-requested-at", "t1", "contactsync.io/rotate-keys", "encrypt"));
    Secret rotated = PolicyKeysSecret.desired(rotate, upgraded, generate);
    assertThat(keyCount(rotated, KeyPurpose.ENCRYPT)).as("rotating encrypt rotates the HPKE keyset").isEqualTo(2);
    assertThat(rotated.getData().get(KeyPurpose.LEGACY_ENCRYPT_FILE)).as("old ciphertexts still reveal")
        .isEqualTo(old.getData().get(KeyPurpose.LEGACY_ENCRYPT_FILE));
  }
}
