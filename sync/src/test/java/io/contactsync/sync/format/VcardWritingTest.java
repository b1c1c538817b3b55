package io.contactsync.sync.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What written vCards must be for strict servers and clients: a non-empty FN, lines folded at 75 octets. */
class VcardWritingTest {
  private static String fn(Contact c) {
    return VcardFormat.parse(VcardFormat.write(c)).getFormattedName();
  }

  @Test
  void fnIsNeverEmpty() {
    Contact named = new Contact();
    named.setName(new Name("Dr.", "Ada", null, "Lovelace", null));
    assertThat(fn(named)).isEqualTo("Dr. Ada Lovelace");

    Contact org = new Contact();
    org.setOrganization("Analytical Engines Ltd");
    org.getEmails().add(new TypedValue("work", "info@example.com"));
    assertThat(fn(org)).isEqualTo("Analytical Engines Ltd");

    Contact email = new Contact();
    email.getEmails().add(new TypedValue("work", "ada@example.com"));
    assertThat(fn(email)).isEqualTo("ada@example.com");

    Contact phone = new Contact();
    phone.getPhones().add(new TypedValue("mobile", "+442079460958"));
    assertThat(fn(phone)).isEqualTo("+442079460958");

    Contact given = new Contact();
    given.setFormattedName("Countess of Lovelace");
    given.setName(new Name(null, "Ada", null, "Lovelace", null));
    assertThat(fn(given)).isEqualTo("Countess of Lovelace");

    assertThat(VcardFormat.write(new Contact())).doesNotContain("FN:\r\n").contains("FN:");
  }

  @Test
  void aVcardFileOfNamelessContactsIsUnchangedWhenWrittenAgain() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("cards", ".vcf");
    try {
      Contact c = new Contact();
      c.setId("r1");
      c.getEmails().add(new TypedValue("work", "ada@example.com"));
      var destination = new io.contactsync.sync.connector.FileDestination(file, new VcardFormat(),
          io.contactsync.sync.connector.Ownership.of("team", "job", null));
      destination.begin();
      destination.upsert(List.of(c));
      assertThat(destination.commit(false).created()).isEqualTo(1);
      destination.begin();
      destination.upsert(List.of(c.copy()));
      assertThat(destination.commit(false).unchanged()).as("the derived FN is no change").isEqualTo(1);
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  private static final List<String> LONG_NAMES = List.of(
      "Αικατερίνη Παπαδοπούλου-Κωνσταντινοπούλου του Αλεξάνδρου και της Ελένης από τη Θεσσαλονίκη",
      "山田太郎右衛門之助花子東京都千代田区丸の内一丁目株式会社代表取締役社長兼最高経営責任者",
      "Zoë 👩‍👩‍👧‍👦🏳️‍🌈🎉🎂🎈 Ünïcödé 😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😗☺😚😙 Ω≈ç√∫˜µ≤≥÷ end");

  @Test
  void linesAreFoldedAt75OctetsAndParseBackTheSame() throws Exception {
    for (String name : LONG_NAMES) {
      Contact c = new Contact();
      c.setFormattedName(name);
      c.setNotes(name + "\n" + name);
      String card = VcardFormat.write(c);
      assertFolded(card);
      Contact back = VcardFormat.parse(card);
      assertThat(back.getFormattedName()).isEqualTo(name);
      assertThat(back.getNotes()).isEqualTo(name + "\n" + name);

      ByteArrayOutputStream file = new ByteArrayOutputStream();
      new VcardFormat().write(List.of(c, c), file);
      assertFolded(file.toString(StandardCharsets.UTF_8));
      try (var reader = new VcardFormat().reader(new java.io.ByteArrayInputStream(file.toByteArray()))) {
        assertThat(reader.next().contact().getFormattedName()).isEqualTo(name);
        assertThat(reader.next().contact().getNotes()).isEqualTo(name + "\n" + name);
      }
    }
  }

  private static void assertFolded(String card) {
    assertThat(card).endsWith("\r\n");
    for (String line : card.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
      assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
          .as("a line holds half a surrogate pair").isEqualTo(line);
    }
  }
}
