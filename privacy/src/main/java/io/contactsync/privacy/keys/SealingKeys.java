package io.contactsync.privacy.keys;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The operator's sealing keys: an HPKE keyset (X25519, HKDF-SHA256, AES-256-GCM). Anyone with the public keyset can
 * seal a credential for one endpoint of one ContactSync; only the operator opens it. The {@link SealBinding} (namespace,
 * sync, endpoint, key, and the host and port the driver contacts) is bound in as context info, so a sealed value opens
 * for nothing else: not another object or namespace, not another endpoint or key, and not the same sync pointed at
 * another server. Rotation adds a key and keeps the old ones, so values sealed before still open.
 */
public final class SealingKeys {
  /** Sealed values start with this, so they are recognizable and versioned. */
  public static final String PREFIX = "sealed.v2.";
  /**
   * The first version, bound to namespace and name only, so it followed a sync to any URL. It is recognized, to say
   * so and how to seal again, and never opened.
   */
  public static final String V1_PREFIX = "sealed.v1.";
  private static final HpkeParameters HPKE = Keysets.HPKE;
  private final KeysetHandle keys;

  private SealingKeys(KeysetHandle keys) {
    this.keys = keys;
  }

  public static SealingKeys generate() {
    try {
      return new SealingKeys(KeysetHandle.generateNew(HPKE, configuration()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("generating the sealing keyset failed", e);
    }
  }

  public static SealingKeys parse(String privateKeysetJson) throws GeneralSecurityException {
    return new SealingKeys(TinkJsonProtoKeysetFormat.parseKeyset(privateKeysetJson, configuration(), InsecureSecretKeyAccess.get()));
  }

  /** The private keyset as Tink JSON: a secret, for the operator's Secret only. */
  public String serialize() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(keys, configuration(), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the sealing keyset could not be serialized", e);
    }
  }

  /** The public keyset as Tink JSON: safe to publish. */
  public String publicKeyset() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keys.getPublicKeysetHandle(), configuration());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the public sealing keyset could not be serialized", e);
    }
  }

  public SealingKeys rotate() {
    try {
      return new SealingKeys(KeysetHandle.newBuilder(keys)
          .addEntry(KeysetHandle.generateEntryFromParameters(HPKE).withRandomId().makePrimary())
          .setConfiguration(configuration()).build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("rotating the sealing keyset failed", e);
    }
  }

  public int size() {
    return keys.size();
  }

  /** Whether this is a sealed.v1 value, which this operator refuses: it names no endpoint, key or host. */
  public static boolean isV1(String sealed) {
    return sealed != null && sealed.startsWith(V1_PREFIX);
  }

  /**
   * Opens a sealed.v2 value for the binding it must have been sealed for.
   *
   * @throws GeneralSecurityException when it was sealed for another binding, with another key, or is not a sealed.v2
   *     value (a sealed.v1 value included)
   */
  public byte[] unseal(SealBinding binding, String sealed) throws GeneralSecurityException {
    if (sealed == null || !sealed.startsWith(PREFIX)) throw new GeneralSecurityException("not a sealed.v2 value");
    byte[] ciphertext;
    try {
      ciphertext = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64url");
    }
    return keys.getPrimitive(configuration(), HybridDecrypt.class).decrypt(ciphertext, binding.contextInfo());
  }

  /** Seals a value for one binding (namespace, sync, endpoint, key, host:port) with a public keyset. */
  public static String seal(String publicKeysetJson, SealBinding binding, byte[] value) throws GeneralSecurityException {
    KeysetHandle publicKeys = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson, configuration());
    byte[] ciphertext = publicKeys.getPrimitive(configuration(), HybridEncrypt.class).encrypt(value, binding.contextInfo());
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
  }

  private static Configuration configuration() {
    return HybridConfig2026.get();
  }

  @Override
  public String toString() {
    return "SealingKeys[" + keys.size() + " keys, material hidden]";
  }
}
