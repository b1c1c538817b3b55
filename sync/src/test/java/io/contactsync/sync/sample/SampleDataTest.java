package io.contactsync.sync.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.format.ContactFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled sample contacts are exactly what 'contactsync generate --count 300 --seed 42' writes. */
class SampleDataTest {
  private static final Path LOCAL = Path.of("..", "config", "samples", "local");

  @ParameterizedTest
  @ValueSource(strings = {"contacts.vcf", "contacts.csv"})
  void bundledSamplesMatchTheGenerator(String file) throws IOException {
    List<Contact> contacts = new ArrayList<>();
    new SyntheticContacts(42, 300).forEachRemaining(contacts::add);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContactFormat.of(Path.of(file), null).write(contacts, out);
    assertThat(Files.readString(LOCAL.resolve(file))).as("config/samples/local/%s is stale: regenerate it with "
        + "'bin/contactsync generate --count 300 --seed 42 -o config/samples/local/%s'", file, file)
        .isEqualTo(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void generatedContactsAreDeterministicAndClearlyFake() {
    Contact a = new SyntheticContacts(5, 10).contact(3);
    assertThat(a).isEqualTo(new SyntheticContacts(5, 10).contact(3));
    assertThat(a).isNotEqualTo(new SyntheticContacts(6, 10).contact(3));
    assertThat(a.getEmails().get(0).getValue()).matches(".*@example\\.(com|org|net)");
    assertThat(a.getPhones().get(0).getValue()).matches("\\(\\d{3}\\) 555-01\\d\\d|\\+44 20 7946 0\\d{3}");
    assertThat(a.getNotes()).contains("not a real person");
  }
}
