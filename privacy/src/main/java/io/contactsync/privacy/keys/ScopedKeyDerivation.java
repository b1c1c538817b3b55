package io.contactsync.privacy.keys;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * Derives a scope's Tokenize or Hash keyset from the policy's master keyset: for every master key, HKDF-SHA256 over
 * its raw key bytes with the scope's info string, rebuilt as a key of the same parameters under the same key id and
 * status. So outputs still name their key, rotating the master rotates every scope, and key ids stay what the job
 * fingerprint sees. Deterministic: the same master and scope always give the same keyset.
 */
final class ScopedKeyDerivation {
  private static final String HKDF_MAC = "HMACSHA256";
  private static final byte[] NO_SALT = new byte[0];

  private ScopedKeyDerivation() {}

  static KeysetHandle derive(KeysetHandle master, KeyPurpose purpose, KeyScope scope) throws GeneralSecurityException {
    if (scope.kind() == KeyScope.Kind.POLICY) return master;
    if (purpose != KeyPurpose.TOKENIZE && purpose != KeyPurpose.HASH) {
      throw new IllegalArgumentException("only tokenize and hash keys are scoped");
    }
    byte[] info = scope.info(purpose);
    KeysetHandle.Builder builder = KeysetHandle.newBuilder();
    for (int i = 0; i < master.size(); i++) {
      KeysetHandle.Entry entry = master.getAt(i);
      KeysetHandle.Builder.Entry derived = KeysetHandle.importKey(derive(entry.getKey(), info))
          .withFixedId(entry.getId()).setStatus(entry.getStatus());
      if (entry.isPrimary()) derived.makePrimary();
      builder.addEntry(derived);
    }
    return builder.build();
  }

  private static Key derive(Key key, byte[] info) throws GeneralSecurityException {
    if (key instanceof AesSivKey siv) {
      return AesSivKey.builder().setParameters(siv.getParameters())
          .setKeyBytes(derive(siv.getKeyBytes(), info)).setIdRequirement(siv.getIdRequirementOrNull()).build();
    }
    if (key instanceof HmacKey hmac) {
      return HmacKey.builder().setParameters(hmac.getParameters())
          .setKeyBytes(derive(hmac.getKeyBytes(), info)).setIdRequirement(hmac.getIdRequirementOrNull()).build();
    }
    throw new GeneralSecurityException("a " + key.getClass().getSimpleName() + " cannot be scoped");
  }

  private static SecretBytes derive(SecretBytes master, byte[] info) throws GeneralSecurityException {
    byte[] ikm = master.toByteArray(InsecureSecretKeyAccess.get());
    return SecretBytes.copyFrom(Hkdf.computeHkdf(HKDF_MAC, ikm, NO_SALT, info, ikm.length), InsecureSecretKeyAccess.get());
  }
}
