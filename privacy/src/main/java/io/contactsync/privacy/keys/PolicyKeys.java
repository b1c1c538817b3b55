package io.contactsync.privacy.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The master keysets of one policy: Tokenize and Hash masters (writers get keys derived from them for their scope),
 * the HPKE private keyset of Encrypt (writers get only its public half), the record-id key, and, in keys made before
 * Encrypt became HPKE, the old AES-256-GCM keyset so that old ciphertexts still reveal. Only key readers and the
 * operator hold these. Immutable: rotation returns new keys that still hold the old ones, so values tokenized or
 * encrypted under an older key keep opening. Serialized keysets are secrets: only the key store may write them, and
 * nothing may log them.
 */
public final class PolicyKeys {
  private final Map<KeyPurpose, KeysetHandle> keysets;
  private final KeysetHandle legacyEncrypt;

  private PolicyKeys(Map<KeyPurpose, KeysetHandle> keysets, KeysetHandle legacyEncrypt) {
    this.keysets = Map.copyOf(keysets);
    this.legacyEncrypt = legacyEncrypt;
  }

  /** Fresh keysets with one key each (and no legacy Encrypt keyset). */
  public static PolicyKeys generate() {
    Map<KeyPurpose, KeysetHandle> keysets = new EnumMap<>(KeyPurpose.class);
    for (KeyPurpose purpose : KeyPurpose.values()) keysets.put(purpose, Keysets.generate(purpose));
    return new PolicyKeys(keysets, null);
  }

  /**
   * Keys made before Encrypt became HPKE gain an HPKE keyset, once: the given files (file name to Tink JSON) with
   * {@link KeyPurpose#ENCRYPT}'s file added when it is missing. Nothing else changes, so no key is ever regenerated.
   */
  public static Map<String, String> withEncryptKeyset(Map<String, String> files) {
    if (files.containsKey(KeyPurpose.ENCRYPT.fileName())) return files;
    Map<String, String> out = new TreeMap<>(files);
    out.put(KeyPurpose.ENCRYPT.fileName(), newEncryptKeyset());
    return out;
  }

  /** A fresh HPKE private keyset as Tink JSON (a secret), for keys that have none yet. */
  public static String newEncryptKeyset() {
    return Keysets.serialize(Keysets.generate(KeyPurpose.ENCRYPT), Keysets.configuration(KeyPurpose.ENCRYPT),
        KeyPurpose.ENCRYPT.cliName());
  }

  /** Parses the serialized keysets, by file name; every purpose must be present, the legacy Encrypt keyset may be. */
  public static PolicyKeys parse(Map<String, String> files) throws GeneralSecurityException {
    Map<KeyPurpose, KeysetHandle> keysets = new EnumMap<>(KeyPurpose.class);
    for (KeyPurpose purpose : KeyPurpose.values()) {
      String json = files.get(purpose.fileName());
      if (json == null) throw new GeneralSecurityException("the " + purpose.fileName() + " keyset is missing");
      keysets.put(purpose, Keysets.parse(json, Keysets.configuration(purpose)));
    }
    String legacy = files.get(KeyPurpose.LEGACY_ENCRYPT_FILE);
    return new PolicyKeys(keysets, legacy == null ? null : Keysets.parse(legacy, Keysets.legacyEncryptConfiguration()));
  }

  /** The keysets as Tink JSON by file name, to be stored as secrets. */
  public Map<String, String> serialize() {
    Map<String, String> out = new TreeMap<>();
    keysets.forEach((purpose, handle) ->
        out.put(purpose.fileName(), Keysets.serialize(handle, Keysets.configuration(purpose), purpose.cliName())));
    if (legacyEncrypt != null) {
      out.put(KeyPurpose.LEGACY_ENCRYPT_FILE, Keysets.serialize(legacyEncrypt, Keysets.legacyEncryptConfiguration(), "legacy encrypt"));
    }
    return out;
  }

