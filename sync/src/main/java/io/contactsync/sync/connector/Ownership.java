package io.contactsync.sync.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Which sync wrote a record, and how much of what it wrote one run may delete. Every record a destination writes
 * carries {@link #mark()}; deletes and sweeps touch only records that carry it, so syncs sharing a destination, and
 * the destination's own users, never lose records to each other.
 *
 * @param mark 22 characters of a SHA-256 of the sync's namespace and name: the same for every run of one sync, and
 *     no object name in the destination (it hides the names from a reader; it is not a secret)
 * @param maxDeletePercent the share of this sync's own records one run may delete; 100 turns the guard off
 */
public record Ownership(String mark, int maxDeletePercent) {
  public static final int DEFAULT_MAX_DELETE_PERCENT = 50;

  public static Ownership of(String namespace, String sync, Integer maxDeletePercent) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("contactsync owner\n" + namespace + "/" + sync).getBytes(StandardCharsets.UTF_8));
      return new Ownership(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)),
          maxDeletePercent == null ? DEFAULT_MAX_DELETE_PERCENT : maxDeletePercent);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * Refuses a run's deletes when they exceed the allowed share of the records this sync owned at the run's start.
   *
   * @throws MassDeleteException before anything is deleted
   */
  public void checkDeletes(String destination, long deleting, long owned) throws MassDeleteException {
    if (deleting == 0 || maxDeletePercent >= 100) return;
    if (deleting * 100 > owned * (long) maxDeletePercent) throw new MassDeleteException(destination, deleting, owned, maxDeletePercent);
  }

  /** A run stopped by the mass-deletion guard: counts only. */
  public static final class MassDeleteException extends IOException {
    public MassDeleteException(String destination, long deleting, long owned, int percent) {
      super("destination '" + destination + "': the run would delete " + deleting + " of the " + owned
          + " records this sync wrote there, more than maxDeletePercent " + percent + "%; nothing was deleted and the "
          + "checkpoint stays. If the source really lost them, raise maxDeletePercent on this destination for one run");
    }
  }
}
