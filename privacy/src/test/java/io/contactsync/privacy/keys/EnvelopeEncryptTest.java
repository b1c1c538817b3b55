package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.Revealer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Encrypt outputs are envelopes: one HPKE wrap of a random data key per run, AES-256-GCM per value, the wrapped key
 * and the field path bound into every value. Pods still open nothing; key readers open all three formats.
 */
class EnvelopeEncryptTest {
  private static final PolicyDefinition ENCRYPT_NOTES_AND_CRM_ID = Fixtures.policy(Action.DROP,
      RuleDefinition.of(Action.ENCRYPT, "notes"), RuleDefinition.of(Action.ENCRYPT, "custom.crmId"));
  private static final byte[] NOTES = "notes".getBytes(StandardCharsets.UTF_8);

  private final PolicyKeys keys = PolicyKeys.generate();
  private final SyncKeys pod = keys.forScope(KeyScope.namespace("c", "p", "sales"));

  @Test
  void aValueMadeByAPodRevealsWithThePrivateKeysOnly() throws Exception {
    Contact out = PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact();
    assertThat(out.getNotes()).startsWith("enc_");
    byte[] raw = raw(out.getNotes());
    assertThat(raw[0]).as("the envelope's version byte").isEqualTo(EncryptEnvelope.VERSION_1);
    assertThat(raw).as("116 bytes over the value, as the docs say").hasSize("free text".length() + 116);
    assertThat(out.getNotes()).as("every X25519 envelope starts alike").startsWith("enc_AgBVA");
    Revealer revealer = new Revealer(keys);
    assertThat(revealer.reveal(out.getNotes(), "notes")).isEqualTo("free text");
    assertThat(revealer.reveal(out.getCustom().get("crmId"), "custom.crmId")).isEqualTo("123");
    assertThatThrownBy(() -> revealer.reveal(out.getNotes(), "custom.crmId")).as("bound to its field")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not open in field 'custom.crmId'")
        .hasMessageNotContaining("free text").hasMessageNotContaining(out.getNotes().substring(4, 20));
  }

