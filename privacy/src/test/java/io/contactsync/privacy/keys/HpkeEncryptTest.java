package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.Revealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Encrypt is HPKE: writers hold the public keys only; the private keys, and the AES-GCM keys of old outputs, reveal. */
class HpkeEncryptTest {
  private static final PolicyDefinition ENCRYPT_NOTES = Fixtures.policy(Action.DROP, RuleDefinition.of(Action.ENCRYPT, "notes"));

  @Test
  void whatAWriterEncryptsOnlyThePrivateKeysOpen() throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    SyncKeys writer = SyncKeys.parse(keys.forScope(KeyScope.namespace("c", "p", "sales")).serialize());
    String ciphertext = PolicyCompiler.compile(ENCRYPT_NOTES, writer).apply(Fixtures.ada()).contact().getNotes();
    assertThat(ciphertext).startsWith("enc_");
    assertThat(new Revealer(keys).reveal(ciphertext, "notes")).isEqualTo("free text");
    assertThatThrownBy(() -> new Revealer(keys).reveal(ciphertext, "title")).as("bound to its field")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWritersFilesHoldNoPrivateEncryptKey() throws Exception {
    Map<String, String> files = PolicyKeys.generate().forScope(KeyScope.policy()).serialize();
    assertThat(files).containsOnlyKeys(SyncKeys.fileNames());
    assertThat(files.get(SyncKeys.ENCRYPT_PUBLIC_FILE)).contains("HpkePublicKey").doesNotContain("HpkePrivateKey");
    Map<String, String> asPolicy = new TreeMap<>(files);
    asPolicy.put(KeyPurpose.ENCRYPT.fileName(), files.get(SyncKeys.ENCRYPT_PUBLIC_FILE));
    assertThatThrownBy(() -> PolicyKeys.parse(asPolicy).decrypter().decrypt(new byte[64], new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keysMadeBeforeHpkeGainItOnceAndOldCiphertextsStillReveal() throws Exception {
    Map<String, String> before = new TreeMap<>(PolicyKeys.generate().serialize());
    before.remove(KeyPurpose.ENCRYPT.fileName());
    KeysetHandle aesGcm = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
    before.put(KeyPurpose.LEGACY_ENCRYPT_FILE,
        TinkJsonProtoKeysetFormat.serializeKeyset(aesGcm, AeadConfig2026.get(), InsecureSecretKeyAccess.get()));
    String old = "enc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(aesGcm.getPrimitive(AeadConfig2026.get(),
        Aead.class).encrypt("made before".getBytes(StandardCharsets.UTF_8), "notes".getBytes(StandardCharsets.UTF_8)));

    Map<String, String> upgraded = PolicyKeys.withEncryptKeyset(before);
    assertThat(upgraded).containsAllEntriesOf(before).containsKey(KeyPurpose.ENCRYPT.fileName()).hasSize(before.size() + 1);
    assertThat(PolicyKeys.withEncryptKeyset(upgraded)).as("once").isSameAs(upgraded);

    PolicyKeys keys = PolicyKeys.parse(upgraded);
    assertThat(keys.serialize()).isEqualTo(upgraded);
    String now = PolicyCompiler.compile(ENCRYPT_NOTES, keys).apply(Fixtures.ada()).contact().getNotes();
    Revealer revealer = new Revealer(keys);
    assertThat(revealer.reveal(old, "notes")).isEqualTo("made before");
    assertThat(revealer.reveal(now, "notes")).isEqualTo("free text");
    assertThat(keys.forScope(KeyScope.policy()).serialize()).doesNotContainKey(KeyPurpose.LEGACY_ENCRYPT_FILE);
  }

  @Test
  void rotatingEncryptRotatesTheHpkeKeysAndOldCiphertextsStillReveal() throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    String before = PolicyCompiler.compile(ENCRYPT_NOTES, keys).apply(Fixtures.ada()).contact().getNotes();
    PolicyKeys rotated = keys.rotate(KeyPurpose.ENCRYPT);
    assertThat(rotated.forScope(KeyScope.policy()).describe().get(KeyPurpose.ENCRYPT)).hasSize(2);
    String after = PolicyCompiler.compile(ENCRYPT_NOTES, rotated).apply(Fixtures.ada()).contact().getNotes();
    assertThat(keyId(after)).as("a new key id wraps the data key").isNotEqualTo(keyId(before));
    assertThat(new Revealer(rotated).reveal(before, "notes")).isEqualTo("free text");
    assertThat(new Revealer(rotated).reveal(after, "notes")).isEqualTo("free text");
  }

  private static int keyId(String ciphertext) throws GeneralSecurityException {
    return EncryptEnvelope.parse(Base64.getUrlDecoder().decode(ciphertext.substring(4))).keyId();
  }
}
