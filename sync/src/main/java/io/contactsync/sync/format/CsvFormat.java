package io.contactsync.sync.format;

import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.sanitize.QuarantineReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header of canonical field paths. List entries are indexed (emails[0].value, categories[1]);
 * emails[].value stands for the first. Written files have only the columns that hold a value.
 */
public final class CsvFormat implements ContactFormat {
  private static final String HEADER_HINT = "the first row must name each column with a canonical field path "
      + "(id, name.given, formattedName, emails[0].value, phones[0].value, addresses[0].postalCode, custom.<key> …)";

  @Override
  public ContactReader reader(InputStream in) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    CSVParser parser;
    try {
      parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get()
          .parse(new InputStreamReader(in, decoder));
    } catch (IllegalArgumentException e) {
      // commons-csv quotes the whole header row, which may be a contact when the header is missing: not repeated
      throw new UnsupportedFormatException("the CSV header has an empty or repeated column name; " + HEADER_HINT);
    }
    List<String> header = parser.getHeaderNames();
    List<BiConsumer<Contact, String>> setters = new ArrayList<>();
    List<Integer> unknown = new ArrayList<>();
    for (String column : header) {
      BiConsumer<Contact, String> setter = ContactFields.setter(column.strip());
      if (setter == null) unknown.add(setters.size() + 1);
      setters.add(setter);
    }
    if (!unknown.isEmpty()) {
      parser.close();
      // by position, not by name: without a header the first row is a contact, and its values must not be printed
      throw new UnsupportedFormatException("CSV column(s) " + unknown + " of " + header.size()
          + " are not canonical field paths; " + HEADER_HINT);
    }
    Iterator<CSVRecord> records = parser.iterator();
    return new ContactReader() {
      @Override
      public ReadItem next() throws IOException {
        CSVRecord record;
        try {
          if (!records.hasNext()) return null;
          record = records.next();
        } catch (UncheckedIOException e) {
          throw new IOException("malformed CSV after row " + parser.getRecordNumber() + " (an unclosed quote?)");
        }
        String locator = "row " + record.getRecordNumber();
        // the header map folds repeated names, so a row is checked against the columns as written too
        if (!record.isConsistent() || record.size() != setters.size()) {
          return ReadItem.quarantined(QuarantineReason.UNPARSEABLE, locator);
        }
        Contact contact = new Contact();
        for (int i = 0; i < setters.size(); i++) {
          String value = record.get(i);
          if (!value.isEmpty()) setters.get(i).accept(contact, value);
        }
        ContactFields.dropEmptyEntries(contact);
        return ReadItem.of(contact, locator);
      }

      @Override
      public void close() throws IOException {
        parser.close();
      }
    };
  }

  /** Spreadsheets open CSV files and run a cell starting with = + - @ as a formula. */
  @Override
  public boolean formulasRun() {
    return true;
  }

  @Override
  public void write(Collection<Contact> contacts, OutputStream out) throws IOException {
    Map<String, Function<Contact, String>> columns = columnsFor(contacts);
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(columns.keySet().toArray(String[]::new)).get()
        .print(writer)) {
      List<String> row = new ArrayList<>(columns.size());
      for (Contact c : contacts) {
        row.clear();
        for (Function<Contact, String> getter : columns.values()) row.add(getter.apply(c));
        printer.printRecord(row);
      }
      printer.flush();
    }
  }

  /** id, then every column that holds a value in some contact, in canonical order. */
  private static Map<String, Function<Contact, String>> columnsFor(Collection<Contact> contacts) {
    Map<String, Function<Contact, String>> all = new LinkedHashMap<>();
    all.put("id", Contact::getId);
    for (String part : ContactFields.NAME_PARTS) {
      all.put("name." + part, c -> c.getName() == null ? null : ContactFields.namePart(c.getName(), part));
    }
    all.put("formattedName", Contact::getFormattedName);
    all.put("nickname", Contact::getNickname);
    int emails = 0, phones = 0, addresses = 0, urls = 0, impp = 0, languages = 0, keys = 0, related = 0, categories = 0;
    Set<String> customKeys = new LinkedHashSet<>();
    for (Contact c : contacts) {
      emails = Math.max(emails, c.getEmails().size());
      phones = Math.max(phones, c.getPhones().size());
      addresses = Math.max(addresses, c.getAddresses().size());
      urls = Math.max(urls, c.getUrls().size());
      impp = Math.max(impp, c.getImpp().size());
      languages = Math.max(languages, c.getLanguages().size());
      keys = Math.max(keys, c.getKeys().size());
      related = Math.max(related, c.getRelated().size());
      categories = Math.max(categories, c.getCategories().size());
      customKeys.addAll(c.getCustom().keySet());
    }
    typedColumns(all, "emails", emails, Contact::getEmails);
    typedColumns(all, "phones", phones, Contact::getPhones);
    for (int i = 0; i < addresses; i++) {
      int index = i;
      for (String part : ContactFields.ADDRESS_PARTS) {
        all.put("addresses[" + i + "]." + part,
            c -> index < c.getAddresses().size() ? ContactFields.addressPart(c.getAddresses().get(index), part) : null);
      }
    }
    typedColumns(all, "urls", urls, Contact::getUrls);
    typedColumns(all, "impp", impp, Contact::getImpp);
    all.put("organization", Contact::getOrganization);
    indexedColumns(all, "organizationUnits", contacts, Contact::getOrganizationUnits);
    all.put("title", Contact::getTitle);
    int others = contacts.stream().mapToInt(c -> c.getOtherOrganizations().size()).max().orElse(0);
    for (int i = 0; i < others; i++) {
      int index = i;
      all.put("otherOrganizations[" + i + "].name", c -> index < c.getOtherOrganizations().size()
          ? c.getOtherOrganizations().get(index).getName() : null);
      all.put("otherOrganizations[" + i + "].units", c -> index < c.getOtherOrganizations().size()
          ? ContactFields.joinUnits(c.getOtherOrganizations().get(index).getUnits()) : null);
    }
    indexedColumns(all, "otherTitles", contacts, Contact::getOtherTitles);
    all.put("birthday", Contact::getBirthday);
    all.put("anniversary", Contact::getAnniversary);
    all.put("kind", Contact::getKind);
    all.put("gender", Contact::getGender);
    all.put("photo", Contact::getPhoto);
    all.put("geo", Contact::getGeo);
    all.put("timeZone", Contact::getTimeZone);
    typedColumns(all, "languages", languages, Contact::getLanguages);
    typedColumns(all, "keys", keys, Contact::getKeys);
    typedColumns(all, "related", related, Contact::getRelated);
    all.put("notes", Contact::getNotes);
    for (int i = 0; i < categories; i++) {
      int index = i;
      all.put("categories[" + i + "]", c -> index < c.getCategories().size() ? c.getCategories().get(index) : null);
    }
    for (String key : customKeys) all.put("custom." + key, c -> c.getCustom().get(key));
    all.put("updatedAt", Contact::getUpdatedAt);

    Map<String, Function<Contact, String>> used = new LinkedHashMap<>();
    all.forEach((column, getter) -> {
      if (column.equals("id") || contacts.stream().anyMatch(c -> getter.apply(c) != null)) used.put(column, getter);
    });
    return used;
  }

  private static void indexedColumns(Map<String, Function<Contact, String>> all, String list,
      Collection<Contact> contacts, Function<Contact, List<String>> values) {
    int count = contacts.stream().mapToInt(c -> values.apply(c).size()).max().orElse(0);
    for (int i = 0; i < count; i++) {
      int index = i;
      all.put(list + "[" + i + "]", c -> index < values.apply(c).size() ? values.apply(c).get(index) : null);
    }
  }

  private static void typedColumns(Map<String, Function<Contact, String>> all, String list, int count,
      Function<Contact, List<TypedValue>> values) {
    for (int i = 0; i < count; i++) {
      int index = i;
      for (String part : ContactFields.TYPED_PARTS) {
        all.put(list + "[" + i + "]." + part,
            c -> index < values.apply(c).size() ? ContactFields.typedPart(values.apply(c).get(index), part) : null);
      }
    }
  }

}
