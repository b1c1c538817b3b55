package io.contactsync.privacy.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig2026;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.mac.MacConfig2026;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Tink keysets of one policy. Immutable: rotation returns new keys that still hold the old ones, so values
 * tokenized or encrypted under an older key keep opening. Serialized keysets are secrets: only the key store may
 * write them, and nothing may log them.
 */
public final class PolicyKeys {
  private final Map<KeyPurpose, KeysetHandle> keysets;

  private PolicyKeys(Map<KeyPurpose, KeysetHandle> keysets) {
    this.keysets = Map.copyOf(keysets);
  }

  /** Fresh keysets with one key each. */
  public static PolicyKeys generate() {
    Map<KeyPurpose, KeysetHandle> keysets = new EnumMap<>(KeyPurpose.class);
    for (KeyPurpose purpose : KeyPurpose.values()) {
      keysets.put(purpose, generate(purpose));
    }
    return new PolicyKeys(keysets);
  }

  /** Parses the serialized keysets; every purpose must be present. */
  public static PolicyKeys parse(Map<KeyPurpose, String> serialized) throws GeneralSecurityException {
    Map<KeyPurpose, KeysetHandle> keysets = new EnumMap<>(KeyPurpose.class);
    for (KeyPurpose purpose : KeyPurpose.values()) {
      String json = serialized.get(purpose);
      if (json == null) throw new GeneralSecurityException("the " + purpose.fileName() + " keyset is missing");
      keysets.put(purpose, TinkJsonProtoKeysetFormat.parseKeyset(json, configuration(purpose), InsecureSecretKeyAccess.get()));
    }
    return new PolicyKeys(keysets);
  }

  /** The keysets as Tink JSON, to be stored as secrets. */
  public Map<KeyPurpose, String> serialize() {
    Map<KeyPurpose, String> out = new EnumMap<>(KeyPurpose.class);
    keysets.forEach((purpose, handle) -> {
      try {
        out.put(purpose, TinkJsonProtoKeysetFormat.serializeKeyset(handle, configuration(purpose), InsecureSecretKeyAccess.get()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the " + purpose.fileName() + " keyset could not be serialized", e);
      }
    });
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
          .addEntry(KeysetHandle.generateEntryFromParameters(parameters(purpose)).withRandomId().makePrimary())
          .setConfiguration(configuration(purpose))
          .build();
      Map<KeyPurpose, KeysetHandle> next = new EnumMap<>(keysets);
      next.put(purpose, rotated);
      return new PolicyKeys(next);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("rotating the " + purpose.cliName() + " keyset failed", e);
    }
  }

  /** Key ids and which is primary, per purpose: safe to print, holds no key material. */
  public Map<KeyPurpose, List<KeyInfo>> describe() {
    Map<KeyPurpose, List<KeyInfo>> out = new EnumMap<>(KeyPurpose.class);
    keysets.forEach((purpose, handle) -> {
      List<KeyInfo> keys = new ArrayList<>();
      for (int i = 0; i < handle.size(); i++) {
        var entry = handle.getAt(i);
        keys.add(new KeyInfo(entry.getId(), entry.isPrimary(), entry.getStatus().toString()));
      }
      out.put(purpose, keys);
    });
    return out;
  }

  /** One key of a keyset, without its material. */
  public record KeyInfo(int id, boolean primary, String status) {}

  public DeterministicAead tokenizer() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.TOKENIZE).getPrimitive(configuration(KeyPurpose.TOKENIZE), DeterministicAead.class);
  }

  public Mac hasher() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.HASH).getPrimitive(configuration(KeyPurpose.HASH), Mac.class);
  }

  public Aead encrypter() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.ENCRYPT).getPrimitive(configuration(KeyPurpose.ENCRYPT), Aead.class);
  }

  public Mac recordIds() throws GeneralSecurityException {
    return keysets.get(KeyPurpose.RECORD_ID).getPrimitive(configuration(KeyPurpose.RECORD_ID), Mac.class);
  }

  private static KeysetHandle generate(KeyPurpose purpose) {
    try {
      return KeysetHandle.generateNew(parameters(purpose), configuration(purpose));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("generating the " + purpose.cliName() + " keyset failed", e);
    }
  }

  /** Tink's current configurations: no global registry, only the algorithms each purpose needs. */
  private static Configuration configuration(KeyPurpose purpose) {
    return switch (purpose) {
      case TOKENIZE -> DeterministicAeadConfig2026.get();
      case HASH, RECORD_ID -> MacConfig2026.get();
      case ENCRYPT -> AeadConfig2026.get();
    };
  }

  private static Parameters parameters(KeyPurpose purpose) {
    return switch (purpose) {
      case TOKENIZE -> PredefinedDeterministicAeadParameters.AES256_SIV;
      case HASH -> PredefinedMacParameters.HMAC_SHA256_256BITTAG;
      case ENCRYPT -> PredefinedAeadParameters.AES256_GCM;
      // No output prefix: the id is the bare 128-bit tag, and this keyset never rotates.
      case RECORD_ID -> PredefinedMacParameters.HMAC_SHA256_128BITTAG_NO_PREFIX;
    };
  }

  @Override
  public String toString() { return "PolicyKeys[material hidden]"; }
}
