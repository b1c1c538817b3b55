package io.contactsync.privacy.policy;

import com.google.crypto.tink.Mac;
import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.Organization;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.policy.PolicyDefinition.FormulaNeutralizing;
import io.contactsync.privacy.policy.PolicyDefinition.ValidationSettings;
import io.contactsync.privacy.sanitize.EmailSyntax;
import io.contactsync.privacy.sanitize.PhoneNormalizer;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.privacy.sanitize.TextCleaner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A policy compiled into a plan: one transform per leaf field (null where the value is dropped), looked up by
 * index in a tight loop. Sanitization runs only on values that leave. Thread-safe.
 */
public final class CompiledPolicy {
  /** The parts of a typed list entry in the order type, types, value, pref, label. */
  private static final Field[] EMAIL_FIELDS = {Field.EMAIL_TYPE, Field.EMAIL_TYPES, Field.EMAIL_VALUE, Field.EMAIL_PREF,
      Field.EMAIL_LABEL};
  private static final Field[] PHONE_FIELDS = {Field.PHONE_TYPE, Field.PHONE_TYPES, Field.PHONE_VALUE, Field.PHONE_PREF,
      Field.PHONE_LABEL};
  private static final Field[] URL_FIELDS = {Field.URL_TYPE, Field.URL_TYPES, Field.URL_VALUE, Field.URL_PREF,
      Field.URL_LABEL};
  private static final Field[] IMPP_FIELDS = {Field.IMPP_TYPE, Field.IMPP_TYPES, Field.IMPP_VALUE, Field.IMPP_PREF,
      Field.IMPP_LABEL};
  private static final Field[] LANGUAGE_FIELDS = {Field.LANGUAGES_TYPE, Field.LANGUAGES_TYPES, Field.LANGUAGES_VALUE,
      Field.LANGUAGES_PREF, Field.LANGUAGES_LABEL};
  private static final Field[] KEY_FIELDS = {Field.KEYS_TYPE, Field.KEYS_TYPES, Field.KEYS_VALUE, Field.KEYS_PREF,
      Field.KEYS_LABEL};
  private static final Field[] RELATED_FIELDS = {Field.RELATED_TYPE, Field.RELATED_TYPES, Field.RELATED_VALUE,
      Field.RELATED_PREF, Field.RELATED_LABEL};
  private final ValueTransform[] slots;
  private final Map<String, ValueTransform> customSlots;
  private final ValueTransform otherCustom;
  private final ValidationSettings validation;
  private final PhoneNormalizer phones;
  private final Mac recordIds;

  CompiledPolicy(ValueTransform[] slots, Map<String, ValueTransform> customSlots, ValueTransform otherCustom,
      ValidationSettings validation, Mac recordIds) {
    this.slots = slots.clone();
    this.customSlots = Map.copyOf(customSlots);
    this.otherCustom = otherCustom;
    this.validation = validation;
    this.phones = validation.normalizePhones() ? new PhoneNormalizer(validation.phoneRegion()) : null;
    this.recordIds = recordIds;
  }

  /**
   * The destination record id of a source contact: a keyed, stable derivative of (source, source id), so the
   * source id never leaves and a repeated run writes the same records again instead of duplicates.
   */
  public String recordId(String sourceIdentity, String sourceId) {
    byte[] input = (sourceIdentity + '\u0000' + sourceId).getBytes(StandardCharsets.UTF_8);
    return ValueTransforms.prefixedBase64Url("", ValueTransforms.compute(() -> recordIds.computeMac(input)));
  }

  /** Sanitizes and transforms one contact for a destination where formulas do not run (see the other apply). */
  public PolicyOutcome apply(Contact in) {
    return apply(in, false);
  }

