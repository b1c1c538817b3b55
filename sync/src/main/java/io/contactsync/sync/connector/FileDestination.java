package io.contactsync.sync.connector;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.sync.format.ContactFormat;
import io.contactsync.sync.format.ContactReader;
import io.contactsync.sync.format.ReadItem;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file holding one record per id. A run starts from the file's records, applies its writes in memory and
 * replaces the file atomically at commit, so a crashed run leaves the previous file whole. A file belongs to one sync:
 * it is rewritten whole, so it carries no owner mark; the mass-deletion guard counts against all its records.
 */
public final class FileDestination implements ContactDestination {
  private final Path path;
  private final ContactFormat format;
  private final Map<String, Contact> records = new LinkedHashMap<>();
  private final Map<String, String> before = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private long created;
  private long updated;
  private long unchanged;
  private long deleted;

  private final Ownership ownership;
  private long ownedAtBegin;

  public FileDestination(Path path, ContactFormat format, Ownership ownership) {
    this.ownership = ownership;
    this.path = path;
    this.format = format;
  }

  @Override
  public String target() {
    return path.toString();
  }

  @Override
  public boolean formulasRun() {
    return format.formulasRun();
  }

  @Override
  public void begin() throws IOException {
    records.clear();
    before.clear();
    touched.clear();
    created = updated = unchanged = deleted = 0;
    ownedAtBegin = 0;
    if (!Files.exists(path)) return;
    try (InputStream in = Files.newInputStream(path); ContactReader reader = format.reader(in)) {
      for (ReadItem item = reader.next(); item != null; item = reader.next()) {
        if (item.quarantined() || item.contact().getId() == null) {
          throw new IOException(path + " holds a record this sync cannot read back (" + item.locator()
              + "); move the file away or fix that record, then run again");
        }
        records.put(item.contact().getId(), item.contact());
        before.put(item.contact().getId(), ContactJson.write(item.contact()));
      }
    }
    ownedAtBegin = records.size();
  }

  @Override
  public void upsert(List<Contact> batch) {
    for (Contact c : batch) {
      String id = c.getId();
      touched.add(id);
      String previous = before.get(id);
      if (previous == null) {
        if (records.put(id, c) == null) created++;
      } else {
        records.put(id, c);
        if (previous.equals(ContactJson.write(format.readBack(c)))) unchanged++; else updated++;
      }
    }
  }

  @Override
  public void delete(Collection<String> recordIds) {
    for (String id : recordIds) {
      if (records.remove(id) != null) deleted++;
      touched.add(id);
    }
  }

  @Override
  public void retain(Collection<String> recordIds) {
    touched.addAll(recordIds);
  }

  @Override
  public WriteCounts commit(boolean sweep) throws IOException {
    if (sweep) {
      var it = records.keySet().iterator();
      while (it.hasNext()) {
        if (!touched.contains(it.next())) {
          it.remove();
          deleted++;
        }
      }
    }
    ownership.checkDeletes(path.getFileName().toString(), deleted, ownedAtBegin); // the file is not rewritten
    writeAtomically();
    return new WriteCounts(created, updated, unchanged, deleted);
  }

  private void writeAtomically() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), 1 << 16)) {
        format.write(records.values(), out);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
