package io.contactsync.privacy.policy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.Mac;
import io.contactsync.privacy.policy.PolicyDefinition.DatePrecision;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/** The transforms behind the actions. Outputs of reversible actions carry a prefix saying what they are. */
public final class ValueTransforms {
  public static final String REDACTED = "[REDACTED]";
  public static final String TOKEN_PREFIX = "tok_";
  public static final String CIPHERTEXT_PREFIX = "enc_";
  static final byte[] NO_ASSOCIATED_DATA = new byte[0];

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();

  private ValueTransforms() {}

  /** Marks a custom key whose value is dropped (custom keys need a value to tell "dropped" from "no rule"). */
  static final ValueTransform DROP = (value, path) -> null;
  static final ValueTransform KEEP = (value, path) -> value;
  static final ValueTransform REDACT = (value, path) -> REDACTED;

  static ValueTransform mask(int keepFirst, int keepLast, int maskCodePoint) {
    return (value, path) -> {
      int length = value.codePointCount(0, value.length());
      StringBuilder out = new StringBuilder(value.length());
      if (length <= keepFirst + keepLast) {
        for (int i = 0; i < length; i++) out.appendCodePoint(maskCodePoint);
        return out.toString();
      }
      int firstEnd = value.offsetByCodePoints(0, keepFirst);
      int lastStart = value.offsetByCodePoints(value.length(), -keepLast);
      out.append(value, 0, firstEnd);
      for (int i = keepFirst; i < length - keepLast; i++) out.appendCodePoint(maskCodePoint);
      out.append(value, lastStart, value.length());
      return out.toString();
    };
  }

  /** Keyed HMAC-SHA256; the output starts with Tink's 5-byte prefix, which names the key. */
  static ValueTransform hash(Mac mac, HashEncoding encoding) {
    return (value, path) -> {
      byte[] tag = compute(() -> mac.computeMac(value.getBytes(StandardCharsets.UTF_8)));
      return encoding == HashEncoding.BASE64URL ? BASE64URL.encodeToString(tag) : HEX.formatHex(tag);
    };
  }

  /** Deterministic AES-SIV with no associated data, so the same value tokenizes alike in every field (joinable). */
  static ValueTransform tokenize(DeterministicAead daead) {
    return (value, path) -> TOKEN_PREFIX + BASE64URL.encodeToString(
        compute(() -> daead.encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), NO_ASSOCIATED_DATA)));
  }

  /** Randomized AES-GCM bound to the field path, so a ciphertext moved to another field does not open. */
  static ValueTransform encrypt(Aead aead) {
    return (value, path) -> CIPHERTEXT_PREFIX + BASE64URL.encodeToString(compute(
        () -> aead.encrypt(value.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8))));
  }

  /** A date to its year or year-month; a value with no year (--12-10) or no date at all does not leave. */
  static ValueTransform generalizeDate(DatePrecision precision) {
    return (value, path) -> {
      int month = DateParts.month(value);
      if (month == DateParts.NOT_A_DATE) return null;
      String year = value.substring(0, 4);
      return precision == DatePrecision.YEAR || month == DateParts.NO_MONTH ? year : year + "-" + value.substring(month, month + 2);
    };
  }

  static ValueTransform keepPrefix(int codePoints) {
    return (value, path) -> {
      int length = value.codePointCount(0, value.length());
      return length <= codePoints ? value : value.substring(0, value.offsetByCodePoints(0, codePoints));
    };
  }

  interface Crypto {
    byte[] run() throws GeneralSecurityException;
  }

  static byte[] compute(Crypto crypto) {
    try {
      return crypto.run();
    } catch (GeneralSecurityException e) {
      // Encrypting and MACing with a loaded key does not fail in practice; the cause names no value.
      throw new IllegalStateException("a cryptographic operation failed: " + e.getClass().getSimpleName());
    }
  }
}