  /**
   * Sanitizes and transforms one contact. The input is not changed; the output has no id (see recordId).
   *
   * @param formulasRun whether the destination may run a value as a formula (a CSV file opened in a spreadsheet):
   *     where the validation settings leave formula neutralizing to the destination, only then does it apply
   */
  public PolicyOutcome apply(Contact in, boolean formulasRun) {
    FormulaNeutralizing neutralizing = validation.neutralizeFormulas();
    Evaluation ev = new Evaluation(neutralizing == FormulaNeutralizing.ALWAYS
        || neutralizing == FormulaNeutralizing.WHERE_FORMULAS_RUN && formulasRun);
    Contact out = new Contact();
    if (in.getName() != null) {
      Name n = in.getName();
      Name name = new Name(value(ev, Field.NAME_PREFIX, n.getPrefix()), value(ev, Field.NAME_GIVEN, n.getGiven()),
          value(ev, Field.NAME_MIDDLE, n.getMiddle()), value(ev, Field.NAME_FAMILY, n.getFamily()),
          value(ev, Field.NAME_SUFFIX, n.getSuffix()));
      out.setName(name.isEmpty() ? null : name);
    }
    out.setFormattedName(value(ev, Field.FORMATTED_NAME, in.getFormattedName()));
    out.setNickname(value(ev, Field.NICKNAME, in.getNickname()));
    typedValues(ev, in.getEmails(), out.getEmails(), EMAIL_FIELDS);
    typedValues(ev, in.getPhones(), out.getPhones(), PHONE_FIELDS);
    for (Address a : in.getAddresses()) {
      Address address = new Address(value(ev, Field.ADDRESS_TYPE, a.getType()),
          value(ev, Field.ADDRESS_STREET, a.getStreet()), value(ev, Field.ADDRESS_LOCALITY, a.getLocality()),
          value(ev, Field.ADDRESS_REGION, a.getRegion()), value(ev, Field.ADDRESS_POSTAL_CODE, a.getPostalCode()),
          value(ev, Field.ADDRESS_COUNTRY, a.getCountry()));
      values(ev, Field.ADDRESS_TYPES, a.getTypes(), address.getTypes());
      address.setPoBox(value(ev, Field.ADDRESS_PO_BOX, a.getPoBox()));
      address.setExtended(value(ev, Field.ADDRESS_EXTENDED, a.getExtended()));
      address.setPref(value(ev, Field.ADDRESS_PREF, a.getPref()));
      address.setLabel(value(ev, Field.ADDRESS_LABEL, a.getLabel()));
      if (!address.isEmpty()) out.getAddresses().add(address);
    }
    typedValues(ev, in.getUrls(), out.getUrls(), URL_FIELDS);
    typedValues(ev, in.getImpp(), out.getImpp(), IMPP_FIELDS);
    out.setAnniversary(value(ev, Field.ANNIVERSARY, in.getAnniversary()));
    out.setKind(value(ev, Field.KIND, in.getKind()));
    out.setGender(value(ev, Field.GENDER, in.getGender()));
    out.setPhoto(value(ev, Field.PHOTO, in.getPhoto()));
    out.setGeo(value(ev, Field.GEO, in.getGeo()));
    out.setTimeZone(value(ev, Field.TIME_ZONE, in.getTimeZone()));
    typedValues(ev, in.getLanguages(), out.getLanguages(), LANGUAGE_FIELDS);
    typedValues(ev, in.getKeys(), out.getKeys(), KEY_FIELDS);
    typedValues(ev, in.getRelated(), out.getRelated(), RELATED_FIELDS);
    out.setOrganization(value(ev, Field.ORGANIZATION, in.getOrganization()));
    values(ev, Field.ORGANIZATION_UNITS, in.getOrganizationUnits(), out.getOrganizationUnits());
    out.setTitle(value(ev, Field.TITLE, in.getTitle()));
    for (Organization o : in.getOtherOrganizations()) {
      Organization kept = new Organization();
      kept.setName(value(ev, Field.OTHER_ORGANIZATION_NAME, o.getName()));
      values(ev, Field.OTHER_ORGANIZATION_UNITS, o.getUnits(), kept.getUnits());
      if (!kept.isEmpty()) out.getOtherOrganizations().add(kept);
    }
    values(ev, Field.OTHER_TITLES, in.getOtherTitles(), out.getOtherTitles());
    out.setBirthday(value(ev, Field.BIRTHDAY, in.getBirthday()));
    out.setNotes(value(ev, Field.NOTES, in.getNotes()));
    values(ev, Field.CATEGORIES, in.getCategories(), out.getCategories());
    for (Map.Entry<String, String> e : in.getCustom().entrySet()) {
      ValueTransform t = customSlots.getOrDefault(e.getKey(), otherCustom);
      boolean leaves = t != null && t != ValueTransforms.DROP;
      String v = leaves ? transform(ev, t, Field.Kind.TEXT, "custom." + e.getKey(), e.getValue()) : null;
      if (v != null) out.getCustom().put(e.getKey(), v);
    }
    out.setUpdatedAt(value(ev, Field.UPDATED_AT, in.getUpdatedAt()));
    return ev.reason != null
        ? new PolicyOutcome(null, ev.reason, ev.fieldPath, ev.droppedValues)
        : new PolicyOutcome(out, null, null, ev.droppedValues);
  }

