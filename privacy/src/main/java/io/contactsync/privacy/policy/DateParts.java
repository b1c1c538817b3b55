package io.contactsync.privacy.policy;

/**
 * Reads the year and month of a date written yyyy, yyyy-mm, yyyy-mm-dd or their basic forms (yyyymm, yyyymmdd),
 * optionally followed by a time after T or a space. By hand rather than by regex: it runs on every birthday and
 * anniversary, and must accept exactly what {@code (\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ].*)?} accepts
 * (DatePartsTest compares the two).
 */
final class DateParts {
  static final int NOT_A_DATE = -1;
  static final int NO_MONTH = -2;

  private DateParts() {}

  /** Where the month's two digits start, {@link #NO_MONTH} for a year alone, {@link #NOT_A_DATE} for anything else. */
  static int month(String value) {
    int n = value.length();
    if (!digits(value, 0, 4)) return NOT_A_DATE;
    int month = n > 4 && value.charAt(4) == '-' ? 5 : 4;
    if (digits(value, month, month + 2)) {
      int afterMonth = month + 2;
      int day = afterMonth < n && value.charAt(afterMonth) == '-' ? afterMonth + 1 : afterMonth;
      if (digits(value, day, day + 2) && timeOrEnd(value, day + 2)) return month;
      if (timeOrEnd(value, afterMonth)) return month;
    }
    return timeOrEnd(value, 4) ? NO_MONTH : NOT_A_DATE;
  }

  private static boolean digits(String value, int from, int to) {
    if (to > value.length()) return false;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static boolean timeOrEnd(String value, int at) {
    return at == value.length() || value.charAt(at) == 'T' || value.charAt(at) == ' ';
  }
}
