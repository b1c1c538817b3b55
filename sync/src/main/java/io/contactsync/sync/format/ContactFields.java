package io.contactsync.sync.format;

import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.Organization;
import io.contactsync.privacy.contact.TypedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contacts as field path = value pairs (indexed for lists: emails[0].value, categories[1]), for formats and
 * connectors that store fields flat: CSV columns, database columns, the preview table.
 */
public final class ContactFields {
  static final Pattern LIST_COLUMN =
      Pattern.compile("(emails|phones|urls|impp|languages|keys|related|addresses|otherOrganizations|categories|organizationUnits|otherTitles)\\[(\\d{0,4})\\](?:\\.([A-Za-z]+))?");
  static final List<String> NAME_PARTS = List.of("prefix", "given", "middle", "family", "suffix");
  static final List<String> ADDRESS_PARTS = List.of("type", "types", "poBox", "extended", "street", "locality", "region",
      "postalCode", "country", "pref", "label");
  static final List<String> TYPED_PARTS = List.of("type", "types", "value", "pref", "label");
  /** A list of types in one flat value: types never hold a comma (vCard separates TYPE values with it). */
  static final String TYPES_SEPARATOR = ",";

  private ContactFields() {}

  /** A contact as field path = value pairs, in canonical order. */
  public static Map<String, String> flatten(Contact c) {
    Map<String, String> f = new LinkedHashMap<>();
    put(f, "id", c.getId());
    if (c.getName() != null) {
      put(f, "name.prefix", c.getName().getPrefix());
      put(f, "name.given", c.getName().getGiven());
      put(f, "name.middle", c.getName().getMiddle());
      put(f, "name.family", c.getName().getFamily());
      put(f, "name.suffix", c.getName().getSuffix());
    }
    put(f, "formattedName", c.getFormattedName());
    put(f, "nickname", c.getNickname());
    typed(f, "emails", c.getEmails());
    typed(f, "phones", c.getPhones());
    for (int i = 0; i < c.getAddresses().size(); i++) {
      Address a = c.getAddresses().get(i);
      String p = "addresses[" + i + "].";
      for (String part : ADDRESS_PARTS) put(f, p + part, addressPart(a, part));
    }
    typed(f, "urls", c.getUrls());
    typed(f, "impp", c.getImpp());
    put(f, "organization", c.getOrganization());
    for (int i = 0; i < c.getOrganizationUnits().size(); i++) put(f, "organizationUnits[" + i + "]", c.getOrganizationUnits().get(i));
    put(f, "title", c.getTitle());
    for (int i = 0; i < c.getOtherOrganizations().size(); i++) {
      put(f, "otherOrganizations[" + i + "].name", c.getOtherOrganizations().get(i).getName());
      put(f, "otherOrganizations[" + i + "].units", joinUnits(c.getOtherOrganizations().get(i).getUnits()));
    }
    for (int i = 0; i < c.getOtherTitles().size(); i++) put(f, "otherTitles[" + i + "]", c.getOtherTitles().get(i));
    put(f, "birthday", c.getBirthday());
    put(f, "anniversary", c.getAnniversary());
    put(f, "kind", c.getKind());
    put(f, "gender", c.getGender());
    put(f, "photo", c.getPhoto());
    put(f, "geo", c.getGeo());
    put(f, "timeZone", c.getTimeZone());
    typed(f, "languages", c.getLanguages());
    typed(f, "keys", c.getKeys());
    typed(f, "related", c.getRelated());
    put(f, "notes", c.getNotes());
    for (int i = 0; i < c.getCategories().size(); i++) put(f, "categories[" + i + "]", c.getCategories().get(i));
    c.getCustom().forEach((k, v) -> put(f, "custom." + k, v));
    put(f, "updatedAt", c.getUpdatedAt());
    return f;
  }

  private static void typed(Map<String, String> f, String list, List<TypedValue> values) {
    for (int i = 0; i < values.size(); i++) {
      for (String part : TYPED_PARTS) put(f, list + "[" + i + "]." + part, typedPart(values.get(i), part));
    }
  }

  private static void put(Map<String, String> f, String key, String value) {
    if (value != null) f.put(key, value);
  }

  /** After setting fields one by one: list entries that got no value at all are removed. */
  public static void dropEmptyEntries(Contact contact) {
    contact.getEmails().removeIf(ContactFields::isEmpty);
    contact.getPhones().removeIf(ContactFields::isEmpty);
    for (List<TypedValue> list : List.of(contact.getUrls(), contact.getImpp(), contact.getLanguages(), contact.getKeys(),
        contact.getRelated())) {
      list.removeIf(ContactFields::isEmpty);
    }
    contact.getAddresses().removeIf(Address::isEmpty);
    contact.getCategories().removeIf(c -> c == null);
    contact.getOrganizationUnits().removeIf(c -> c == null);
    contact.getOtherTitles().removeIf(c -> c == null);
    contact.getOtherOrganizations().removeIf(Organization::isEmpty);
  }

