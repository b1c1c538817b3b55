package io.contactsync.sync.format;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.parameter.VCardParameter;
import ezvcard.property.Birthday;
import ezvcard.property.Categories;
import ezvcard.property.Email;
import ezvcard.property.Organization;
import ezvcard.property.RawProperty;
import ezvcard.property.Revision;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import ezvcard.property.Url;
import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.sanitize.QuarantineReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** vCard 3.0 and 4.0 (RFC 2426, RFC 6350) read with ez-vcard; written as 4.0. */
public final class VcardFormat implements ContactFormat {
  /** Custom values travel as X-CONTACTSYNC-CUSTOM;KEY=<key>, since keys may hold characters X-names may not. */
  static final String CUSTOM_PROPERTY = "X-CONTACTSYNC-CUSTOM";
  /** An updatedAt that is no instant (generalized to 2026-11) cannot be a REV. */
  static final String UPDATED_AT_PROPERTY = "X-CONTACTSYNC-UPDATED-AT";
  private static final List<String> GENERIC_TYPES = List.of("internet", "pref", "voice", "x400");

  @Override
  public ContactReader reader(InputStream in) {
    VCardReader cards = new VCardReader(in);
    return new ContactReader() {
      private int cardNumber;

      @Override
      public ReadItem next() throws IOException {
        VCard card;
        try {
          card = cards.readNext();
        } catch (RuntimeException e) {
          cardNumber++;
          return ReadItem.quarantined(QuarantineReason.UNPARSEABLE, "card " + cardNumber);
        }
        if (card == null) return null;
        cardNumber++;
        try {
          return ReadItem.of(toContact(card), "card " + cardNumber);
        } catch (RuntimeException e) {
          return ReadItem.quarantined(QuarantineReason.UNPARSEABLE, "card " + cardNumber);
        }
      }

      @Override
      public void close() throws IOException {
        cards.close();
      }
    };
  }

  @Override
  public void write(Collection<Contact> contacts, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    for (Contact c : contacts) writer.write(write(c));
    writer.flush();
  }

  /** One vCard as text (4.0), e.g. for a CardDAV PUT. */
  public static String write(Contact contact) {
    // ez-vcard folds at 75 UTF-16 units; RFC 6350 section 3.2 counts octets, so it writes unfolded and VcardLines folds
    String unfolded = ezvcard.Ezvcard.write(toVcard(contact)).version(VCardVersion.V4_0).prodId(false).foldLines(false).go();
    return VcardLines.fold(VcardExtras.hasDataUri(contact) ? VcardExtras.escapeDataUris(unfolded) : unfolded);
  }

  /**
   * The contact as its card reads back: with the FN derived where it has none, and a single type (from a source
   * without types) as the one TYPE it is written as.
   */
  public static Contact asRead(Contact written) {
    if (written.getFormattedName() != null && !typesOnlyAsType(written)) return written;
    Contact read = written.copy();
    if (read.getFormattedName() == null) read.setFormattedName(blankToNull(formattedName(written)));
    for (List<TypedValue> list : List.of(read.getEmails(), read.getPhones(), read.getUrls())) {
      for (TypedValue v : list) {
        if (v.getTypes().isEmpty() && v.getType() != null) v.getTypes().add("mobile".equals(v.getType()) && list == read.getPhones() ? "cell" : v.getType());
      }
    }
    for (Address a : read.getAddresses()) {
      if (a.getTypes().isEmpty() && a.getType() != null) a.getTypes().add(a.getType());
    }
    return read;
  }

  private static boolean typesOnlyAsType(Contact c) {
    for (List<TypedValue> list : List.of(c.getEmails(), c.getPhones(), c.getUrls())) {
      for (TypedValue v : list) {
        if (v.getTypes().isEmpty() && v.getType() != null) return true;
      }
    }
    for (Address a : c.getAddresses()) {
      if (a.getTypes().isEmpty() && a.getType() != null) return true;
    }
    return false;
  }

  @Override
  public Contact readBack(Contact written) {
    return asRead(written);
  }

  /** The first card of a vCard text, or null when there is none. */
  public static Contact parse(String vcard) {
    VCard card = ezvcard.Ezvcard.parse(vcard).first();
    return card == null ? null : toContact(card);
  }

