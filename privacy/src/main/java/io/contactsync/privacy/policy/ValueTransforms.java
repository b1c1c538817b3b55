package io.contactsync.privacy.policy;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.Mac;
import io.contactsync.privacy.policy.PolicyDefinition.DatePrecision;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** The transforms behind the actions. Outputs of reversible actions carry a prefix saying what they are. */
public final class ValueTransforms {
  public static final String REDACTED = "[REDACTED]";
  public static final String TOKEN_PREFIX = "tok_";
  public static final String CIPHERTEXT_PREFIX = "enc_";
  static final byte[] NO_ASSOCIATED_DATA = new byte[0];

  private static final byte[] BASE64URL_DIGITS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
      return encoding == HashEncoding.BASE64URL ? prefixedBase64Url("", tag) : hex(tag);
    };
  }

  /** Deterministic AES-SIV with no associated data, so the same value tokenizes alike in every field (joinable). */
  static ValueTransform tokenize(DeterministicAead daead) {
    return (value, path) -> prefixedBase64Url(TOKEN_PREFIX,
        compute(() -> daead.encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), NO_ASSOCIATED_DATA)));
  }

  /**
   * Randomized encryption to the policy's public key (an envelope: AES-256-GCM under the run's data key, which is
   * HPKE-wrapped; see EncryptEnvelope), the field path bound in so a ciphertext moved to another field does not
   * open; the writer cannot open it, only holders of the private key (key readers).
   */
  static ValueTransform encrypt(HybridEncrypt hpke) {
    return (value, path) -> prefixedBase64Url(CIPHERTEXT_PREFIX, compute(
        () -> hpke.encrypt(value.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8))));
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

  /**
   * The ASCII prefix followed by the data in unpadded Base64url (RFC 4648 section 5), written straight into the
   * string's bytes: what {@code prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(data)} gives, without
   * its three intermediate copies (ValueTransformsTest compares the two).
   */
  static String prefixedBase64Url(String prefix, byte[] data) {
    int p = prefix.length();
    int full = data.length / 3 * 3;
    int rest = data.length - full;
    byte[] out = new byte[p + full / 3 * 4 + (rest == 0 ? 0 : rest + 1)];
    for (int i = 0; i < p; i++) out[i] = (byte) prefix.charAt(i);
    int o = p;
    for (int i = 0; i < full; i += 3) {
      int bits = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
      out[o++] = BASE64URL_DIGITS[bits >>> 18];
      out[o++] = BASE64URL_DIGITS[bits >>> 12 & 0x3F];
      out[o++] = BASE64URL_DIGITS[bits >>> 6 & 0x3F];
      out[o++] = BASE64URL_DIGITS[bits & 0x3F];
    }
    if (rest > 0) {
      int bits = (data[full] & 0xFF) << 16 | (rest == 2 ? (data[full + 1] & 0xFF) << 8 : 0);
      out[o++] = BASE64URL_DIGITS[bits >>> 18];
      out[o++] = BASE64URL_DIGITS[bits >>> 12 & 0x3F];
      if (rest == 2) out[o] = BASE64URL_DIGITS[bits >>> 6 & 0x3F];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Lower-case hex, as HexFormat.of().formatHex gives it, in one copy. */
  static String hex(byte[] data) {
    byte[] out = new byte[data.length * 2];
    for (int i = 0; i < data.length; i++) {
      out[2 * i] = HEX_DIGITS[(data[i] & 0xFF) >>> 4];
      out[2 * i + 1] = HEX_DIGITS[data[i] & 0x0F];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
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
