package io.contactsync.privacy.sanitize;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Cleans free text: Unicode NFC, no control or bidirectional-override characters, optionally no markup, and
 * optionally safe to open in a spreadsheet. Each step costs nothing when there is nothing to do.
 */
public final class TextCleaner {
  private static final Pattern SCRIPT_OR_STYLE =
      Pattern.compile("<(script|style)\\b[^>]*>.*?(</\\1\\s*>|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TAG_OR_COMMENT = Pattern.compile("<!--.*?(-->|$)|<[A-Za-z/!?][^>]*(>|$)", Pattern.DOTALL);

  private TextCleaner() {}

  /**
   * NFC-normalizes and removes control, bidi-override and unpaired surrogate characters; keeps line breaks (as \n)
   * and tabs only when {@code multiline}. Returns null for a value that is empty after trimming.
   */
  public static String clean(String value, boolean multiline) {
    if (value == null) return null;
    if (isPrintableAscii(value)) { // most values: NFC already, nothing unsafe, one pass instead of two
      String s = value.strip();
      return s.isEmpty() ? null : s;
    }
    String s = isNfc(value) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
    s = removeUnsafeCharacters(s, multiline);
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7F) return false;
    }
    return true;
  }

  /**
   * Whether the value is in NFC. Below U+0300 every character is NFC on its own and combines with nothing before
   * it (Unicode's NFC quick check starts there), so the common Latin text needs no normalizer.
   */
  static boolean isNfc(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= '\u0300') return Normalizer.isNormalized(value, Normalizer.Form.NFC);
    }
    return true;
  }

  /** Removes markup: script and style elements with their content, then every tag and comment. */
  public static String stripMarkup(String value) {
    if (value == null || value.indexOf('<') < 0) return value;
    String s = SCRIPT_OR_STYLE.matcher(value).replaceAll("");
    s = TAG_OR_COMMENT.matcher(s).replaceAll("").strip();
    return s.isEmpty() ? null : s;
  }

  /**
   * Prefixes a value that a spreadsheet would run as a formula (first character = + - @, tab or carriage return)
   * with an apostrophe. An E.164 number (+ and digits only) is safe and left alone.
   */
  public static String neutralizeFormula(String value) {
    if (value == null || value.isEmpty()) return value;
    char first = value.charAt(0);
    if (first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' && first != '\r') return value;
    if (first == '+' && isE164(value)) return value;
    return "'" + value;
  }

  static boolean isE164(String value) {
    int n = value.length();
    if (n < 3 || n > 16 || value.charAt(0) != '+') return false;
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static String removeUnsafeCharacters(String s, boolean multiline) {
    int n = s.length();
    int i = 0;
    while (i < n && isSafe(s, i, multiline)) i++;
    if (i == n) return s;
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (multiline && c == '\r') {
        if (i + 1 < n && s.charAt(i + 1) == '\n') continue;
        out.append('\n');
      } else if (isSafe(s, i, multiline)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c) || Character.isLowSurrogate(c)) {
        out.append('\uFFFD');
      } else if (Character.isISOControl(c) && !multiline) {
        out.append(' ');
      }
    }
    return out.toString();
  }

  private static boolean isSafe(String s, int i, boolean multiline) {
    char c = s.charAt(i);
    if (c >= 0x20 && c < 0x7F) return true;
    if (c == '\n' || c == '\t') return multiline;
    if (Character.isISOControl(c)) return false;
    if (isBidiControl(c)) return false;
    if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    if (Character.isLowSurrogate(c)) return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    return c != '\uFEFF';
  }

  /** Embedding, override and isolate controls can make text display differently from what it is. */
  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
        || c == '\u061C';
  }
}
