package io.contactsync.sync.connector;

import io.contactsync.sync.format.ReadItem;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Where contacts come from. */
public interface ContactSource extends Closeable {
  /** A stable name of the source as declared (file:contacts.vcf); destination record ids derive from it. */
  String identity();

  /**
   * Reads what changed since the checkpoint (everything when the checkpoint is empty or unusable), handing each
   * record to the sink, and returns what to store as the next checkpoint once every destination has acknowledged.
   */
  Result read(Map<String, String> checkpoint, Sink sink) throws IOException;

  /**
   * Whether the source itself never hands over two records with one id (it quarantines the repeats as
   * DuplicateId), so the run need not keep every id it has seen.
   */
  default boolean idsUnique() {
    return false;
  }

  /** Receives what a source reads. */
  interface Sink {
    void accept(ReadItem item) throws IOException;

    /** A contact deleted at the source (incremental reads only). */
    void deleted(String sourceId) throws IOException;

    /** A contact that exists and did not change: in a full snapshot, its destination records are kept as they are. */
    default void unchanged(String sourceId) throws IOException {}
  }

  /**
   * @param fullSnapshot the read saw every contact, so a destination record it did not see is deleted at the source
   * @param unchanged the source reports no change at all since the checkpoint
   * @param checkpoint the checkpoint after this read
   */
  record Result(boolean fullSnapshot, boolean unchanged, Map<String, String> checkpoint) {}

  @Override
  default void close() throws IOException {}
}
