package io.contactsync.sync.format;

import java.io.Closeable;
import java.io.IOException;

/** Reads records one at a time, so a source of any size streams through in bounded memory. */
public interface ContactReader extends Closeable {
  /** The next record, or null at the end. */
  ReadItem next() throws IOException;
}
