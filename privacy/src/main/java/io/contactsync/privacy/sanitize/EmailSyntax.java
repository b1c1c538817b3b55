package io.contactsync.privacy.sanitize;

import java.util.Locale;

/**
 * A practical check of email address syntax (RFC 5321/5322 dot-atom, with RFC 6531 Unicode letters), stricter
 * than the RFCs where a legal form is mostly seen in attacks: no quoted local parts, no IP literals, and no local
 * part starting with a spreadsheet formula character.
 */
public final class EmailSyntax {
  private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  private EmailSyntax() {}

  /** The address with its domain lower-cased, or null when it is not a valid address. */
  public static String normalize(String address) {
    if (address == null || address.length() > 254) return null;
    int at = address.lastIndexOf('@');
    int end = address.length();
    if (at <= 0 || at == end - 1) return null;
    if (!validLocalPart(address, at) || !validDomain(address, at + 1, end)) return null;
    // read in place: only a domain that needs lower-casing makes a new string
    for (int i = at + 1; i < end; i++) {
      char c = address.charAt(i);
      if (c > 0x7F || (c >= 'A' && c <= 'Z')) {
        return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
      }
    }
    return address;
  }

  /** The local part is address[0, end). */
  private static boolean validLocalPart(String address, int end) {
    if (end > 64) return false;
    char first = address.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '.' || address.charAt(end - 1) == '.') return false;
    for (int i = 0; i < end; i++) {
      char c = address.charAt(i);
      if (c == '.') {
        if (address.charAt(i - 1) == '.') return false;
      } else if (!(isAsciiAlnum(c) || ATEXT_SPECIALS.indexOf(c) >= 0 || (c > 0x7F && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return true;
  }

  /** The domain is address[from, end): at least two dot-separated labels, the last not all digits. */
  private static boolean validDomain(String address, int from, int end) {
    if (end - from > 253) return false;
    int labels = 0;
    int labelStart = from;
    for (int i = from; i <= end; i++) {
      if (i < end && address.charAt(i) != '.') {
        char c = address.charAt(i);
        if (!(isAsciiAlnum(c) || c == '-' || (c > 0x7F && Character.isLetterOrDigit(c)))) return false;
        continue;
      }
      int length = i - labelStart;
      if (length == 0 || length > 63 || address.charAt(labelStart) == '-' || address.charAt(i - 1) == '-') return false;
      labels++;
      if (i < end) labelStart = i + 1;
    }
    if (labels < 2 || end - labelStart < 2) return false;
    for (int i = labelStart; i < end; i++) if (!Character.isDigit(address.charAt(i))) return true;
    return false;
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
