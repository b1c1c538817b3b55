package io.contactsync.sync.format;

/**
 * Folds vCard content lines at 75 octets (RFC 6350 section 3.2), the leading space of a continuation included, and
 * only between code points, so no UTF-8 sequence or surrogate pair is split.
 */
final class VcardLines {
  static final int MAX_OCTETS = 75;

  private VcardLines() {}

  /** Folds every line of an unfolded vCard text with CRLF line ends. */
  static String fold(String unfolded) {
    StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 64 * 3);
    int lineStart = 0;
    while (lineStart < unfolded.length()) {
      int end = unfolded.indexOf("\r\n", lineStart);
      int lineEnd = end < 0 ? unfolded.length() : end;
      foldLine(unfolded, lineStart, lineEnd, out);
      if (end < 0) break;
      out.append("\r\n");
      lineStart = end + 2;
    }
    return out.toString();
  }

  private static void foldLine(String s, int start, int end, StringBuilder out) {
    int octets = 0;
    for (int i = start; i < end; ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      int width = utf8Length(cp);
      if (octets + width > MAX_OCTETS) {
        out.append("\r\n ");
        octets = 1;
      }
      out.append(s, i, i + n);
      octets += width;
      i += n;
    }
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x800) return 2;
    if (cp < 0x10000) return 3; // an unpaired surrogate (cleaning removes them) would be 1: 3 stays within bounds
    return 4;
  }
}
