package io.contactsync.sync.connector.ldap;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a directory counts two values of an attribute as one: by the attribute's equality matching rule (RFC 4517)
 * after string preparation (RFC 4518). A server refuses an entry that holds two equal values ("attribute or value
 * exists"), so each is sent once. mail (caseIgnoreIA5Match) and the directory-string attributes (caseIgnoreMatch)
 * ignore case and insignificant spaces; the phone attributes (telephoneNumberMatch) ignore every space and hyphen
 * as well. An attribute not known here (an override's) is taken as caseIgnoreMatch, the most common rule: values a
 * stricter rule tells apart by case alone are then sent once.
 */
final class LdapEquality {
  private LdapEquality() {}

  /** Attributes, in lower case, whose equality rule is telephoneNumberMatch (RFC 4519, RFC 4524 names and aliases). */
  private static final Set<String> TELEPHONE_NUMBER_MATCH = Set.of("telephonenumber", "mobile", "mobiletelephonenumber",
      "homephone", "hometelephonenumber", "pager", "pagertelephonenumber");
  /** Hyphens that telephoneNumberMatch ignores (RFC 4518, 2.6.3). */
  private static final String HYPHENS = "\u002D\u058A\u2010\u2011\u2212\uFE63\uFF0D";

  /** The values in order, each left out that the attribute's rule counts equal to an earlier one. */
  static List<String> distinct(String attribute, List<String> values) {
    Set<String> keys = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String v : values) if (keys.add(key(attribute, v))) out.add(v);
    return out;
  }

  /** Equal exactly when the attribute's rule counts the values equal. */
  static String key(String attribute, String value) {
    String prepared = caseFolded(mapped(value));
    if (TELEPHONE_NUMBER_MATCH.contains(attribute.toLowerCase(Locale.ROOT))) {
      StringBuilder digits = new StringBuilder(prepared.length());
      prepared.codePoints().filter(c -> c != ' ' && HYPHENS.indexOf(c) < 0).forEach(digits::appendCodePoint);
      return digits.toString();
    }
    return String.join(" ", prepared.strip().split(" +"));
  }

  /** RFC 4518, 2.2: every kind of space and line break is one SPACE; controls, joiners and the like are nothing. */
  private static String mapped(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      if (isSpace(c)) {
        out.append(' ');
      } else if (!mapsToNothing(c)) {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static boolean isSpace(int c) {
    int type = Character.getType(c);
    return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85
        || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static boolean mapsToNothing(int c) {
    int type = Character.getType(c);
    return c == 0x1806 || c == 0x034F || (c >= 0x180B && c <= 0x180D) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFFC
        || type == Character.CONTROL || type == Character.FORMAT;
  }

  /**
   * Case folding with compatibility normalization (RFC 4518, 2.2 and 2.3): upper then lower case folds what one
   * pass would not (ß and SS), NFKC what compatibility forms write apart (full-width letters).
   */
  private static String caseFolded(String value) {
    String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
    return Normalizer.normalize(nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
  }
}
