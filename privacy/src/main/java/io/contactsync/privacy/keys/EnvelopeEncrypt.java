package io.contactsync.privacy.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encrypt's writer side ({@link EncryptEnvelope}): on first use a fresh random AES-256-GCM data key, wrapped once
 * with the policy's HPKE public key; then one AES-GCM call per value. The writer never holds anything that opens a
 * wrapped key, and drops the data key with this object. The context info (the field path) is bound as associated
 * data. Thread-safe. One instance per compiled policy, i.e. per run: every run has its own data key.
 */
final class EnvelopeEncrypt implements HybridEncrypt {
  /**
   * Random 96-bit nonces stay safe for far more, but a wrap costs well under a millisecond, so a writer that seals
   * this many values takes a fresh data key: the chance of a repeated nonce under one key stays below 2^-40.
   */
  static final long VALUES_PER_DATA_KEY = 1L << 28;

  private final HybridEncrypt wrap;
  private final long valuesPerDataKey;
  private volatile DataKey current;

  EnvelopeEncrypt(HybridEncrypt wrap) {
    this(wrap, VALUES_PER_DATA_KEY);
  }

  EnvelopeEncrypt(HybridEncrypt wrap, long valuesPerDataKey) {
    this.wrap = wrap;
    this.valuesPerDataKey = valuesPerDataKey;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] fieldPath) throws GeneralSecurityException {
    DataKey key = current;
    if (key == null || !key.take()) key = next(key);
    byte[] associatedData = EncryptEnvelope.associatedData(key.header, fieldPath);
    byte[] sealed = key.aead.encrypt(plaintext, associatedData);
    byte[] out = Arrays.copyOf(key.header, key.header.length + sealed.length);
    System.arraycopy(sealed, 0, out, key.header.length, sealed.length);
    return out;
  }

  /** The data key after {@code spent}: another thread's if it made one meanwhile, else a fresh one. */
  private synchronized DataKey next(DataKey spent) throws GeneralSecurityException {
    DataKey key = current;
    if (key != null && key != spent && key.take()) return key;
    key = DataKey.generate(wrap, valuesPerDataKey);
    key.take();
    current = key;
    return key;
  }

  private static final class DataKey {
    final byte[] header;
    final Aead aead;
    private final AtomicLong left;

    private DataKey(byte[] header, Aead aead, long values) {
      this.header = header;
      this.aead = aead;
      this.left = new AtomicLong(values);
    }

    static DataKey generate(HybridEncrypt wrap, long values) throws GeneralSecurityException {
      SecretBytes keyBytes = SecretBytes.randomBytes(EncryptEnvelope.DATA_KEY_BYTES);
      byte[] raw = keyBytes.toByteArray(InsecureSecretKeyAccess.get());
      try {
        byte[] wrapped = wrap.encrypt(raw, EncryptEnvelope.DATA_KEY_CONTEXT);
        return new DataKey(EncryptEnvelope.header(wrapped), EncryptEnvelope.dataKeyAead(keyBytes), values);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }

    /** Counts one value against the key; false once it has sealed its share. */
    boolean take() {
      return left.getAndDecrement() > 0;
    }
  }

  @Override
  public String toString() { return "EnvelopeEncrypt[material hidden]"; }
}
