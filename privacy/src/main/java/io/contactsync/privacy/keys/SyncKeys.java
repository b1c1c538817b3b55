package io.contactsync.privacy.keys;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys one writer (a sync pod, or a local run) holds for one destination: Tokenize and Hash keys derived for its
 * scope, the public half of the Encrypt keyset (it can encrypt, never decrypt), and the record-id key. Made from
 * the policy's keys with {@link PolicyKeys#forScope}; a pod reads it from the files {@link #serialize} wrote.
 */
public final class SyncKeys {
  /** The public Encrypt keyset's file; the private one ({@link KeyPurpose#ENCRYPT}) never reaches a writer. */
  public static final String ENCRYPT_PUBLIC_FILE = "encrypt-public.json";

  private final KeysetHandle tokenize;
  private final KeysetHandle hash;
  private final KeysetHandle encryptPublic;
  private final KeysetHandle recordId;

  SyncKeys(KeysetHandle tokenize, KeysetHandle hash, KeysetHandle encryptPublic, KeysetHandle recordId) {
    this.tokenize = tokenize;
    this.hash = hash;
    this.encryptPublic = encryptPublic;
    this.recordId = recordId;
  }

  /** The files a writer's keys are stored in: tokenize.json, hash.json, record-id.json and encrypt-public.json. */
  public static List<String> fileNames() {
    return List.of(KeyPurpose.TOKENIZE.fileName(), KeyPurpose.HASH.fileName(), KeyPurpose.RECORD_ID.fileName(),
        ENCRYPT_PUBLIC_FILE);
  }

  /** Parses what {@link #serialize} wrote; a private Encrypt keyset is refused, as it must never reach a writer. */
  public static SyncKeys parse(Map<String, String> files) throws GeneralSecurityException {
    for (String name : fileNames()) {
      if (!files.containsKey(name)) throw new GeneralSecurityException("the " + name + " keyset is missing");
    }
    return new SyncKeys(
        Keysets.parse(files.get(KeyPurpose.TOKENIZE.fileName()), Keysets.configuration(KeyPurpose.TOKENIZE)),
        Keysets.parse(files.get(KeyPurpose.HASH.fileName()), Keysets.configuration(KeyPurpose.HASH)),
        TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(files.get(ENCRYPT_PUBLIC_FILE), Keysets.configuration(KeyPurpose.ENCRYPT)),
        Keysets.parse(files.get(KeyPurpose.RECORD_ID.fileName()), Keysets.configuration(KeyPurpose.RECORD_ID)));
  }

  /** The keysets as Tink JSON by file name. Tokenize, Hash and record-id are secrets; the public keyset is not. */
  public Map<String, String> serialize() {
    Map<String, String> out = new TreeMap<>();
    out.put(KeyPurpose.TOKENIZE.fileName(), Keysets.serialize(tokenize, Keysets.configuration(KeyPurpose.TOKENIZE), "tokenize"));
    out.put(KeyPurpose.HASH.fileName(), Keysets.serialize(hash, Keysets.configuration(KeyPurpose.HASH), "hash"));
    out.put(KeyPurpose.RECORD_ID.fileName(), Keysets.serialize(recordId, Keysets.configuration(KeyPurpose.RECORD_ID), "record-id"));
    try {
      out.put(ENCRYPT_PUBLIC_FILE, TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(encryptPublic,
          Keysets.configuration(KeyPurpose.ENCRYPT)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the public encrypt keyset could not be serialized", e);
    }
    return out;
  }

  /** Key ids and which is primary, per purpose (Encrypt: the public keys' ids, which are the private keys' ids). */
  public Map<KeyPurpose, List<PolicyKeys.KeyInfo>> describe() {
    Map<KeyPurpose, List<PolicyKeys.KeyInfo>> out = new EnumMap<>(KeyPurpose.class);
    out.put(KeyPurpose.TOKENIZE, Keysets.describe(tokenize));
    out.put(KeyPurpose.HASH, Keysets.describe(hash));
    out.put(KeyPurpose.ENCRYPT, Keysets.describe(encryptPublic));
    out.put(KeyPurpose.RECORD_ID, Keysets.describe(recordId));
    return out;
  }

  public DeterministicAead tokenizer() throws GeneralSecurityException {
    return tokenize.getPrimitive(Keysets.configuration(KeyPurpose.TOKENIZE), DeterministicAead.class);
  }

  public Mac hasher() throws GeneralSecurityException {
    return hash.getPrimitive(Keysets.configuration(KeyPurpose.HASH), Mac.class);
  }

  /**
   * Encrypt as it writes values: a fresh writer with its own data key (made on first use, wrapped once with the
   * public keyset; see {@link EncryptEnvelope}). Each call is a new writer, so call it once per run.
   */
  public HybridEncrypt envelopeEncrypter() throws GeneralSecurityException {
    return new EnvelopeEncrypt(encrypter());
  }

  /** Plain HPKE to the public keyset (an X25519 key agreement per call): what wraps the data keys. */
  public HybridEncrypt encrypter() throws GeneralSecurityException {
    return encryptPublic.getPrimitive(Keysets.configuration(KeyPurpose.ENCRYPT), HybridEncrypt.class);
  }

  public Mac recordIds() throws GeneralSecurityException {
    return recordId.getPrimitive(Keysets.configuration(KeyPurpose.RECORD_ID), Mac.class);
  }

  @Override
  public String toString() { return "SyncKeys[material hidden]"; }
}
