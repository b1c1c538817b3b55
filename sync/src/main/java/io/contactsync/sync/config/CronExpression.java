package io.contactsync.sync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a five-field cron schedule the way CronJob reads it, beyond what the CRD's pattern can say. */
public final class CronExpression {
  private static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final String[] FIELD_NAMES = {"minute", "hour", "day of month", "month", "day of week"};
  private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private CronExpression() {}

  /** Every problem of the schedule; empty when it is valid. */
  public static List<String> problems(String schedule) {
    List<String> problems = new ArrayList<>();
    if (schedule == null || schedule.isBlank()) return List.of("schedule is empty");
    String s = schedule.strip();
    if (s.startsWith("@")) {
      if (!MACROS.contains(s)) problems.add("schedule '" + s + "' is not a known macro (" + String.join(", ", MACROS) + ")");
      return problems;
    }
    String[] fields = s.split("\\s+");
    if (fields.length != 5) {
      return List.of("schedule '" + s + "' has " + fields.length + " fields; cron needs 5 (minute hour day month weekday)");
    }
    for (int i = 0; i < 5; i++) {
      for (String part : fields[i].split(",", -1)) {
        if (!validPart(part, i)) {
          problems.add("schedule field " + (i + 1) + " (" + FIELD_NAMES[i] + ") '" + fields[i] + "' is not valid: use *, "
              + RANGES[i][0] + "-" + RANGES[i][1] + ", lists (1,15), ranges (1-5) or steps (*/10)");
          break;
        }
      }
    }
    return problems;
  }

  private static boolean validPart(String part, int field) {
    String range = part;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      Integer step = number(part.substring(slash + 1), -1);
      if (step == null || step < 1) return false;
    }
    if (range.equals("*") || (field == 2 || field == 4) && range.equals("?")) return true;
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) return false;
    Integer low = number(bounds[0], field);
    Integer high = bounds.length == 2 ? number(bounds[1], field) : low;
    if (low == null || high == null || low > high) return false;
    return low >= RANGES[field][0] && high <= RANGES[field][1];
  }

  private static Integer number(String s, int field) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (field == 3 && MONTHS.contains(lower)) return MONTHS.indexOf(lower) + 1;
    if (field == 4 && DAYS.contains(lower)) return DAYS.indexOf(lower);
    if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) return null;
    return Integer.parseInt(s);
  }
}
