package io.contactsync.privacy.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.util.Bytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens {@link EncryptEnvelope}s with the policy's HPKE private keyset: unwraps the data key (once per wrapped key:
 * a run's values share one, so revealing many costs one key agreement per run, not per value), then AES-GCM. The
 * context info (the field path) must be the one the value was sealed with. Thread-safe.
 */
final class EnvelopeDecrypt implements HybridDecrypt {
  /** Unwrapped keys kept, least recently used dropped first: one per run whose values are being revealed. */
  static final int CACHED_DATA_KEYS = 256;

  private final HybridDecrypt unwrap;
  private final Map<Bytes, Aead> dataKeys = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes, Aead> eldest) {
      return size() > CACHED_DATA_KEYS;
    }
  };

  EnvelopeDecrypt(HybridDecrypt unwrap) {
    this.unwrap = unwrap;
  }

  @Override
  public byte[] decrypt(byte[] envelope, byte[] fieldPath) throws GeneralSecurityException {
    EncryptEnvelope.Parts parts = EncryptEnvelope.parse(envelope);
    Aead dataKey = dataKey(parts.wrappedKey());
    try {
      return dataKey.decrypt(parts.sealed(), EncryptEnvelope.associatedData(parts.header(), fieldPath));
    } catch (GeneralSecurityException e) {
      throw new EncryptEnvelope.ValueDoesNotOpenException();
    }
  }

  /** How many unwrapped data keys are cached (for tests). */
  synchronized int cachedDataKeys() {
    return dataKeys.size();
  }

  private Aead dataKey(byte[] wrappedKey) throws GeneralSecurityException {
    Bytes id = Bytes.copyFrom(wrappedKey);
    synchronized (this) {
      Aead cached = dataKeys.get(id);
      if (cached != null) return cached;
    }
    byte[] raw = unwrap.decrypt(wrappedKey, EncryptEnvelope.DATA_KEY_CONTEXT);
    try {
      Aead aead = EncryptEnvelope.dataKeyAead(raw);
      synchronized (this) {
        dataKeys.put(id, aead);
      }
      return aead;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public String toString() { return "EnvelopeDecrypt[material hidden]"; }
}