  public static Contact toContact(VCard card) {
    Contact c = new Contact();
    if (card.getUid() != null) c.setId(blankToNull(card.getUid().getValue()));
    StructuredName n = card.getStructuredName();
    if (n != null) {
      c.setName(new Name(join(n.getPrefixes(), " "), blankToNull(n.getGiven()), join(n.getAdditionalNames(), " "),
          blankToNull(n.getFamily()), join(n.getSuffixes(), " ")));
      if (c.getName().isEmpty()) c.setName(null);
    }
    if (card.getFormattedName() != null) c.setFormattedName(blankToNull(card.getFormattedName().getValue()));
    if (card.getNickname() != null) c.setNickname(join(card.getNickname().getValues(), ", "));
    Map<String, String> labels = VcardLabels.read(card);
    for (Email e : card.getEmails()) {
      TypedValue email = new TypedValue(type(e.getTypes()), blankToNull(e.getValue()));
      VcardLabels.typed(e, e.getTypes(), labels, email.getTypes(), email::setPref, email::setLabel);
      c.getEmails().add(email);
    }
    for (Telephone t : card.getTelephoneNumbers()) {
      String number = t.getText() != null ? t.getText() : t.getUri() != null ? telUri(t.getUri()) : null;
      TypedValue phone = new TypedValue(phoneType(t.getTypes()), blankToNull(number));
      VcardLabels.typed(t, t.getTypes(), labels, phone.getTypes(), phone::setPref, phone::setLabel);
      c.getPhones().add(phone);
    }
    for (ezvcard.property.Address a : card.getAddresses()) {
      Address address = new Address(type(a.getTypes()), join(a.getStreetAddresses(), "\n"),
          blankToNull(a.getLocality()), blankToNull(a.getRegion()), blankToNull(a.getPostalCode()),
          blankToNull(a.getCountry()));
      address.setPoBox(join(a.getPoBoxes(), "\n"));
      address.setExtended(join(a.getExtendedAddresses(), "\n"));
      VcardLabels.typed(a, a.getTypes(), labels, address.getTypes(), address::setPref, address::setLabel);
      if (!address.isEmpty()) c.getAddresses().add(address);
    }
    for (Url u : card.getUrls()) {
      TypedValue url = new TypedValue(u.getType() == null ? null : u.getType().toLowerCase(Locale.ROOT), blankToNull(u.getValue()));
      VcardLabels.typed(u, List.of(), labels, url.getTypes(), url::setPref, url::setLabel);
      if (u.getType() != null) url.getTypes().add(url.getType());
      if (url.getValue() != null) c.getUrls().add(url);
    }
    VcardExtras.read(card, labels, c);
    List<Organization> orgs = card.getOrganizations();
    for (int i = 0; i < orgs.size(); i++) {
      List<String> parts = orgs.get(i).getValues().stream().map(VcardFormat::blankToNull).filter(v -> v != null).toList();
      if (parts.isEmpty()) continue;
      if (c.getOrganization() == null && c.getOrganizationUnits().isEmpty()) {
        c.setOrganization(parts.get(0));
        c.getOrganizationUnits().addAll(parts.subList(1, parts.size()));
      } else {
        c.getOtherOrganizations().add(new io.contactsync.privacy.contact.Organization(parts.get(0), parts.subList(1, parts.size())));
      }
    }
    for (var title : card.getTitles()) {
      String t = blankToNull(title.getValue());
      if (t == null) continue;
      if (c.getTitle() == null) c.setTitle(t); else c.getOtherTitles().add(t);
    }
    c.setBirthday(VcardDates.read(card.getBirthday()));
    if (!card.getNotes().isEmpty()) {
      c.setNotes(join(card.getNotes().stream().map(note -> note.getValue()).toList(), "\n"));
    }
    for (Categories categories : card.getCategoriesList()) {
      categories.getValues().stream().map(VcardFormat::blankToNull).filter(v -> v != null).forEach(c.getCategories()::add);
    }
    Revision rev = card.getRevision();
    if (rev != null && rev.getValue() != null) c.setUpdatedAt(Instant.from(rev.getValue()).toString());
    RawProperty updatedAt = card.getExtendedProperty(UPDATED_AT_PROPERTY);
    if (c.getUpdatedAt() == null && updatedAt != null) c.setUpdatedAt(blankToNull(updatedAt.getValue()));
    for (RawProperty p : card.getExtendedProperties(CUSTOM_PROPERTY)) {
      String key = p.getParameter("KEY");
      if (key != null && p.getValue() != null) c.getCustom().put(key, p.getValue());
    }
    return c;
  }

