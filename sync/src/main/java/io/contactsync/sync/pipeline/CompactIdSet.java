package io.contactsync.sync.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The source ids a run has seen, exactly, in about a tenth of a HashSet's memory: each id's UTF-8 bytes are packed
 * into one growing array, and an open-addressing table holds where each starts. A run of a million contacts keeps
 * tens of megabytes here instead of hundreds, so the heap no longer grows with the source by much.
 */
final class CompactIdSet {
  private byte[] bytes = new byte[1 << 16];
  private int used;
  /** Offsets + 1 into {@link #bytes} (0 is empty); the entry there is a 4-byte length, then the id. */
  private int[] slots = new int[1 << 12];
  private int[] hashes = new int[1 << 12];
  private int size;
  private final long seed = new SecureRandom().nextLong();

  /** Adds the id; false when it was there already. */
  boolean add(String id) {
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    int hash = hash(utf8);
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        slots[i] = store(utf8);
        hashes[i] = hash;
        if (++size * 4 > slots.length * 3) grow();
        return true;
      }
      if (hashes[i] == hash && equalsAt(slot - 1, utf8)) return false;
    }
  }

  int size() {
    return size;
  }

  private int store(byte[] utf8) {
    int needed = used + 4 + utf8.length;
    if (needed < 0) throw new IllegalStateException("more source ids than one run can track");
    if (needed > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
    int at = used;
    bytes[at] = (byte) (utf8.length >>> 24);
    bytes[at + 1] = (byte) (utf8.length >>> 16);
    bytes[at + 2] = (byte) (utf8.length >>> 8);
    bytes[at + 3] = (byte) utf8.length;
    System.arraycopy(utf8, 0, bytes, at + 4, utf8.length);
    used = needed;
    return at + 1;
  }

  private boolean equalsAt(int at, byte[] utf8) {
    int length = ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
    return length == utf8.length && Arrays.equals(bytes, at + 4, at + 4 + length, utf8, 0, length);
  }

  private void grow() {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new int[oldSlots.length * 2];
    hashes = new int[oldSlots.length * 2];
    int mask = slots.length - 1;
    for (int j = 0; j < oldSlots.length; j++) {
      if (oldSlots[j] == 0) continue;
      int i = oldHashes[j] & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = oldSlots[j];
      hashes[i] = oldHashes[j];
    }
  }

  /**
   * A hash keyed with a random seed per set: ids crafted to collide (a source trying to make the run quadratic)
   * cannot be made without knowing it.
   */
  private int hash(byte[] utf8) {
    long h = seed;
    for (byte b : utf8) {
      h = (h ^ (b & 0xFF)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    h ^= h >>> 32;
    return (int) h;
  }
}