  /** Sets the value of a field path on a contact; null for a path that is not canonical. */
  public static BiConsumer<Contact, String> setter(String column) {
    switch (column) {
      case "id": return Contact::setId;
      case "formattedName": return Contact::setFormattedName;
      case "nickname": return Contact::setNickname;
      case "organization": return Contact::setOrganization;
      case "title": return Contact::setTitle;
      case "birthday": return Contact::setBirthday;
      case "anniversary": return Contact::setAnniversary;
      case "kind": return Contact::setKind;
      case "gender": return Contact::setGender;
      case "photo": return Contact::setPhoto;
      case "geo": return Contact::setGeo;
      case "timeZone": return Contact::setTimeZone;
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
      case "organizationUnits":
        return part != null ? null : (c, v) -> at(c.getOrganizationUnits(), index, () -> null).set(index, v);
      case "otherTitles":
        return part != null ? null : (c, v) -> at(c.getOtherTitles(), index, () -> null).set(index, v);
      case "otherOrganizations":
        if (!"name".equals(part) && !"units".equals(part)) return null;
        return (c, v) -> {
          Organization o = at(c.getOtherOrganizations(), index, Organization::new).get(index);
          if (part.equals("name")) o.setName(v); else o.setUnits(splitUnits(v));
        };
      case "emails":
      case "phones":
      case "urls":
      case "impp":
      case "languages":
      case "keys":
      case "related":
        if (!TYPED_PARTS.contains(part)) return null;
        return (c, v) -> setTypedPart(at(typedList(c, list), index, TypedValue::new).get(index), part, v);
      default:
        if (part == null || !ADDRESS_PARTS.contains(part)) return null; // "addresses[0]" alone names no part
        return (c, v) -> setAddressPart(at(c.getAddresses(), index, Address::new).get(index), part, v);
    }
  }

  private static <T> List<T> at(List<T> list, int index, java.util.function.Supplier<T> filler) {
    while (list.size() <= index) list.add(filler.get());
    return list;
  }

  static String namePart(Name n, String part) {
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

  private static boolean isEmpty(TypedValue v) {
    return v.getType() == null && v.getValue() == null && v.getTypes().isEmpty() && v.getPref() == null
        && v.getLabel() == null;
  }

  private static List<TypedValue> typedList(Contact c, String list) {
    return switch (list) {
      case "emails" -> c.getEmails();
      case "phones" -> c.getPhones();
      case "urls" -> c.getUrls();
      case "impp" -> c.getImpp();
      case "languages" -> c.getLanguages();
      case "keys" -> c.getKeys();
      default -> c.getRelated();
    };
  }

  static String typedPart(TypedValue t, String part) {
    return switch (part) {
      case "type" -> t.getType();
      case "types" -> joinTypes(t.getTypes());
      case "value" -> t.getValue();
      case "pref" -> t.getPref();
      default -> t.getLabel();
    };
  }

  private static void setTypedPart(TypedValue t, String part, String v) {
    switch (part) {
      case "type" -> t.setType(v);
      case "types" -> t.setTypes(splitTypes(v));
      case "value" -> t.setValue(v);
      case "pref" -> t.setPref(v);
      default -> t.setLabel(v);
    }
  }

  /** Units of a further organization in one flat value, one per line: a unit is single-line text. */
  static String joinUnits(List<String> units) {
    return units.isEmpty() ? null : String.join("\n", units);
  }

  private static List<String> splitUnits(String v) {
    List<String> units = new java.util.ArrayList<>();
    if (v != null) for (String u : v.split("\n")) if (!u.isBlank()) units.add(u.strip());
    return units;
  }

  private static String joinTypes(List<String> types) {
    return types.isEmpty() ? null : String.join(TYPES_SEPARATOR, types);
  }

  private static List<String> splitTypes(String v) {
    List<String> types = new java.util.ArrayList<>();
    if (v == null) return types;
    for (String t : v.split(TYPES_SEPARATOR)) {
      if (!t.isBlank()) types.add(t.strip());
    }
    return types;
  }

  static String addressPart(Address a, String part) {
    return switch (part) {
      case "type" -> a.getType();
      case "types" -> joinTypes(a.getTypes());
      case "poBox" -> a.getPoBox();
      case "extended" -> a.getExtended();
      case "pref" -> a.getPref();
      case "label" -> a.getLabel();
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
      case "types" -> a.setTypes(splitTypes(v));
      case "poBox" -> a.setPoBox(v);
      case "extended" -> a.setExtended(v);
      case "pref" -> a.setPref(v);
      case "label" -> a.setLabel(v);
      case "street" -> a.setStreet(v);
      case "locality" -> a.setLocality(v);
      case "region" -> a.setRegion(v);
      case "postalCode" -> a.setPostalCode(v);
      default -> a.setCountry(v);
    }
  }
}