  private void typedValues(Evaluation ev, List<TypedValue> in, List<TypedValue> out, Field[] fields) {
    boolean valueLeaves = slots[fields[2].ordinal()] != null;
    for (TypedValue tv : in) {
      String value = value(ev, fields[2], tv.getValue());
      // An entry whose value was invalid (or empty) goes with it; the rest alone is kept only where values are dropped.
      if (valueLeaves && value == null) continue;
      TypedValue kept = new TypedValue(value(ev, fields[0], tv.getType()), value);
      values(ev, fields[1], tv.getTypes(), kept.getTypes());
      kept.setPref(value(ev, fields[3], tv.getPref()));
      kept.setLabel(value(ev, fields[4], tv.getLabel()));
      if (kept.getType() == null && value == null && kept.getTypes().isEmpty() && kept.getPref() == null
          && kept.getLabel() == null) continue;
      out.add(kept);
    }
  }

  /** Each value of a list field, in order; the ones that do not leave are left out. */
  private void values(Evaluation ev, Field field, List<String> in, List<String> out) {
    if (slots[field.ordinal()] == null) return;
    for (String raw : in) {
      String v = value(ev, field, raw);
      if (v != null) out.add(v);
    }
  }

  private String value(Evaluation ev, Field field, String raw) {
    ValueTransform t = slots[field.ordinal()];
    return t == null ? null : transform(ev, t, field.kind(), field.path(), raw);
  }

  private String transform(Evaluation ev, ValueTransform t, Field.Kind kind, String path, String raw) {
    if (raw == null || ev.reason != null) return null;
    String v = sanitize(ev, kind, path, raw);
    if (v == null) return null;
    // after the transform: what lands in the cell is the output (a mask of '-', a base64url hash), and equal
    // inputs keep giving equal hashes and tokens in every destination
    String out = t.apply(v, path);
    return ev.neutralizeFormulas ? TextCleaner.neutralizeFormula(out) : out;
  }

  private String sanitize(Evaluation ev, Field.Kind kind, String path, String raw) {
    if (kind == Field.Kind.BINARY) {
      // a data: URI has no text to clean or markup to strip; past the cap it goes, counted, and the contact stays
      String v = raw.strip();
      if (v.length() > Field.BINARY_MAX_CHARS) return ev.invalid(InvalidValueHandling.DROP_VALUE, null, path);
      return v.isEmpty() ? null : v;
    }
    String v = TextCleaner.clean(raw, kind == Field.Kind.MULTILINE_TEXT);
    if (v != null && validation.stripMarkup()) v = TextCleaner.stripMarkup(v);
    if (v == null) return null;
    int max = validation.maxFieldLength();
    if (v.length() > max && v.codePointCount(0, v.length()) > max) {
      return ev.invalid(validation.tooLong(), QuarantineReason.FIELD_TOO_LONG, path);
    }
    if (kind == Field.Kind.EMAIL) {
      v = EmailSyntax.normalize(v);
      if (v == null) return ev.invalid(validation.email(), QuarantineReason.INVALID_EMAIL, path);
    } else if (kind == Field.Kind.PHONE && phones != null) {
      v = phones.toE164(v);
      if (v == null) return ev.invalid(validation.invalidPhone(), QuarantineReason.INVALID_PHONE, path);
    }
    return v;
  }

  /** The state of one apply: the first quarantine reason, and how many invalid values were dropped. */
  private static final class Evaluation {
    final boolean neutralizeFormulas;
    QuarantineReason reason;
    String fieldPath;
    int droppedValues;

    Evaluation(boolean neutralizeFormulas) {
      this.neutralizeFormulas = neutralizeFormulas;
    }

    String invalid(InvalidValueHandling handling, QuarantineReason why, String path) {
      if (handling == InvalidValueHandling.QUARANTINE) {
        reason = why;
        fieldPath = path;
      } else {
        droppedValues++;
      }
      return null;
    }
  }
}
