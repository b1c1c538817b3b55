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
    if (at <= 0 || at == address.length() - 1) return null;
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (!validLocalPart(local) || !validDomain(domain)) return null;
    return local + "@" + domain.toLowerCase(Locale.ROOT);
  }

  private static boolean validLocalPart(String local) {
    if (local.length() > 64) return false;
    char first = local.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '.' || local.endsWith(".")) return false;
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c == '.') {
        if (local.charAt(i - 1) == '.') return false;
      } else if (!(isAsciiAlnum(c) || ATEXT_SPECIALS.indexOf(c) >= 0 || (c > 0x7F && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean validDomain(String domain) {
    if (domain.length() > 253) return false;
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) return false;
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) return false;
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(isAsciiAlnum(c) || c == '-' || (c > 0x7F && Character.isLetterOrDigit(c)))) return false;
      }
    }
    String tld = labels[labels.length - 1];
    return tld.length() >= 2 && !tld.chars().allMatch(Character::isDigit);
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