  @Test
  void valuesOfOneRunShareItsWrappedKeyButNotTheirNonces() throws Exception {
    CompiledPolicy run = PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod);
    Contact one = run.apply(Fixtures.ada()).contact();
    Contact two = run.apply(Fixtures.ada()).contact();
    List<EncryptEnvelope.Parts> parts = new ArrayList<>();
    for (String value : List.of(one.getNotes(), two.getNotes(), one.getCustom().get("crmId"))) {
      parts.add(EncryptEnvelope.parse(raw(value)));
    }
    assertThat(one.getNotes()).isNotEqualTo(two.getNotes());
    for (EncryptEnvelope.Parts p : parts) {
      assertThat(p.wrappedKey()).as("one wrap per run, every rule").isEqualTo(parts.get(0).wrappedKey());
      assertThat(p.wrappedKey()).hasSize(85);
      assertThat(p.keyId()).isEqualTo(keys.describe().get(KeyPurpose.ENCRYPT).get(0).id());
    }
    assertThat(parts.stream().map(p -> Arrays.toString(p.nonce())).distinct()).as("a nonce per value").hasSize(3);
  }

  @Test
  void eachRunHasItsOwnDataKey() throws Exception {
    byte[] first = raw(PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes());
    byte[] second = raw(PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes());
    HybridDecrypt unwrap = keys.decrypter();
    byte[] firstKey = unwrap.decrypt(EncryptEnvelope.parse(first).wrappedKey(), EncryptEnvelope.DATA_KEY_CONTEXT);
    byte[] secondKey = unwrap.decrypt(EncryptEnvelope.parse(second).wrappedKey(), EncryptEnvelope.DATA_KEY_CONTEXT);
    assertThat(firstKey).hasSize(32).isNotEqualTo(secondKey);
    assertThat(secondKey).hasSize(32);
  }

  @Test
  void aValueSplicedOntoAnotherRunsWrappedKeyDoesNotOpen() throws Exception {
    byte[] a = raw(PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes());
    byte[] b = raw(PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes());
    EncryptEnvelope.Parts partsA = EncryptEnvelope.parse(a);
    EncryptEnvelope.Parts partsB = EncryptEnvelope.parse(b);
    byte[] spliced = Arrays.copyOf(partsB.header(), partsB.header().length + partsA.sealed().length);
    System.arraycopy(partsA.sealed(), 0, spliced, partsB.header().length, partsA.sealed().length);
    Revealer revealer = new Revealer(keys);
    assertThat(revealer.reveal(encoded(a), "notes")).isEqualTo("free text");
    assertThatThrownBy(() -> revealer.reveal(encoded(spliced), "notes")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open").hasMessageNotContaining("free text");
    // nor with the other run's data key itself: the header (with the wrapped key) is associated data
    Aead dataKeyB = EncryptEnvelope.dataKeyAead(keys.decrypter().decrypt(partsB.wrappedKey(), EncryptEnvelope.DATA_KEY_CONTEXT));
    assertThatThrownBy(() -> dataKeyB.decrypt(partsA.sealed(), EncryptEnvelope.associatedData(partsB.header(), NOTES)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aTruncatedOrGarbledValueIsRefusedWithoutEchoingIt() throws Exception {
    String value = PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes();
    byte[] raw = raw(value);
    Revealer revealer = new Revealer(keys);
    Map<String, String> damaged = new TreeMap<>();
    damaged.put("header only", encoded(Arrays.copyOf(raw, 2)));
    damaged.put("inside the wrapped key", encoded(Arrays.copyOf(raw, 40)));
    damaged.put("no room for nonce and tag", encoded(Arrays.copyOf(raw, 3 + 85 + 20)));
    damaged.put("not base64url", value.substring(0, 30) + "*" + value.substring(31));
    byte[] badLength = raw.clone();
    badLength[1] = (byte) 0xFF;
    damaged.put("wrapped key length garbled", encoded(badLength));
    damaged.forEach((what, bad) -> assertThatThrownBy(() -> revealer.reveal(bad, "notes")).as(what)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged")
        .hasMessageNotContaining(bad.substring(4, Math.min(bad.length(), 24))).hasMessageNotContaining("free text"));

    byte[] cutValue = Arrays.copyOf(raw, raw.length - 1);
    byte[] flipped = raw.clone();
    flipped[flipped.length - 20] ^= 1;
    for (byte[] bad : List.of(cutValue, flipped)) {
      assertThatThrownBy(() -> revealer.reveal(encoded(bad), "notes")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cut short or changed").hasMessageNotContaining(encoded(bad).substring(4, 24));
    }
    byte[] otherWrap = raw.clone();
    otherWrap[30] ^= 1;
    assertThatThrownBy(() -> revealer.reveal(encoded(otherWrap), "notes")).as("a garbled wrapped key opens nothing")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not made with these keys");
  }

  @Test
  void aValueMadeWithAnOlderHpkeKeyRevealsAfterRotation() throws Exception {
    String before = PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes();
    PolicyKeys rotated = keys.rotate(KeyPurpose.ENCRYPT);
    SyncKeys podAfter = rotated.forScope(KeyScope.namespace("c", "p", "sales"));
    String after = PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, podAfter).apply(Fixtures.ada()).contact().getNotes();
    int oldId = EncryptEnvelope.parse(raw(before)).keyId();
    int newId = EncryptEnvelope.parse(raw(after)).keyId();
    assertThat(newId).as("the wrap names the new primary").isNotEqualTo(oldId)
        .isEqualTo(rotated.describe().get(KeyPurpose.ENCRYPT).stream().filter(PolicyKeys.KeyInfo::primary).findFirst().orElseThrow().id());
    Revealer revealer = new Revealer(rotated);
    assertThat(revealer.reveal(before, "notes")).isEqualTo("free text");
    assertThat(revealer.reveal(after, "notes")).isEqualTo("free text");
    assertThatThrownBy(() -> new Revealer(keys).reveal(after, "notes")).as("the keys before rotation lack the new key")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not made with these keys");
  }

  @Test
  void nothingAPodHoldsOpensAValue() throws Exception {
    String value = PolicyCompiler.compile(ENCRYPT_NOTES_AND_CRM_ID, pod).apply(Fixtures.ada()).contact().getNotes();
    byte[] raw = raw(value);
    EncryptEnvelope.Parts parts = EncryptEnvelope.parse(raw);
    Map<String, String> files = pod.serialize();
    assertThat(files).containsOnlyKeys(SyncKeys.fileNames());
    for (Map.Entry<String, String> file : files.entrySet()) {
      assertThatThrownBy(() -> new EnvelopeDecrypt(TinkJsonProtoKeysetFormat.parseKeyset(file.getValue(),
          HybridConfig2026.get(), InsecureSecretKeyAccess.get()).getPrimitive(HybridConfig2026.get(), HybridDecrypt.class))
          .decrypt(raw, NOTES)).as(file.getKey()).isInstanceOf(GeneralSecurityException.class);
      assertThatThrownBy(() -> TinkJsonProtoKeysetFormat.parseKeyset(file.getValue(), AeadConfig2026.get(),
          InsecureSecretKeyAccess.get()).getPrimitive(AeadConfig2026.get(), Aead.class)
          .decrypt(parts.sealed(), EncryptEnvelope.associatedData(parts.header(), NOTES)))
          .as(file.getKey() + " as the data key").isInstanceOf(GeneralSecurityException.class);
    }
    for (Method m : SyncKeys.class.getMethods()) {
      assertThat(m.getReturnType()).as(m.getName()).isNotIn(HybridDecrypt.class, Aead.class);
    }
  }

  @Test
  void allThreeFormatsReveal() throws Exception {
    // keys made before HPKE: their AES-256-GCM keyset stays for reveal
    Map<String, String> files = new TreeMap<>(keys.serialize());
    KeysetHandle aesGcm = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
    files.put(KeyPurpose.LEGACY_ENCRYPT_FILE,
        TinkJsonProtoKeysetFormat.serializeKeyset(aesGcm, AeadConfig2026.get(), InsecureSecretKeyAccess.get()));
    PolicyKeys withLegacy = PolicyKeys.parse(files);
    String legacy = encoded(aesGcm.getPrimitive(AeadConfig2026.get(), Aead.class).encrypt(utf8("made with AES-GCM"), NOTES));
    String plainHpke = encoded(pod.encrypter().encrypt(utf8("made with plain HPKE"), NOTES));
    String envelope = encoded(pod.envelopeEncrypter().encrypt(utf8("made as an envelope"), NOTES));

    Revealer revealer = new Revealer(withLegacy);
    assertThat(revealer.reveal(legacy, "notes")).isEqualTo("made with AES-GCM");
    assertThat(revealer.reveal(plainHpke, "notes")).isEqualTo("made with plain HPKE");
    assertThat(revealer.reveal(envelope, "notes")).isEqualTo("made as an envelope");
    assertThat(new Revealer(keys).reveal(plainHpke, "notes")).isEqualTo("made with plain HPKE");
    assertThatThrownBy(() -> revealer.reveal(plainHpke, "title")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWrappedKeyIsNeverAValueNorAValueAWrappedKey() throws Exception {
    byte[] wrapped = EncryptEnvelope.parse(pod.envelopeEncrypter().encrypt(utf8("x"), NOTES)).wrappedKey();
    HybridDecrypt hpke = keys.decrypter();
    assertThatThrownBy(() -> hpke.decrypt(wrapped, NOTES)).isInstanceOf(GeneralSecurityException.class);
    byte[] plain = pod.encrypter().encrypt(new byte[32], NOTES);
    assertThatThrownBy(() -> hpke.decrypt(plain, EncryptEnvelope.DATA_KEY_CONTEXT)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void revealingUnwrapsEachRunsDataKeyOnce() throws Exception {
    AtomicInteger unwraps = new AtomicInteger();
    HybridDecrypt hpke = keys.decrypter();
    EnvelopeDecrypt decrypt = new EnvelopeDecrypt((ciphertext, info) -> {
      unwraps.incrementAndGet();
      return hpke.decrypt(ciphertext, info);
    });
    var runA = pod.envelopeEncrypter();
    var runB = pod.envelopeEncrypter();
    for (int i = 0; i < 5; i++) {
      assertThat(decrypt.decrypt(runA.encrypt(utf8("a" + i), NOTES), NOTES)).isEqualTo(utf8("a" + i));
      assertThat(decrypt.decrypt(runB.encrypt(utf8("b" + i), NOTES), NOTES)).isEqualTo(utf8("b" + i));
    }
    assertThat(unwraps).hasValue(2);
    assertThat(decrypt.cachedDataKeys()).isEqualTo(2);
  }

  @Test
  void aWriterTakesAFreshDataKeyAfterItsShareOfValues() throws Exception {
    EnvelopeEncrypt writer = new EnvelopeEncrypt(pod.encrypter(), 2);
    List<byte[]> wrapped = new ArrayList<>();
    HybridDecrypt reveal = keys.envelopeDecrypter();
    for (int i = 0; i < 5; i++) {
      byte[] value = writer.encrypt(utf8("v" + i), NOTES);
      wrapped.add(EncryptEnvelope.parse(value).wrappedKey());
      assertThat(reveal.decrypt(value, NOTES)).isEqualTo(utf8("v" + i));
    }
    assertThat(wrapped.get(1)).isEqualTo(wrapped.get(0));
    assertThat(wrapped.get(2)).isNotEqualTo(wrapped.get(1)).isEqualTo(wrapped.get(3));
    assertThat(wrapped.get(4)).isNotEqualTo(wrapped.get(3));
  }

  private static byte[] raw(String value) {
    assertThat(value).startsWith("enc_");
    return Base64.getUrlDecoder().decode(value.substring(4));
  }

  private static String encoded(byte[] raw) {
    return "enc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
