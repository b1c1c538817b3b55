package io.contactsync.sync.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.Organization;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatRoundTripTest {
  static List<ReadItem> readAll(ContactFormat format, String text) throws IOException {
    List<ReadItem> items = new ArrayList<>();
    try (ContactReader reader = format.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
      for (ReadItem item = reader.next(); item != null; item = reader.next()) items.add(item);
    }
    return items;
  }

  static String write(ContactFormat format, List<Contact> contacts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(contacts, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Everything the canonical contact can hold, with several list entries and awkward characters. */
  static Contact full() {
    Contact c = new Contact();
    c.setId("urn:uuid:6f1c2b7e-1");
    c.setName(new Name("Dr.", "José", "Q", "Müller-Lüdenscheidt", "Jr."));
    c.setFormattedName("Dr. José Q Müller-Lüdenscheidt, Jr.");
    c.setNickname("Pepe");
    c.getEmails().add(new TypedValue("work", "jose@example.com"));
    c.getEmails().add(new TypedValue("home", "pepe@example.org"));
    c.getPhones().add(new TypedValue("mobile", "+49 30 901820"));
    c.getPhones().add(new TypedValue("work", "+1 201 555 0100"));
    c.getAddresses().add(new Address("work", "Unter den Linden 1", "Berlin", "BE", "10117", "DE"));
    c.setOrganization("Example, Inc.");
    c.setTitle("Chief \"Quote\" Officer");
    c.setBirthday("1970-01-31");
    c.setNotes("line one\nline two; with, commas");
    c.getCategories().addAll(List.of("vip", "press"));
    c.getCustom().put("crmId", "CRM-1");
    c.getCustom().put("shoe_size", "44");
    c.setUpdatedAt("2026-11-01T10:00:00Z");
    // what real clients export beyond the above (issue 17, observation 6)
    c.getEmails().get(0).getTypes().addAll(List.of("internet", "work"));
    c.getEmails().get(0).setPref("1");
    c.getPhones().get(1).getTypes().addAll(List.of("work", "fax"));
    c.getPhones().get(1).setLabel("Assistant");
    c.getAddresses().get(0).setPoBox("PO Box 7");
    c.getAddresses().get(0).setExtended("Suite 3");
    c.getAddresses().get(0).getTypes().add("work");
    c.getAddresses().get(0).setPref("2");
    c.getUrls().add(typed("home", "https://example.org/~pepe", null));
    c.getImpp().add(typed(null, "xmpp:jose@example.com", "Jabber"));
    c.setOrganizationUnits(new ArrayList<>(List.of("Research", "Optics")));
    c.getOtherOrganizations().add(new Organization("Second Org", List.of("Board")));
    c.getOtherTitles().add("Chair");
    c.setAnniversary("2001-06-30");
    c.setKind("individual");
    c.setGender("M;he/him");
    c.setPhoto("data:image/png;base64,iVBORw0KGgo=");
    c.setGeo("geo:52.5163,13.3777");
    c.setTimeZone("+01:00");
    TypedValue german = typed(null, "de", null);
    german.setPref("1");
    c.getLanguages().add(german);
    c.getKeys().add(typed(null, "https://example.com/jose.asc", null));
    c.getRelated().add(typed("spouse", "Maria", null));
    c.getRelated().add(typed(null, "Ana", "_$!<Sister>!$_"));
    return c;
  }

  static TypedValue typed(String type, String value, String label) {
    TypedValue v = new TypedValue(type, value);
    if (type != null) v.getTypes().add(type);
    v.setLabel(label);
    return v;
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.jsonl", "a.csv", "a.vcf"})
  void everyFieldSurvivesAWriteAndARead(String file) throws IOException {
    ContactFormat format = ContactFormat.of(Path.of(file), null);
    List<Contact> contacts = new ArrayList<>(List.of(full()));
    new SyntheticContacts(7, 50).forEachRemaining(contacts::add);
    List<ReadItem> back = readAll(format, write(format, contacts));
    assertThat(back).noneMatch(ReadItem::quarantined);
    assertThat(back.stream().map(ReadItem::contact).toList())
        .containsExactlyElementsOf(contacts.stream().map(format::readBack).toList());
  }

  @Test
  void csvWritesOnlyColumnsThatHoldValues() throws IOException {
    Contact c = new Contact();
    c.setId("1");
    c.getEmails().add(new TypedValue(null, "tok_x"));
    assertThat(write(new CsvFormat(), List.of(c))).startsWith("id,emails[0].value\r\n1,tok_x");
  }

  @Test
  void csvAcceptsTheUnindexedCanonicalPathAsTheFirstEntry() throws IOException {
    List<ReadItem> items = readAll(new CsvFormat(), "id,emails[].value,phones[].value,name.given\n7,a@example.com,+1 201 555 0100,Ann\n");
    Contact c = items.get(0).contact();
    assertThat(c.getEmails()).containsExactly(new TypedValue(null, "a@example.com"));
    assertThat(c.getName().getGiven()).isEqualTo("Ann");
  }

  @Test
  void csvWithUnknownColumnsIsAConfigurationErrorNamingTheirPositions() {
    assertThatThrownBy(() -> readAll(new CsvFormat(), "id,email,shoe\n1,a,b\n"))
        .isInstanceOf(ContactFormat.UnsupportedFormatException.class).hasMessageContaining("column(s) [2, 3] of 3");
  }

  @Test
  void aCsvRowWithTheWrongNumberOfCellsIsQuarantinedNotFatal() throws IOException {
    List<ReadItem> items = readAll(new CsvFormat(), "id,name.given\n1,Ann\n2,Bob,extra\n3,Cy\n");
    assertThat(items).extracting(ReadItem::reason).containsExactly(null, QuarantineReason.UNPARSEABLE, null);
    assertThat(items.get(1).locator()).isEqualTo("row 2");
  }

  @Test
  void aBrokenJsonLineIsQuarantinedAndBlankLinesAreSkipped() throws IOException {
    List<ReadItem> items = readAll(new JsonlFormat(), "{\"id\":\"1\"}\n\n{broken\n{\"id\":\"2\"}\n");
    assertThat(items).extracting(ReadItem::reason).containsExactly(null, QuarantineReason.UNPARSEABLE, null);
    assertThat(items.get(1).locator()).isEqualTo("line 3");
  }

  @Test
  void invalidUtf8IsReplacedNotFatal() throws IOException {
    byte[] bytes = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    try (ContactReader reader = new JsonlFormat().reader(new ByteArrayInputStream(bytes))) {
      assertThat(reader.next().contact().getId()).isEqualTo("\uFFFD(");
    }
  }

  @Test
  void vcard3WithTypesAndFoldedLinesMapsToTheCanonicalContact() throws IOException {
    String card = "BEGIN:vCard\r\nVERSION:3.0\r\nUID:u-1\r\nN:Doe;John;Q.;Mr.;Esq.\r\nFN:John Doe\r\n"
        + "EMAIL;TYPE=INTERNET,WORK:john@exam\r\n ple.com\r\nTEL;TYPE=CELL:+1 201 555 0100\r\n"
        + "ADR;TYPE=HOME:;Apt 2;1 Main St;Springfield;IL;62701;USA\r\nORG:Acme;Research\r\nBDAY:1980-02-29\r\n"
        + "CATEGORIES:a,b\r\nREV:2026-01-02T03:04:05Z\r\nEND:vCard\r\n";
    Contact c = readAll(new VcardFormat(), card).get(0).contact();
    assertThat(c.getId()).isEqualTo("u-1");
    assertThat(c.getName()).isEqualTo(new Name("Mr.", "John", "Q.", "Doe", "Esq."));
    TypedValue email = new TypedValue("work", "john@example.com");
    email.getTypes().addAll(List.of("internet", "work"));
    assertThat(c.getEmails()).containsExactly(email);
    TypedValue phone = new TypedValue("mobile", "+1 201 555 0100");
    phone.getTypes().add("cell");
    assertThat(c.getPhones()).containsExactly(phone);
    Address home = new Address("home", "1 Main St", "Springfield", "IL", "62701", "USA");
    home.setExtended("Apt 2");
    home.getTypes().add("home");
    assertThat(c.getAddresses()).containsExactly(home);
    assertThat(c.getOrganization()).isEqualTo("Acme");
    assertThat(c.getOrganizationUnits()).containsExactly("Research");
    assertThat(c.getBirthday()).isEqualTo("1980-02-29");
    assertThat(c.getCategories()).containsExactly("a", "b");
    assertThat(c.getUpdatedAt()).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void generalizedValuesStillRoundTripThroughVcard() throws IOException {
    Contact c = new Contact();
    c.setId("1");
    c.setBirthday("1815");
    c.setUpdatedAt("2026-11");
    Contact back = readAll(new VcardFormat(), write(new VcardFormat(), List.of(c))).get(0).contact();
    assertThat(back.getBirthday()).isEqualTo("1815");
    assertThat(back.getUpdatedAt()).isEqualTo("2026-11");
    assertThat(back.getCustom()).isEmpty();
  }

  @Test
  void anUnknownExtensionIsAClearError() {
    assertThatThrownBy(() -> ContactFormat.of(Path.of("contacts.xlsx"), null))
        .hasMessageContaining("use a .jsonl, .csv or .vcf extension");
  }
}
