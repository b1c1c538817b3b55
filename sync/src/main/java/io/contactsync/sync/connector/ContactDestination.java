package io.contactsync.sync.connector;

import io.contactsync.privacy.contact.Contact;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where contacts go. Records are keyed by their record id, so writing a record again replaces it: a repeated run
 * creates no duplicates. Nothing is visible to readers of the destination until commit.
 */
public interface ContactDestination {
  /** Where, for people: a path or a URL without credentials. */
  String target();

  /** Whether a value written here may run as a formula (a CSV file): formula neutralizing applies by default. */
  default boolean formulasRun() {
    return false;
  }

  void begin() throws IOException;

  /** Creates or replaces records; each contact's id is its record id. */
  void upsert(List<Contact> records) throws IOException;

  void delete(Collection<String> recordIds) throws IOException;

  /** Records to keep though this run did not write them (their source contact was quarantined). */
  void retain(Collection<String> recordIds) throws IOException;

  /**
   * Makes the run's writes visible.
   *
   * @param sweep delete every record this run neither wrote nor retained (a full snapshot with deletes propagated)
   */
  WriteCounts commit(boolean sweep) throws IOException;

  /**
   * Counts of one commit.
   *
   * @param quarantined records the destination refused and the run held back, by reason code
   */
  record WriteCounts(long created, long updated, long unchanged, long deleted, Map<String, Long> quarantined) {
    public WriteCounts(long created, long updated, long unchanged, long deleted) {
      this(created, updated, unchanged, deleted, Map.of());
    }
  }
}