  /** Adds a new primary key for the purpose; older keys stay enabled for decryption and detokenization. */
  public PolicyKeys rotate(KeyPurpose purpose) {
    if (!purpose.rotatable()) {
      throw new IllegalArgumentException("the " + purpose.cliName() + " key is never rotated: destination record ids "
          + "derive from it, and a new key would duplicate every record");
    }
    try {
      KeysetHandle rotated = KeysetHandle.newBuilder(keysets.get(purpose))
          .addEntry(KeysetHandle.generateEntryFromParameters(Keysets.parameters(purpose)).withRandomId().makePrimary())
          .setConfiguration(Keysets.configuration(purpose))
          .build();
      Map<KeyPurpose, KeysetHandle> next = new EnumMap<>(keysets);
      next.put(purpose, rotated);
      return new PolicyKeys(next, legacyEncrypt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("rotating the " + purpose.cliName() + " keyset failed", e);
    }
  }

  /**
   * What a writer in the scope holds: Tokenize and Hash keys derived for the scope (the masters for the policy
   * scope), the public Encrypt keyset, and the record-id key as it is (record ids must never change).
   */
  public SyncKeys forScope(KeyScope scope) {
    try {
      return new SyncKeys(
          ScopedKeyDerivation.derive(keysets.get(KeyPurpose.TOKENIZE), KeyPurpose.TOKENIZE, scope),
          ScopedKeyDerivation.derive(keysets.get(KeyPurpose.HASH), KeyPurpose.HASH, scope),
          keysets.get(KeyPurpose.ENCRYPT).getPublicKeysetHandle(),
          keysets.get(KeyPurpose.RECORD_ID));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("deriving the keys of " + scope.describe() + " failed", e);
    }
  }

  /** Key ids and which is primary, per purpose: safe to print, holds no key material. */
  public Map<KeyPurpose, List<KeyInfo>> describe() {
    Map<KeyPurpose, List<KeyInfo>> out = new EnumMap<>(KeyPurpose.class);
    keysets.forEach((purpose, handle) -> out.put(purpose, Keysets.describe(handle)));
    return out;
  }

  /** One key of a keyset, without its material. */
  public record KeyInfo(int id, boolean primary, String status) {}

  /** Opens Encrypt outputs made as plain HPKE (one key agreement per value, before envelopes), and wrapped data keys. */
  public HybridDecrypt decrypter() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.ENCRYPT).getPrimitive(Keysets.configuration(KeyPurpose.ENCRYPT), HybridDecrypt.class);
  }

  /**
   * Opens Encrypt outputs made as envelopes ({@link EncryptEnvelope}): unwraps each data key with the HPKE keyset,
   * once per wrapped key for the life of the returned object.
   */
  public HybridDecrypt envelopeDecrypter() throws GeneralSecurityException {
    return new EnvelopeDecrypt(decrypter());
  }

  /** Opens Encrypt outputs made with the AES-256-GCM keyset of keys made before HPKE; empty for newer keys. */
  public Optional<Aead> legacyDecrypter() throws GeneralSecurityException {
    if (legacyEncrypt == null) return Optional.empty();
    return Optional.of(legacyEncrypt.getPrimitive(Keysets.legacyEncryptConfiguration(), Aead.class));
  }

  /** Whether the HPKE keyset holds a key of this id (outputs carry their key id in their Tink prefix). */
  public boolean hasEncryptKey(int id) {
    KeysetHandle handle = keysets.get(KeyPurpose.ENCRYPT);
    for (int i = 0; i < handle.size(); i++) {
      if (handle.getAt(i).getId() == id) return true;
    }
    return false;
  }

  /** The master Tokenize primitive: opens tokens of the policy scope only (scoped tokens need {@link #forScope}). */
  public DeterministicAead tokenizer() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.TOKENIZE).getPrimitive(Keysets.configuration(KeyPurpose.TOKENIZE), DeterministicAead.class);
  }

  public Mac recordIds() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.RECORD_ID).getPrimitive(Keysets.configuration(KeyPurpose.RECORD_ID), Mac.class);
  }

  @Override
  public String toString() { return "PolicyKeys[material hidden]"; }
}
