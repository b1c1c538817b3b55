package io.contactsync.sync.format;

import ezvcard.VCard;
import ezvcard.parameter.ImageType;
import ezvcard.parameter.KeyType;
import ezvcard.parameter.RelatedType;
import ezvcard.property.Anniversary;
import ezvcard.property.BinaryProperty;
import ezvcard.property.Gender;
import ezvcard.property.Geo;
import ezvcard.property.Impp;
import ezvcard.property.Key;
import ezvcard.property.Kind;
import ezvcard.property.Language;
import ezvcard.property.Photo;
import ezvcard.property.RawProperty;
import ezvcard.property.Related;
import ezvcard.property.Timezone;
import ezvcard.util.DataUri;
import ezvcard.util.GeoUri;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The vCard properties beyond name, emails, phones and addresses that real clients export: IMPP, LANG, KEY, RELATED
 * (and Apple's X-ABRELATEDNAMES), PHOTO, ANNIVERSARY, KIND, GENDER, GEO and TZ.
 */
final class VcardExtras {
  static final String APPLE_RELATED = "X-ABRELATEDNAMES";

  private VcardExtras() {}

  static void read(VCard card, Map<String, String> labels, Contact c) {
    for (Impp i : card.getImpps()) {
      if (i.getUri() == null) continue;
      c.getImpp().add(typed(i, i.getTypes(), i.getUri().toString(), labels));
    }
    for (Language l : card.getLanguages()) {
      if (l.getValue() != null && !l.getValue().isBlank()) c.getLanguages().add(typed(l, List.of(), l.getValue(), labels));
    }
    for (Key k : card.getKeys()) {
      String v = binary(k, k.getText());
      if (v != null) c.getKeys().add(typed(k, List.of(), v, labels));
    }
    for (Related r : card.getRelations()) {
      String v = r.getUri() != null ? r.getUri() : r.getText();
      if (v != null && !v.isBlank()) c.getRelated().add(typed(r, r.getTypes(), v, labels));
    }
    for (RawProperty r : card.getExtendedProperties(APPLE_RELATED)) {
      if (r.getValue() != null && !r.getValue().isBlank()) c.getRelated().add(typed(r, List.of(), r.getValue(), labels));
    }
    if (!card.getPhotos().isEmpty()) c.setPhoto(binary(card.getPhotos().get(0), null));
    c.setAnniversary(VcardDates.read(card.getAnniversary()));
    if (card.getKind() != null) c.setKind(blankToNull(card.getKind().getValue()));
    Gender g = card.getGender();
    if (g != null && g.getGender() != null) c.setGender(g.getText() == null ? g.getGender() : g.getGender() + ";" + g.getText());
    Geo geo = card.getGeo();
    if (geo != null && geo.getGeoUri() != null) c.setGeo(geo.getGeoUri().toString());
    Timezone tz = card.getTimezone();
    if (tz != null) c.setTimeZone(tz.getOffset() != null ? tz.getOffset().toString() : blankToNull(tz.getText()));
  }

  static void write(Contact c, VCard card, VcardLabels.Writer labels) {
    for (TypedValue v : c.getImpp()) {
      if (v.getValue() == null) continue;
      Impp impp;
      try {
        impp = new Impp(v.getValue());
      } catch (IllegalArgumentException e) {
        continue; // not a URI: IMPP can hold nothing else
      }
      v.getTypes().forEach(t -> impp.getTypes().add(ezvcard.parameter.ImppType.get(t)));
      labels.typed(impp, v.getPref(), v.getLabel());
      card.addImpp(impp);
    }
    for (TypedValue v : c.getLanguages()) {
      if (v.getValue() == null) continue;
      Language l = new Language(v.getValue());
      labels.typed(l, v.getPref(), v.getLabel());
      card.addLanguage(l);
    }
    for (TypedValue v : c.getKeys()) {
      if (v.getValue() == null) continue;
      Key k = new Key();
      DataUri data = dataUri(v.getValue());
      if (data != null) k.setData(data.getData(), KeyType.find(null, data.getContentType(), null));
      else k.setUrl(v.getValue(), (KeyType) null);
      labels.typed(k, v.getPref(), v.getLabel());
      card.addKey(k);
    }
    for (TypedValue v : c.getRelated()) {
      if (v.getValue() == null) continue;
      Related r = new Related();
      if (URI_SCHEME.matcher(v.getValue()).lookingAt()) r.setUri(v.getValue()); else r.setText(v.getValue());
      v.getTypes().forEach(t -> r.getTypes().add(RelatedType.get(t)));
      labels.typed(r, v.getPref(), v.getLabel());
      card.addRelated(r);
    }
    if (c.getPhoto() != null) {
      DataUri data = dataUri(c.getPhoto());
      card.addPhoto(data != null ? new Photo(data.getData(), ImageType.find(null, data.getContentType(), null))
          : new Photo(c.getPhoto(), (ImageType) null));
    }
    if (c.getAnniversary() != null) {
      try {
        card.setAnniversary(new Anniversary(LocalDate.parse(c.getAnniversary())));
      } catch (DateTimeParseException e) {
        card.setAnniversary(new Anniversary(c.getAnniversary()));
      }
    }
    if (c.getKind() != null) card.setKind(new Kind(c.getKind()));
    if (c.getGender() != null) {
      int semicolon = c.getGender().indexOf(';');
      Gender g = new Gender(semicolon < 0 ? c.getGender() : c.getGender().substring(0, semicolon));
      if (semicolon >= 0) g.setText(c.getGender().substring(semicolon + 1));
      card.setGender(g);
    }
    if (c.getGeo() != null) {
      try {
        card.setGeo(new Geo(GeoUri.parse(c.getGeo())));
      } catch (IllegalArgumentException e) {
        // not a geo: URI, which is all GEO can hold in 4.0
      }
    }
    if (c.getTimeZone() != null) {
      try {
        card.setTimezone(new Timezone(ZoneOffset.of(c.getTimeZone())));
      } catch (DateTimeException e) {
        card.setTimezone(new Timezone(c.getTimeZone()));
      }
    }
  }

  /** Whether a written card holds inline data that needs escapeDataUris. */
  static boolean hasDataUri(Contact c) {
    if (c.getPhoto() != null && c.getPhoto().regionMatches(true, 0, "data:", 0, 5)) return true;
    for (TypedValue k : c.getKeys()) {
      if (k.getValue() != null && k.getValue().regionMatches(true, 0, "data:", 0, 5)) return true;
    }
    return false;
  }

  /**
   * Escapes ; and , in the data: URIs of PHOTO and KEY lines of an unfolded 4.0 card. Radicale (vobject) reads such a
   * value as a list and keeps only "data:image/jpeg\;base64", the image lost; escaped, it keeps the value whole, and
   * ez-vcard (and other readers) unescape it.
   */
  static String escapeDataUris(String unfolded) {
    StringBuilder out = new StringBuilder(unfolded.length() + 16);
    int start = 0;
    while (start < unfolded.length()) {
      int end = unfolded.indexOf("\r\n", start);
      int lineEnd = end < 0 ? unfolded.length() : end;
      int data = unfolded.indexOf(":data:", start);
      if (data >= 0 && data < lineEnd && isBinaryLine(unfolded, start)) {
        out.append(unfolded, start, data + 1);
        for (int i = data + 1; i < lineEnd; i++) {
          char ch = unfolded.charAt(i);
          if (ch == ';' || ch == ',') out.append('\\');
          out.append(ch);
        }
      } else {
        out.append(unfolded, start, lineEnd);
      }
      if (end < 0) break;
      out.append("\r\n");
      start = end + 2;
    }
    return out.toString();
  }

  private static boolean isBinaryLine(String s, int lineStart) {
    int dot = s.indexOf('.', lineStart);
    int nameStart = dot >= 0 && dot < s.indexOf(':', lineStart) && dot < indexOrMax(s.indexOf(';', lineStart)) ? dot + 1 : lineStart;
    return s.regionMatches(true, nameStart, "PHOTO", 0, 5) || s.regionMatches(true, nameStart, "KEY", 0, 3);
  }

  private static int indexOrMax(int i) {
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static final java.util.regex.Pattern URI_SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S");

  private static TypedValue typed(ezvcard.property.VCardProperty p, List<? extends ezvcard.parameter.VCardParameter> types,
      String value, Map<String, String> labels) {
    TypedValue v = new TypedValue(null, value);
    VcardLabels.typed(p, types, labels, v.getTypes(), v::setPref, v::setLabel);
    if (!v.getTypes().isEmpty()) v.setType(v.getTypes().get(0));
    return v;
  }

  /** A URL as it is, inline data as a data: URI. */
  private static String binary(BinaryProperty<?> p, String text) {
    if (p.getUrl() != null) return blankToNull(p.getUrl());
    if (p.getData() != null) {
      String type = p.getContentType() == null ? "application/octet-stream" : p.getContentType().getMediaType();
      return new DataUri(type, p.getData()).toString();
    }
    return blankToNull(text);
  }

  private static DataUri dataUri(String value) {
    if (!value.regionMatches(true, 0, "data:", 0, 5)) return null;
    try {
      DataUri d = DataUri.parse(value);
      return d.getData() == null ? null : d;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
