package io.contactsync.privacy.policy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import io.contactsync.privacy.keys.PolicyKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** Opens tokens and ciphertexts for a holder of the policy's keys; any key of the keyset, old or new, opens. */
public final class Revealer {
  private final DeterministicAead tokens;
  private final Aead ciphertexts;

  public Revealer(PolicyKeys keys) throws GeneralSecurityException {
    this.tokens = keys.tokenizer();
    this.ciphertexts = keys.encrypter();
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
        return new String(ciphertexts.decrypt(raw, fieldPath.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("this value was not made with these keys for field '" + fieldPath + "'");
    }
    throw new IllegalArgumentException("only Tokenize (tok_…) and Encrypt (enc_…) outputs can be revealed; "
        + "Hash outputs are irreversible by design");
  }

  private static byte[] decode(String base64url) throws GeneralSecurityException {
    try {
      return Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64url");
    }
  }
}
