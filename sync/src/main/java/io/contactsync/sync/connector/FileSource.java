package io.contactsync.sync.connector;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.sync.format.ContactFormat;
import io.contactsync.sync.format.ContactReader;
import io.contactsync.sync.format.ReadItem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A file read whole on every run. An incremental run skips a file whose digest has not changed since the last
 * successful run. A record without an id gets one derived from its name, email and phone. A record whose id an
 * earlier record of the file had is quarantined (DuplicateId): a first pass finds them with the ids on disk, so
 * memory stays the same however large the file (a million ids took 50 MiB of heap when the run kept them all).
 */
public final class FileSource implements ContactSource {
  static final String DIGEST_KEY = "file.sha256";
  /** Ids sorted in memory before a run of them goes to disk: about 10 MiB of heap. */
  static final int IDS_IN_MEMORY = 100_000;
  private final Path path;
  private final String declaredPath;
  private final ContactFormat format;

  public FileSource(Path path, String declaredPath, ContactFormat format) {
    this.path = path;
    this.declaredPath = declaredPath;
    this.format = format;
  }

  @Override
  public String identity() {
    return "file:" + declaredPath;
  }

  @Override
  public Result read(Map<String, String> checkpoint, Sink sink) throws IOException {
    String digest = digest();
    if (digest.equals(checkpoint.get(DIGEST_KEY))) return new Result(true, true, checkpoint);
    long[] repeats = repeatedIds();
    long record = 0;
    try (DigestInputStream in = digesting(open()); ContactReader reader = format.reader(in)) {
      for (ReadItem item = reader.next(); item != null; item = reader.next()) {
        ReadItem read = withId(item);
        if (!read.quarantined() && Arrays.binarySearch(repeats, record++) >= 0) {
          read = ReadItem.quarantined(QuarantineReason.DUPLICATE_ID, read.locator());
        }
        sink.accept(read);
      }
      // this pass must have read the file the first one did: otherwise a repeat could have gone through as a record
      if (!digest.equals(digestOf(in))) throw new IOException("the source file changed while it was read; the next run reads it again");
    }
    return new Result(true, false, Map.of(DIGEST_KEY, digest));
  }

  @Override
  public boolean idsUnique() {
    return true;
  }

  /** The first pass: the numbers of the records (those with an id) whose id an earlier record had. */
  private long[] repeatedIds() throws IOException {
    try (RepeatedIds ids = new RepeatedIds(IDS_IN_MEMORY); InputStream in = open(); ContactReader reader = format.reader(in)) {
      for (ReadItem item = reader.next(); item != null; item = reader.next()) {
        ReadItem read = withId(item);
        if (!read.quarantined()) ids.add(read.contact().getId());
      }
      return ids.repeats();
    }
  }

  private InputStream open() throws IOException {
    return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
  }

  /** The item, its contact given an id derived from its name, email and phone where it has none. */
  private static ReadItem withId(ReadItem item) {
    if (item.quarantined()) return item;
    Contact c = item.contact();
    if (c.getId() != null && !c.getId().isBlank()) return item;
    String derived = SourceIds.derive(c);
    if (derived == null) return ReadItem.quarantined(QuarantineReason.MISSING_ID, item.locator());
    c.setId(derived);
    return item;
  }

  private String digest() throws IOException {
    try (DigestInputStream in = digesting(open())) {
      return digestOf(in);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "the source file does not exist");
    }
  }

  private static DigestInputStream digesting(InputStream in) {
    try {
      return new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SHA-256 of everything the stream gives, read to its end. */
  private static String digestOf(DigestInputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
    return HexFormat.of().formatHex(in.getMessageDigest().digest());
  }

  /** Stable ids for records that carry none. */
  static final class SourceIds {
    /** Derived from the identifying fields, or null when there are none. */
    static String derive(Contact c) {
      StringBuilder key = new StringBuilder();
      append(key, c.getFormattedName());
      if (c.getName() != null) {
        append(key, c.getName().getGiven());
        append(key, c.getName().getFamily());
      }
      append(key, c.getEmails().isEmpty() ? null : c.getEmails().get(0).getValue());
      append(key, c.getPhones().isEmpty() ? null : c.getPhones().get(0).getValue());
      if (key.toString().replace("\u0000", "").isBlank()) return null;
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
        return "derived-" + HexFormat.of().formatHex(hash, 0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void append(StringBuilder key, String value) {
      key.append(value == null ? "" : value.strip()).append('\u0000');
    }

    private SourceIds() {}
  }
}
