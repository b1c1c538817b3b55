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
  IMPP_TYPE("impp[].type", Kind.TEXT),
  IMPP_TYPES("impp[].types", Kind.TEXT),
  IMPP_VALUE("impp[].value", Kind.TEXT),
  IMPP_PREF("impp[].pref", Kind.TEXT),
  IMPP_LABEL("impp[].label", Kind.TEXT),
  LANGUAGES_TYPE("languages[].type", Kind.TEXT),
  LANGUAGES_TYPES("languages[].types", Kind.TEXT),
  LANGUAGES_VALUE("languages[].value", Kind.TEXT),
  LANGUAGES_PREF("languages[].pref", Kind.TEXT),
  LANGUAGES_LABEL("languages[].label", Kind.TEXT),
  KEYS_TYPE("keys[].type", Kind.TEXT),
  KEYS_TYPES("keys[].types", Kind.TEXT),
  KEYS_VALUE("keys[].value", Kind.BINARY),
  KEYS_PREF("keys[].pref", Kind.TEXT),
  KEYS_LABEL("keys[].label", Kind.TEXT),
  RELATED_TYPE("related[].type", Kind.TEXT),
  RELATED_TYPES("related[].types", Kind.TEXT),
  RELATED_VALUE("related[].value", Kind.TEXT),
  RELATED_PREF("related[].pref", Kind.TEXT),
  RELATED_LABEL("related[].label", Kind.TEXT),
  ORGANIZATION("organization", Kind.TEXT),
  ORGANIZATION_UNITS("organizationUnits", Kind.TEXT),
  TITLE("title", Kind.TEXT),
  OTHER_ORGANIZATION_NAME("otherOrganizations[].name", Kind.TEXT),
  OTHER_ORGANIZATION_UNITS("otherOrganizations[].units", Kind.TEXT),
  OTHER_TITLES("otherTitles", Kind.TEXT),
  BIRTHDAY("birthday", Kind.DATE),
  ANNIVERSARY("anniversary", Kind.DATE),
  KIND("kind", Kind.TEXT),
  GENDER("gender", Kind.TEXT),
  PHOTO("photo", Kind.BINARY),
  GEO("geo", Kind.TEXT),
  TIME_ZONE("timeZone", Kind.TEXT),
  NOTES("notes", Kind.MULTILINE_TEXT),
  CATEGORIES("categories", Kind.TEXT),
  UPDATED_AT("updatedAt", Kind.DATE);

  /** What sort of value a field holds, which decides its validation. */
  public enum Kind {
    TEXT, MULTILINE_TEXT, EMAIL, PHONE, DATE,
    /** A URI, or a data: URI holding a photo or key: capped at BINARY_MAX_CHARS instead of maxFieldLength. */
    BINARY
  }

  /** 256 KiB of data: URI; a larger photo or key is dropped and counted, never a reason to quarantine the contact. */
  public static final int BINARY_MAX_CHARS = 256 * 1024;

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
