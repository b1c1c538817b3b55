package io.contactsync.sync.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.contactsync.privacy.contact.ContactJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The three readers on arbitrary bytes: each input ends in contacts, quarantined records, an IOException that says
 * what is wrong, or a format error naming the offending header; never another exception (a crash would stop a run
 * with a stack trace). Findings are kept as seeds (unknown-column.csv was the first). Without JAZZER_FUZZ
 * the seeds in ReadersFuzzTestInputs run as unit tests; `JAZZER_FUZZ=1 ./mvnw -pl sync -am test -Dtest=ReadersFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false` fuzzes (docs/reliability.md has the figures of a long run).
 */
class ReadersFuzzTest {
  private static void readAll(ContactFormat format, byte[] input) {
    try (ContactReader reader = format.reader(new ByteArrayInputStream(input))) {
      for (int i = 0; i < 10_000; i++) {
        ReadItem item = reader.next();
        if (item == null) return;
        if (!item.quarantined()) ContactJson.write(item.contact()); // what is read must also be writable
      }
    } catch (IOException e) {
      // a reader's way of saying the input is broken: the run fails with this message and commits nothing
    } catch (ContactFormat.UnsupportedFormatException e) {
      // a file that is not of its format (a CSV header naming no field path): a configuration error, said as such
    }
  }

  @FuzzTest(maxDuration = "10s")
  void vcard(byte[] input) {
    readAll(new VcardFormat(), input);
  }

  @FuzzTest(maxDuration = "10s")
  void csv(byte[] input) {
    readAll(new CsvFormat(), input);
  }

  @FuzzTest(maxDuration = "10s")
  void jsonLines(byte[] input) {
    readAll(new JsonlFormat(), input);
  }
}
