package io.contactsync.sync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.format.ReadItem;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
  @TempDir Path dir;

  private Path write(List<Contact> contacts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Path file = dir.resolve("in.jsonl");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static List<Contact> contacts(long seed, int n) {
    List<Contact> list = new ArrayList<>();
    new SyntheticContacts(seed, n).forEachRemaining(list::add);
    return list;
  }

  /** A sink that hands each item to the test. */
  private interface Items extends ContactSource.Sink {
    @Override
    default void deleted(String sourceId) {}
  }

  @Test
  void aFileRewrittenWhileItIsReadFailsTheRunWithoutNamingAnyValue() throws Exception {
    // larger than the read buffer, so the rest of the second pass comes from the rewritten file
    Path file = write(contacts(1, 2_000));
    byte[] rewritten = Files.readAllBytes(write(contacts(2, 2_000)));
    write(contacts(1, 2_000));
    FileSource source = new FileSource(file, "in.jsonl", new JsonlFormat());
    List<ReadItem> read = new ArrayList<>();

    assertThatThrownBy(() -> source.read(Map.of(), (Items) item -> {
      if (read.isEmpty()) Files.write(file, rewritten);
      read.add(item);
    })).isInstanceOf(IOException.class).hasMessage("the source file changed while it was read; the next run reads it again");
  }

  @Test
  void anUnchangedFileIsReadWholeAndItsDigestKept() throws Exception {
    Path file = write(contacts(1, 2_000));
    List<ReadItem> read = new ArrayList<>();
    ContactSource.Result result = new FileSource(file, "in.jsonl", new JsonlFormat()).read(Map.of(), (Items) read::add);
    assertThat(read).hasSize(2_000).noneMatch(ReadItem::quarantined);
    assertThat(result.checkpoint()).containsKey(FileSource.DIGEST_KEY);
  }
}
