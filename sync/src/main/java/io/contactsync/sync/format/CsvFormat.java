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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header of canonical field paths. List entries are indexed (emails[0].value, categories[1]);
 * emails[].value stands for the first. Written files have only the columns that hold a value.
 */
public final class CsvFormat implements ContactFormat {
  private static final Pattern LIST_COLUMN =
      Pattern.compile("(emails|phones|addresses|categories)\\[(\\d{0,4})\\](?:\\.([A-Za-z]+))?");
  private static final List<String> NAME_PARTS = List.of("prefix", "given", "middle", "family", "suffix");
  private static final List<String> ADDRESS_PARTS = List.of("type", "street", "locality", "region", "postalCode", "country");

  @Override
  public ContactReader reader(InputStream in) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get()
        .parse(new InputStreamReader(in, decoder));
    List<String> header = parser.getHeaderNames();
    List<BiConsumer<Contact, String>> setters = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String column : header) {
      BiConsumer<Contact, String> setter = setterFor(column.strip());
      if (setter == null) unknown.add(column);
      setters.add(setter);
    }
    if (!unknown.isEmpty()) {
      parser.close();
      throw new UnsupportedFormatException("CSV columns " + unknown + " are not canonical field paths "
          + "(id, name.given, formattedName, emails[0].value, phones[0].value, addresses[0].postalCode, custom.<key> …)");
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
        if (!record.isConsistent()) return ReadItem.quarantined(QuarantineReason.UNPARSEABLE, locator);
        Contact contact = new Contact();
        for (int i = 0; i < setters.size(); i++) {
          String value = record.get(i);
          if (!value.isEmpty()) setters.get(i).accept(contact, value);
        }
        contact.getEmails().removeIf(v -> v.getType() == null && v.getValue() == null);
        contact.getPhones().removeIf(v -> v.getType() == null && v.getValue() == null);
        contact.getAddresses().removeIf(Address::isEmpty);
        contact.getCategories().removeIf(c -> c == null);
        return ReadItem.of(contact, locator);
      }

      @Override
      public void close() throws IOException {
        parser.close();
      }
    };
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
    for (String part : NAME_PARTS) all.put("name." + part, c -> c.getName() == null ? null : namePart(c.getName(), part));
    all.put("formattedName", Contact::getFormattedName);
    all.put("nickname", Contact::getNickname);
    int emails = 0, phones = 0, addresses = 0, categories = 0;
    Set<String> customKeys = new LinkedHashSet<>();
    for (Contact c : contacts) {
      emails = Math.max(emails, c.getEmails().size());
      phones = Math.max(phones, c.getPhones().size());
      addresses = Math.max(addresses, c.getAddresses().size());
      categories = Math.max(categories, c.getCategories().size());
      customKeys.addAll(c.getCustom().keySet());
    }
    typedColumns(all, "emails", emails, Contact::getEmails);
    typedColumns(all, "phones", phones, Contact::getPhones);
    for (int i = 0; i < addresses; i++) {
      int index = i;
      for (String part : ADDRESS_PARTS) {
        all.put("addresses[" + i + "]." + part,
            c -> index < c.getAddresses().size() ? addressPart(c.getAddresses().get(index), part) : null);
      }
    }
    all.put("organization", Contact::getOrganization);
    all.put("title", Contact::getTitle);
    all.put("birthday", Contact::getBirthday);
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

  private static void typedColumns(Map<String, Function<Contact, String>> all, String list, int count,
      Function<Contact, List<TypedValue>> values) {
    for (int i = 0; i < count; i++) {
      int index = i;
      all.put(list + "[" + i + "].type", c -> index < values.apply(c).size() ? values.apply(c).get(index).getType() : null);
      all.put(list + "[" + i + "].value", c -> index < values.apply(c).size() ? values.apply(c).get(index).getValue() : null);
    }
  }

  private static BiConsumer<Contact, String> setterFor(String column) {
    switch (column) {
      case "id": return Contact::setId;
      case "formattedName": return Contact::setFormattedName;
      case "nickname": return Contact::setNickname;
      case "organization": return Contact::setOrganization;
      case "title": return Contact::setTitle;
      case "birthday": return Contact::setBirthday;
      case "notes": return Contact::setNotes;
      case "updatedAt": return Contact::setUpdatedAt;
      default: break;
    }
    if (column.startsWith("name.") && NAME_PARTS.contains(column.substring(5))) {
      String part = column.substring(5);
      return (c, v) -> setNamePart(c, part, v);
    }
    if (column.startsWith("custom.") && column.length() > 7) {
      String key = column.substring(7);
      return (c, v) -> c.getCustom().put(key, v);
    }
    Matcher m = LIST_COLUMN.matcher(column);
    if (!m.matches()) return null;
    String list = m.group(1);
    int index = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
    String part = m.group(3);
    switch (list) {
      case "categories":
        return part != null ? null : (c, v) -> at(c.getCategories(), index, () -> null).set(index, v);
      case "emails":
      case "phones":
        if (!"type".equals(part) && !"value".equals(part)) return null;
        return (c, v) -> {
          TypedValue tv = at(list.equals("emails") ? c.getEmails() : c.getPhones(), index, TypedValue::new).get(index);
          if (part.equals("type")) tv.setType(v); else tv.setValue(v);
        };
      default:
        if (!ADDRESS_PARTS.contains(part)) return null;
        return (c, v) -> setAddressPart(at(c.getAddresses(), index, Address::new).get(index), part, v);
    }
  }

  private static <T> List<T> at(List<T> list, int index, java.util.function.Supplier<T> filler) {
    while (list.size() <= index) list.add(filler.get());
    return list;
  }

  private static String namePart(Name n, String part) {
    return switch (part) {
      case "prefix" -> n.getPrefix();
      case "given" -> n.getGiven();
      case "middle" -> n.getMiddle();
      case "family" -> n.getFamily();
      default -> n.getSuffix();
    };
  }

  private static void setNamePart(Contact c, String part, String v) {
    if (c.getName() == null) c.setName(new Name());
    Name n = c.getName();
    switch (part) {
      case "prefix" -> n.setPrefix(v);
      case "given" -> n.setGiven(v);
      case "middle" -> n.setMiddle(v);
      case "family" -> n.setFamily(v);
      default -> n.setSuffix(v);
    }
  }

  private static String addressPart(Address a, String part) {
    return switch (part) {
      case "type" -> a.getType();
      case "street" -> a.getStreet();
      case "locality" -> a.getLocality();
      case "region" -> a.getRegion();
      case "postalCode" -> a.getPostalCode();
      default -> a.getCountry();
    };
  }

  private static void setAddressPart(Address a, String part, String v) {
    switch (part) {
      case "type" -> a.setType(v);
      case "street" -> a.setStreet(v);
      case "locality" -> a.setLocality(v);
      case "region" -> a.setRegion(v);
      case "postalCode" -> a.setPostalCode(v);
      default -> a.setCountry(v);
    }
  }
}
