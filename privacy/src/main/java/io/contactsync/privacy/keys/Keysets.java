package io.contactsync.privacy.keys;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.daead.DeterministicAeadConfig2026;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import com.google.crypto.tink.mac.MacConfig2026;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/** Tink's current configurations and the parameters of each purpose: no global registry, only what each needs. */
final class Keysets {
  /** HPKE with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM; Tink output prefix, so outputs name their key. */
  /** The one HPKE suite contactsync uses, for sealing and for Encrypt: DHKEM X25519 HKDF-SHA256, HKDF-SHA256, AES-256-GCM. */
  static final HpkeParameters HPKE = hpke();

  private Keysets() {}

  static Configuration configuration(KeyPurpose purpose) {
    return switch (purpose) {
      case TOKENIZE -> DeterministicAeadConfig2026.get();
      case HASH, RECORD_ID -> MacConfig2026.get();
      case ENCRYPT -> HybridConfig2026.get();
    };
  }

  /** The configuration of the AES-256-GCM keysets Encrypt used before HPKE. */
  static Configuration legacyEncryptConfiguration() {
    return AeadConfig2026.get();
  }

  static Parameters parameters(KeyPurpose purpose) {
    return switch (purpose) {
      case TOKENIZE -> PredefinedDeterministicAeadParameters.AES256_SIV;
      case HASH -> PredefinedMacParameters.HMAC_SHA256_256BITTAG;
      case ENCRYPT -> HPKE;
      // No output prefix: the id is the bare 128-bit tag, and this keyset never rotates.
      case RECORD_ID -> PredefinedMacParameters.HMAC_SHA256_128BITTAG_NO_PREFIX;
    };
  }

  static KeysetHandle generate(KeyPurpose purpose) {
    try {
      return KeysetHandle.generateNew(parameters(purpose), configuration(purpose));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("generating the " + purpose.cliName() + " keyset failed", e);
    }
  }

  static KeysetHandle parse(String json, Configuration configuration) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseKeyset(json, configuration, InsecureSecretKeyAccess.get());
  }

  static String serialize(KeysetHandle handle, Configuration configuration, String what) {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, configuration, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the " + what + " keyset could not be serialized", e);
    }
  }

  static List<PolicyKeys.KeyInfo> describe(KeysetHandle handle) {
    List<PolicyKeys.KeyInfo> keys = new ArrayList<>();
    for (int i = 0; i < handle.size(); i++) {
      var entry = handle.getAt(i);
      keys.add(new PolicyKeys.KeyInfo(entry.getId(), entry.isPrimary(), entry.getStatus().toString()));
    }
    return keys;
  }

  private static HpkeParameters hpke() {
    try {
      return HpkeParameters.builder().setVariant(HpkeParameters.Variant.TINK)
          .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256).setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
          .setAeadId(HpkeParameters.AeadId.AES_256_GCM).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
