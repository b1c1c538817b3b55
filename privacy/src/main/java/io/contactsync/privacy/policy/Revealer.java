package io.contactsync.privacy.policy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.HybridDecrypt;
import io.contactsync.privacy.keys.EncryptEnvelope;
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
 * Encrypt keys whatever the scope. Ciphertexts come in three formats, told apart by their first byte: envelopes
 * (0x02, {@link EncryptEnvelope}: the HPKE-wrapped data key is unwrapped once per run and kept for this revealer's
 * life), and, starting with Tink's prefix that names their key, plain HPKE (a key of the HPKE keyset) or the
 * AES-256-GCM of keys made before HPKE (any other key id).
 */
public final class Revealer {
  private final DeterministicAead tokens;
  private final PolicyKeys keys;
  private final HybridDecrypt ciphertexts;
  private final HybridDecrypt envelopes;
  private final Optional<Aead> legacyCiphertexts;

  /** Reveals in the policy scope (tokens made with the master keys). */
  public Revealer(PolicyKeys keys) throws GeneralSecurityException {
    this(keys, KeyScope.policy());
  }

  public Revealer(PolicyKeys keys, KeyScope scope) throws GeneralSecurityException {
    this.keys = keys;
    this.tokens = keys.forScope(scope).tokenizer();
    this.ciphertexts = keys.decrypter();
    this.envelopes = keys.envelopeDecrypter();
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
    } catch (EncryptEnvelope.MalformedEnvelopeException | NotBase64UrlException e) {
      // what is broken, never the value: it may be a ciphertext cut in two, and the rest of it elsewhere
      throw new IllegalArgumentException("this value is damaged (" + e.getMessage() + "): it was cut short or changed "
          + "after it was written");
    } catch (EncryptEnvelope.ValueDoesNotOpenException e) {
      throw new IllegalArgumentException("this value was made with these keys but does not open in field '" + fieldPath
          + "': it was made for another field, or cut short or changed after it was written");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("this value was not made with these keys for field '" + fieldPath
          + "' (a token also needs the scope it was made in)");
    }
    throw new IllegalArgumentException("only Tokenize (tok_…) and Encrypt (enc_…) outputs can be revealed; "
        + "Hash outputs are irreversible by design");
  }

  private byte[] open(byte[] raw, byte[] fieldPath) throws GeneralSecurityException {
    if (EncryptEnvelope.isEnvelope(raw)) return envelopes.decrypt(raw, fieldPath);
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
      throw new NotBase64UrlException();
    }
  }

  private static final class NotBase64UrlException extends GeneralSecurityException {
    NotBase64UrlException() {
      super("not Base64url after its prefix");
    }
  }
}