  public static VCard toVcard(Contact c) {
    VCard card = new VCard();
    if (c.getId() != null) card.setUid(new Uid(c.getId()));
    Name n = c.getName();
    if (n != null) {
      StructuredName sn = new StructuredName();
      sn.setFamily(n.getFamily());
      sn.setGiven(n.getGiven());
      if (n.getMiddle() != null) sn.getAdditionalNames().add(n.getMiddle());
      if (n.getPrefix() != null) sn.getPrefixes().add(n.getPrefix());
      if (n.getSuffix() != null) sn.getSuffixes().add(n.getSuffix());
      card.setStructuredName(sn);
    }
    card.setFormattedName(formattedName(c));
    if (c.getNickname() != null) card.setNickname(c.getNickname());
    VcardLabels.Writer labels = new VcardLabels.Writer(card);
    for (TypedValue e : c.getEmails()) {
      Email email = new Email(e.getValue() == null ? "" : e.getValue());
      for (String t : typesOf(e.getTypes(), e.getType())) email.getTypes().add(EmailType.get(t));
      labels.typed(email, e.getPref(), e.getLabel());
      card.addEmail(email);
    }
    for (TypedValue p : c.getPhones()) {
      Telephone tel = new Telephone(p.getValue() == null ? "" : p.getValue());
      for (String t : typesOf(p.getTypes(), p.getType())) tel.getTypes().add(TelephoneType.get("mobile".equals(t) ? "cell" : t));
      labels.typed(tel, p.getPref(), p.getLabel());
      card.addTelephoneNumber(tel);
    }
    for (Address a : c.getAddresses()) {
      ezvcard.property.Address adr = new ezvcard.property.Address();
      adr.setPoBox(a.getPoBox());
      adr.setExtendedAddress(a.getExtended());
      adr.setStreetAddress(a.getStreet());
      adr.setLocality(a.getLocality());
      adr.setRegion(a.getRegion());
      adr.setPostalCode(a.getPostalCode());
      adr.setCountry(a.getCountry());
      for (String t : typesOf(a.getTypes(), a.getType())) adr.getTypes().add(AddressType.get(t));
      labels.typed(adr, a.getPref(), a.getLabel());
      card.addAddress(adr);
    }
    for (TypedValue u : c.getUrls()) {
      if (u.getValue() == null) continue;
      Url url = new Url(u.getValue());
      List<String> types = typesOf(u.getTypes(), u.getType());
      if (!types.isEmpty()) url.setType(String.join(",", types));
      labels.typed(url, u.getPref(), u.getLabel());
      card.addUrl(url);
    }
    VcardExtras.write(c, card, labels);
    if (c.getOrganization() != null || !c.getOrganizationUnits().isEmpty()) {
      Organization org = new Organization();
      org.getValues().add(c.getOrganization() == null ? "" : c.getOrganization());
      org.getValues().addAll(c.getOrganizationUnits());
      card.addOrganization(org);
    }
    for (var other : c.getOtherOrganizations()) {
      Organization org = new Organization();
      org.getValues().add(other.getName() == null ? "" : other.getName());
      org.getValues().addAll(other.getUnits());
      card.addOrganization(org);
    }
    if (c.getTitle() != null) card.addTitle(c.getTitle());
    c.getOtherTitles().forEach(card::addTitle);
    if (c.getBirthday() != null) card.setBirthday(toBirthday(c.getBirthday()));
    if (c.getNotes() != null) card.addNote(c.getNotes());
    if (!c.getCategories().isEmpty()) card.setCategories(c.getCategories().toArray(String[]::new));
    if (c.getUpdatedAt() != null) {
      try {
        card.setRevision(new Revision(Instant.parse(c.getUpdatedAt())));
      } catch (DateTimeParseException e) {
        card.addExtendedProperty(UPDATED_AT_PROPERTY, c.getUpdatedAt());
      }
    }
    c.getCustom().forEach((key, value) -> {
      RawProperty p = card.addExtendedProperty(CUSTOM_PROPERTY, value);
      p.getParameters().put("KEY", key);
    });
    return card;
  }

  /**
   * FN is required and strict servers (Radicale) refuse an empty one: the formatted name, else one made as RFC 6350
   * practice does, from the structured name, the organization, an email or a phone number, else a single space.
   */
  static String formattedName(Contact c) {
    if (c.getFormattedName() != null) return c.getFormattedName();
    Name n = c.getName();
    if (n != null) {
      String name = join(Arrays.asList(n.getPrefix(), n.getGiven(), n.getMiddle(), n.getFamily(), n.getSuffix()), " ");
      if (name != null) return name;
    }
    if (c.getOrganization() != null) return c.getOrganization();
    for (List<TypedValue> values : List.of(c.getEmails(), c.getPhones())) {
      for (TypedValue v : values) {
        if (v.getValue() != null && !v.getValue().isBlank()) return v.getValue();
      }
    }
    return " ";
  }

  private static Birthday toBirthday(String value) {
    try {
      return new Birthday(LocalDate.parse(value));
    } catch (DateTimeParseException e) {
      return new Birthday(value);
    }
  }

  /** The first specific type: the compatible single {@code type} beside the full {@code types}. */
  private static String type(List<? extends VCardParameter> types) {
    for (VCardParameter p : types) {
      String t = p.getValue();
      if (t != null && !GENERIC_TYPES.contains(t.toLowerCase(Locale.ROOT))) return t.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static String phoneType(List<TelephoneType> types) {
    String t = type(types);
    return "cell".equals(t) ? "mobile" : t;
  }

  /** Every type where the contact has them, else its single type (a contact from before types, or from a CSV). */
  private static List<String> typesOf(List<String> types, String type) {
    return !types.isEmpty() ? types : type == null ? List.of() : List.of(type);
  }

  /** A tel: URI's number with its extension, as clients show it: +1-418-656-9254;ext=102. */
  private static String telUri(ezvcard.util.TelUri uri) {
    return uri.getExtension() == null ? uri.getNumber() : uri.getNumber() + ";ext=" + uri.getExtension();
  }

  private static String join(List<String> parts, String separator) {
    String joined = parts.stream().filter(p -> p != null && !p.isBlank()).map(String::strip)
        .collect(Collectors.joining(separator));
    return joined.isEmpty() ? null : joined;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

}
