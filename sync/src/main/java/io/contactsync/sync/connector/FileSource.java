package io.contactsync.sync.connector;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.sync.format.ContactFormat;
import io.contactsync.sync.format.ContactReader;
import io.contactsync.sync.format.ReadItem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A file read whole on every run. An incremental run skips a file whose digest has not changed since the last
 * successful run. A record without an id gets one derived from its name, email and phone.
 */
public final class FileSource implements ContactSource {
  static final String DIGEST_KEY = "file.sha256";
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
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        ContactReader reader = format.reader(in)) {
      for (ReadItem item = reader.next(); item != null; item = reader.next()) {
        sink.accept(item.quarantined() ? item : withId(item));
      }
    }
    return new Result(true, false, Map.of(DIGEST_KEY, digest));
  }

  private static ReadItem withId(ReadItem item) {
    Contact c = item.contact();
    if (c.getId() != null && !c.getId().isBlank()) return item;
    String derived = SourceIds.derive(c);
    if (derived == null) return ReadItem.quarantined(QuarantineReason.MISSING_ID, item.locator());
    c.setId(derived);
    return item;
  }

  private String digest() throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) sha.update(buffer, 0, n);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "the source file does not exist");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
