package io.contactsync.sync.format;

import ezvcard.VCard;
import ezvcard.parameter.VCardParameter;
import ezvcard.property.Address;
import ezvcard.property.BinaryProperty;
import ezvcard.property.Email;
import ezvcard.property.Impp;
import ezvcard.property.Organization;
import ezvcard.property.RawProperty;
import ezvcard.property.Related;
import ezvcard.property.Telephone;
import ezvcard.property.VCardProperty;
import io.contactsync.privacy.sanitize.EmailSyntax;
import io.contactsync.privacy.sanitize.TextCleaner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What of a vCard the canonical model carries, one line per value, independent of how the card spells it (3.0 or
 * 4.0, TYPE=pref or PREF=1, X-ABRELATEDNAMES or RELATED): two cards with equal fingerprints lose nothing of each other
 * that the model names. Values are cleaned as a Keep-everything policy cleans them.
 */
public final class VcardFingerprint {
  private VcardFingerprint() {}

  public static List<String> of(VCard card) {
    Map<String, String> labels = new HashMap<>();
    for (RawProperty p : card.getExtendedProperties("X-ABLABEL")) {
      if (p.getGroup() != null) labels.put(p.getGroup().toLowerCase(Locale.ROOT), clean(p.getValue()));
    }
    List<String> out = new ArrayList<>();
    for (Telephone t : card.getTelephoneNumbers()) {
      String number = t.getText() != null ? t.getText()
          : t.getUri() == null ? null : t.getUri().getNumber() + (t.getUri().getExtension() == null ? "" : ";ext=" + t.getUri().getExtension());
      typed(out, "TEL", clean(number), t, t.getTypes(), labels);
    }
    for (Email e : card.getEmails()) {
      String v = clean(e.getValue());
      typed(out, "EMAIL", v == null ? null : EmailSyntax.normalize(v), e, e.getTypes(), labels);
    }
    for (Address a : card.getAddresses()) {
      String v = String.join("|", Objects.toString(clean(a.getPoBox()), ""), Objects.toString(clean(a.getExtendedAddress()), ""),
          Objects.toString(clean(a.getStreetAddress(), true), ""), Objects.toString(clean(a.getLocality()), ""),
          Objects.toString(clean(a.getRegion()), ""), Objects.toString(clean(a.getPostalCode()), ""),
          Objects.toString(clean(a.getCountry()), ""));
      if (!v.replace("|", "").isEmpty()) typed(out, "ADR", v, a, a.getTypes(), labels);
    }
    card.getUrls().forEach(u -> typed(out, "URL", clean(u.getValue()), u, types(u.getType()), labels));
    for (Impp i : card.getImpps()) typed(out, "IMPP", i.getUri() == null ? null : clean(i.getUri().toString()), i, i.getTypes(), labels);
    List<Organization> orgs = card.getOrganizations();
    for (int i = 0; i < orgs.size(); i++) {
      out.add("ORG " + i + " " + orgs.get(i).getValues().stream().map(VcardFingerprint::clean).filter(Objects::nonNull).toList());
    }
    for (int i = 0; i < card.getTitles().size(); i++) add(out, "TITLE " + i, clean(card.getTitles().get(i).getValue()));
    if (card.getKind() != null) add(out, "KIND", clean(card.getKind().getValue()));
    if (card.getGender() != null) add(out, "GENDER", card.getGender().getGender() + ";" + Objects.toString(clean(card.getGender().getText()), ""));
    if (card.getAnniversary() != null) {
      var a = card.getAnniversary();
      add(out, "ANNIVERSARY", a.getDate() != null ? LocalDate.from(a.getDate()).toString()
          : a.getPartialDate() != null ? a.getPartialDate().toISO8601(true) : clean(a.getText()));
    }
    if (card.getGeo() != null && card.getGeo().getLatitude() != null) {
      add(out, "GEO", card.getGeo().getLatitude() + "," + card.getGeo().getLongitude());
    }
    if (card.getTimezone() != null) {
      var tz = card.getTimezone();
      add(out, "TZ", tz.getOffset() != null ? tz.getOffset().toString() : clean(tz.getText()));
    }
    card.getLanguages().forEach(l -> typed(out, "LANG", clean(l.getValue()), l, List.of(), labels));
    card.getKeys().forEach(k -> typed(out, "KEY", binary(k, k.getText()), k, List.of(), labels));
    if (!card.getPhotos().isEmpty()) add(out, "PHOTO", binary(card.getPhotos().get(0), null));
    for (Related r : card.getRelations()) {
      typed(out, "RELATED", clean(r.getUri() != null ? r.getUri() : r.getText()), r, r.getTypes(), labels);
    }
    for (RawProperty r : card.getExtendedProperties("X-ABRELATEDNAMES")) {
      typed(out, "RELATED", clean(r.getValue()), r, List.of(), labels);
    }
    return List.copyOf(new TreeSet<>(out).stream().toList());
  }

  private static void typed(List<String> out, String name, String value, VCardProperty p,
      List<? extends VCardParameter> types, Map<String, String> labels) {
    if (value == null) return;
    TreeSet<String> typeNames = new TreeSet<>();
    boolean prefType = false;
    for (VCardParameter t : types) {
      String v = t.getValue().toLowerCase(Locale.ROOT);
      if (v.equals("pref")) prefType = true; else typeNames.add(v);
    }
    String pref = p.getParameters().getPref() != null ? p.getParameters().getPref().toString() : prefType ? "1" : "";
    String label = p.getGroup() == null ? null : labels.get(p.getGroup().toLowerCase(Locale.ROOT));
    out.add(name + " " + value + " types=" + typeNames + " pref=" + pref + " label=" + Objects.toString(label, ""));
  }

  private static List<VCardParameter> types(String type) {
    if (type == null) return List.of();
    List<VCardParameter> list = new ArrayList<>();
    for (String t : type.split(",")) list.add(new VCardParameter(t) {});
    return list;
  }

  private static String binary(BinaryProperty<?> p, String text) {
    if (p.getUrl() != null) return clean(p.getUrl());
    if (p.getData() != null) {
      // no media type and application/octet-stream both say "unknown"
      return "data:" + (p.getContentType() == null ? "application/octet-stream" : p.getContentType().getMediaType()) + ";base64,"
          + Base64.getEncoder().encodeToString(p.getData()).hashCode();
    }
    return clean(text);
  }

  private static void add(List<String> out, String name, String value) {
    if (value != null) out.add(name + " " + value);
  }

  private static String clean(String s) {
    return clean(s, false);
  }

  private static String clean(String s, boolean multiline) {
    return s == null ? null : TextCleaner.clean(s, multiline);
  }
}
