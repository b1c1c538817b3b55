package io.contactsync.privacy.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The wire format of Encrypt outputs since they are envelopes: one HPKE wrap of a random AES-256-GCM data key per
 * writer, AES-256-GCM per value. Every value carries the wrapped key, so each reveals on its own.
 *
 * <pre>
 * byte 0       0x02: data-key envelope, version 1. The formats before it start with Tink's output prefix
 *              (0x01 and a key id: plain HPKE, or the AES-256-GCM of keys made before HPKE), so they never clash.
 * bytes 1-2    n, big-endian: the wrapped data key's length (85 for X25519 HPKE)
 * n bytes      the wrapped data key: HPKE to the policy's public key of the 32 raw key bytes, context info
 *              {@link #DATA_KEY_CONTEXT}; it starts with Tink's prefix, so it names the policy key that opens it
 * the rest     AES-256-GCM under the data key: 12-byte nonce, ciphertext, 16-byte tag. Associated data: the header
 *              above (bytes 0 to 2+n) followed by the field path in UTF-8, so a value opens neither under another
 *              wrapped key nor in another field.
 * </pre>
 *
 * The wrap's context info cannot be a field path (no field path looks like it), so a wrapped key never opens as a
 * plain HPKE value, nor a plain HPKE value as a wrapped key.
 */
public final class EncryptEnvelope {
  /** The first byte of every envelope; other first bytes are the formats before it. */
  public static final byte VERSION_1 = 0x02;
  /** HPKE context info of the data key's wrap: says what is wrapped, and the format's version. */
  static final byte[] DATA_KEY_CONTEXT = "contactsync.io/encrypt-dek/v1".getBytes(StandardCharsets.US_ASCII);
  static final int DATA_KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  /** Version byte and wrapped-key length. */
  static final int FIXED_HEADER_BYTES = 3;
  /** Tink's output prefix: a format byte and the 4-byte key id. */
  private static final int TINK_PREFIX_BYTES = 5;

  private static final AesGcmParameters DATA_KEY_PARAMETERS = dataKeyParameters();

  private EncryptEnvelope() {}

  /** Whether the raw bytes (after {@code enc_} and Base64url) claim to be an envelope. */
  public static boolean isEnvelope(byte[] raw) {
    return raw.length > 0 && raw[0] == VERSION_1;
  }

  /** An envelope split into its parts; the arrays are copies. */
  public record Parts(byte[] header, byte[] wrappedKey, byte[] sealed) {
    /** The HPKE key id in the wrapped key's Tink prefix: the policy's Encrypt key that opens it. */
    public int keyId() {
      return (wrappedKey[1] & 0xFF) << 24 | (wrappedKey[2] & 0xFF) << 16 | (wrappedKey[3] & 0xFF) << 8 | (wrappedKey[4] & 0xFF);
    }

    /** The AES-GCM nonce of the value. */
    public byte[] nonce() {
      return Arrays.copyOf(sealed, NONCE_BYTES);
    }
  }

  /**
   * Splits an envelope, checking only its structure (that is no proof it is genuine: opening is).
   *
   * @throws MalformedEnvelopeException saying what is wrong with the structure, never with any of its bytes
   */
  public static Parts parse(byte[] raw) throws MalformedEnvelopeException {
    if (!isEnvelope(raw)) throw new MalformedEnvelopeException("it does not start with the envelope's version byte");
    if (raw.length < FIXED_HEADER_BYTES) throw new MalformedEnvelopeException("it ends inside its header");
    int wrappedLength = (raw[1] & 0xFF) << 8 | (raw[2] & 0xFF);
    if (wrappedLength <= TINK_PREFIX_BYTES) throw new MalformedEnvelopeException("its wrapped data key is too short");
    int headerLength = FIXED_HEADER_BYTES + wrappedLength;
    if (raw.length < headerLength) throw new MalformedEnvelopeException("it ends inside its wrapped data key");
    if (raw.length < headerLength + NONCE_BYTES + TAG_BYTES) {
      throw new MalformedEnvelopeException("it ends before the nonce and tag of its value");
    }
    return new Parts(Arrays.copyOf(raw, headerLength), Arrays.copyOfRange(raw, FIXED_HEADER_BYTES, headerLength),
        Arrays.copyOfRange(raw, headerLength, raw.length));
  }

  /** The header that starts every value sealed under this wrapped key. */
  static byte[] header(byte[] wrappedKey) {
    if (wrappedKey.length > 0xFFFF) throw new IllegalArgumentException("a wrapped data key longer than 65535 bytes");
    byte[] header = new byte[FIXED_HEADER_BYTES + wrappedKey.length];
    header[0] = VERSION_1;
    header[1] = (byte) (wrappedKey.length >>> 8);
    header[2] = (byte) wrappedKey.length;
    System.arraycopy(wrappedKey, 0, header, FIXED_HEADER_BYTES, wrappedKey.length);
    return header;
  }

  /** The value's associated data: its header, then its field path. */
  static byte[] associatedData(byte[] header, byte[] fieldPath) {
    byte[] ad = Arrays.copyOf(header, header.length + fieldPath.length);
    System.arraycopy(fieldPath, 0, ad, header.length, fieldPath.length);
    return ad;
  }

  /** The AES-256-GCM primitive of raw data-key bytes (no Tink prefix: the envelope's header names the key). */
  static Aead dataKeyAead(SecretBytes keyBytes) throws GeneralSecurityException {
    if (keyBytes.size() != DATA_KEY_BYTES) throw new GeneralSecurityException("a data key of the wrong size");
    AesGcmKey key = AesGcmKey.builder().setParameters(DATA_KEY_PARAMETERS).setKeyBytes(keyBytes).build();
    return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build()
        .getPrimitive(AeadConfig2026.get(), Aead.class);
  }

  static Aead dataKeyAead(byte[] keyBytes) throws GeneralSecurityException {
    return dataKeyAead(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get()));
  }

  private static AesGcmParameters dataKeyParameters() {
    try {
      return AesGcmParameters.builder().setKeySizeBytes(DATA_KEY_BYTES).setIvSizeBytes(NONCE_BYTES)
          .setTagSizeBytes(TAG_BYTES).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The envelope's data key opened with the policy's keys, but its value did not: it was sealed for another field,
   * or cut short or changed after it was written. Names no byte of it.
   */
  public static final class ValueDoesNotOpenException extends GeneralSecurityException {
    ValueDoesNotOpenException() {
      super("its data key is the policy's, but the value does not open in this field");
    }
  }

  /** The structure of an envelope is broken: cut short, or changed after it was written. Names no byte of it. */
  public static final class MalformedEnvelopeException extends GeneralSecurityException {
    MalformedEnvelopeException(String what) {
      super(what);
    }
  }
}
