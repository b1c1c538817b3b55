package io.contactsync.sync.format;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.sanitize.QuarantineReason;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** One canonical contact as JSON per line; blank lines are skipped. */
public final class JsonlFormat implements ContactFormat {
  @Override
  public ContactReader reader(InputStream in) {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    return new ContactReader() {
      private int lineNumber;

      @Override
      public ReadItem next() throws IOException {
        String line;
        do {
          line = lines.readLine();
          lineNumber++;
          if (line == null) return null;
        } while (line.isBlank());
        try {
          return ReadItem.of(ContactJson.parse(line), "line " + lineNumber);
        } catch (ContactJson.InvalidContactJsonException e) {
          return ReadItem.quarantined(QuarantineReason.UNPARSEABLE, "line " + lineNumber);
        }
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }

  @Override
  public void write(Collection<Contact> contacts, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    for (Contact c : contacts) {
      w.write(ContactJson.write(c));
      w.write('\n');
    }
    w.flush();
  }
}
