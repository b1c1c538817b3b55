package io.contactsync.privacy.policy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.HybridDecrypt;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Opens tokens and ciphertexts for a holder of the policy's keys; any key of the keyset, old or new, opens. Tokens
 * open only in the scope they were made in (their keys are derived for it); ciphertexts open with the private
 * Encrypt keys whatever the scope. A ciphertext names its key (Tink's 5-byte prefix): one of the HPKE keyset opens
 * with HPKE, any other with the AES-256-GCM keyset that keys made before HPKE still hold.
 */
public final class Revealer {
  private final DeterministicAead tokens;
  private final PolicyKeys keys;
  private final HybridDecrypt ciphertexts;
  private final Optional<Aead> legacyCiphertexts;

  /** Reveals in the policy scope (tokens made with the master keys). */
  public Revealer(PolicyKeys keys) throws GeneralSecurityException {
    this(keys, KeyScope.policy());
  }

  public Revealer(PolicyKeys keys, KeyScope scope) throws GeneralSecurityException {
    this.keys = keys;
    this.tokens = keys.forScope(scope).tokenizer();
    this.ciphertexts = keys.decrypter();
    this.legacyCiphertexts = keys.legacyDecrypter();
  }

  /**
   * @param value a tok_… or enc_… value
   * @param fieldPath the field it was found in (ciphertexts are bound to it)
   * @throws IllegalArgumentException for hashes, which are irreversible, and for values these keys did not make
   */
  public String reveal(String value, String fieldPath) {
    try {
      if (value.startsWith(ValueTransforms.TOKEN_PREFIX)) {
        byte[] raw = decode(value.substring(ValueTransforms.TOKEN_PREFIX.length()));
        return new String(tokens.decryptDeterministically(raw, ValueTransforms.NO_ASSOCIATED_DATA), StandardCharsets.UTF_8);
      }
      if (value.startsWith(ValueTransforms.CIPHERTEXT_PREFIX)) {
        byte[] raw = decode(value.substring(ValueTransforms.CIPHERTEXT_PREFIX.length()));
        return new String(open(raw, fieldPath.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("this value was not made with these keys for field '" + fieldPath
          + "' (a token also needs the scope it was made in)");
    }
    throw new IllegalArgumentException("only Tokenize (tok_…) and Encrypt (enc_…) outputs can be revealed; "
        + "Hash outputs are irreversible by design");
  }

  private byte[] open(byte[] raw, byte[] fieldPath) throws GeneralSecurityException {
    if (raw.length > 5 && keys.hasEncryptKey(ByteBuffer.wrap(raw, 1, 4).getInt())) {
      return ciphertexts.decrypt(raw, fieldPath);
    }
    if (legacyCiphertexts.isPresent()) return legacyCiphertexts.get().decrypt(raw, fieldPath);
    throw new GeneralSecurityException("no key of this id");
  }

  private static byte[] decode(String base64url) throws GeneralSecurityException {
    try {
      return Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64url");
    }
  }
}
