package io.contactsync.privacy.keys;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The operator's sealing keys: an HPKE keyset (X25519, HKDF-SHA256, AES-256-GCM). Anyone with the public keyset can
 * seal a credential for one ContactSync; only the operator opens it. The sync's namespace and name are bound in as
 * context info, so a sealed value copied into another object or namespace does not open. Rotation adds a key and
 * keeps the old ones, so values sealed before still open.
 */
public final class SealingKeys {
  /** Sealed values start with this, so they are recognizable and versioned. */
  public static final String PREFIX = "sealed.v1.";
  private static final HpkeParameters HPKE = parameters();
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

  /**
   * Opens a sealed value.
   *
   * @throws GeneralSecurityException when it was sealed for another object, with another key, or is not a sealed value
   */
  public byte[] unseal(String namespace, String name, String sealed) throws GeneralSecurityException {
    if (sealed == null || !sealed.startsWith(PREFIX)) throw new GeneralSecurityException("not a sealed value");
    byte[] ciphertext;
    try {
      ciphertext = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64url");
    }
    return keys.getPrimitive(configuration(), HybridDecrypt.class).decrypt(ciphertext, context(namespace, name));
  }

  /** Seals a value for one ContactSync with a public keyset. */
  public static String seal(String publicKeysetJson, String namespace, String name, byte[] value)
      throws GeneralSecurityException {
    KeysetHandle publicKeys = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(publicKeysetJson, configuration());
    byte[] ciphertext = publicKeys.getPrimitive(configuration(), HybridEncrypt.class).encrypt(value, context(namespace, name));
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
  }

  private static byte[] context(String namespace, String name) {
    return ("contactsync.io/sealed/v1:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8);
  }

  private static Configuration configuration() {
    return HybridConfig2026.get();
  }

  private static HpkeParameters parameters() {
    try {
      return HpkeParameters.builder().setVariant(HpkeParameters.Variant.TINK)
          .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256).setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
          .setAeadId(HpkeParameters.AeadId.AES_256_GCM).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SealingKeys[" + keys.size() + " keys, material hidden]";
  }
}
