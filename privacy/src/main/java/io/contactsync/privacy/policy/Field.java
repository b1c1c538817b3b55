package io.contactsync.privacy.policy;

import java.util.EnumSet;
import java.util.Set;

/** The leaf fields of the canonical contact that rules act on (custom.<key> values are handled apart). */
public enum Field {
  NAME_PREFIX("name.prefix", Kind.TEXT),
  NAME_GIVEN("name.given", Kind.TEXT),
  NAME_MIDDLE("name.middle", Kind.TEXT),
  NAME_FAMILY("name.family", Kind.TEXT),
  NAME_SUFFIX("name.suffix", Kind.TEXT),
  FORMATTED_NAME("formattedName", Kind.TEXT),
  NICKNAME("nickname", Kind.TEXT),
  EMAIL_TYPE("emails[].type", Kind.TEXT),
  EMAIL_TYPES("emails[].types", Kind.TEXT),
  EMAIL_VALUE("emails[].value", Kind.EMAIL),
  EMAIL_PREF("emails[].pref", Kind.TEXT),
  EMAIL_LABEL("emails[].label", Kind.TEXT),
  PHONE_TYPE("phones[].type", Kind.TEXT),
  PHONE_TYPES("phones[].types", Kind.TEXT),
  PHONE_VALUE("phones[].value", Kind.PHONE),
  PHONE_PREF("phones[].pref", Kind.TEXT),
  PHONE_LABEL("phones[].label", Kind.TEXT),
  ADDRESS_TYPE("addresses[].type", Kind.TEXT),
  ADDRESS_TYPES("addresses[].types", Kind.TEXT),
  ADDRESS_PO_BOX("addresses[].poBox", Kind.TEXT),
  ADDRESS_EXTENDED("addresses[].extended", Kind.TEXT),
  ADDRESS_STREET("addresses[].street", Kind.MULTILINE_TEXT),
  ADDRESS_LOCALITY("addresses[].locality", Kind.TEXT),
  ADDRESS_REGION("addresses[].region", Kind.TEXT),
  ADDRESS_POSTAL_CODE("addresses[].postalCode", Kind.TEXT),
  ADDRESS_COUNTRY("addresses[].country", Kind.TEXT),
  ADDRESS_PREF("addresses[].pref", Kind.TEXT),
  ADDRESS_LABEL("addresses[].label", Kind.TEXT),
  URL_TYPE("urls[].type", Kind.TEXT),
  URL_TYPES("urls[].types", Kind.TEXT),
  URL_VALUE("urls[].value", Kind.TEXT),
  URL_PREF("urls[].pref", Kind.TEXT),
  URL_LABEL("urls[].label", Kind.TEXT),
  ORGANIZATION("organization", Kind.TEXT),
  TITLE("title", Kind.TEXT),
  BIRTHDAY("birthday", Kind.DATE),
  NOTES("notes", Kind.MULTILINE_TEXT),
  CATEGORIES("categories", Kind.TEXT),
  UPDATED_AT("updatedAt", Kind.DATE);

  /** What sort of value a field holds, which decides its validation. */
  public enum Kind { TEXT, MULTILINE_TEXT, EMAIL, PHONE, DATE }

  private final String path;
  private final Kind kind;

  Field(String path, Kind kind) {
    this.path = path;
    this.kind = kind;
  }

  public String path() { return path; }

  public Kind kind() { return kind; }

  /** The leaves a group path stands for. */
  static Set<Field> group(String prefix) {
    Set<Field> leaves = EnumSet.noneOf(Field.class);
    for (Field f : values()) {
      if (f.path.startsWith(prefix)) leaves.add(f);
    }
    return leaves;
  }
}
