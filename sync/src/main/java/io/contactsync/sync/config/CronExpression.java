package io.contactsync.sync.config;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads a five-field cron schedule the way CronJob reads it, beyond what the CRD's pattern can say. */
public final class CronExpression {
  /** What each macro stands for, as CronJob's cron library expands it. */
  private static final Map<String, String> MACRO_FIELDS = new TreeMap<>(Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *"));
  private static final Set<String> MACROS = MACRO_FIELDS.keySet();
  private static final int MINUTES_PER_DAY = 24 * 60;
  /** The Gregorian calendar repeats, weekdays included, every 400 years. */
  private static final int CYCLE_YEARS = 400;
  private static final int CYCLE_DAYS = 146_097;
  private static final String[] FIELD_NAMES = {"minute", "hour", "day of month", "month", "day of week"};
  private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
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
              + RANGES[i][0] + "-" + RANGES[i][1] + (i == 4 ? " (Sunday is 0, as CronJob reads it)" : "")
              + ", lists (1,15), ranges (1-5) or steps (*/10)");
          break;
        }
      }
    }
    return problems;
  }

  /**
   * The shortest time between two consecutive firings of a valid schedule, in wall-clock time; empty when it never
   * fires (such as on 30 February). Read as CronJob's cron library reads it: "N/step" runs from N to the field's end;
   * when both day of month and day of week are restricted a day matching either fires, and when either
   * is * (or ?, not stepped) a day must match both. Gaps across the end of an hour, a day and a month count, and the
   * calendar is scanned over its whole 400-year cycle, so even a schedule of leap days gets its real shortest gap.
   *
   * @throws IllegalArgumentException when {@link #problems} finds anything
   */
  public static Optional<Duration> shortestGap(String schedule) {
    List<String> problems = problems(schedule);
    if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0));
    String s = schedule.strip();
    String[] fields = MACRO_FIELDS.getOrDefault(s, s).split("\\s+");
    Field[] parsed = new Field[5];
    for (int i = 0; i < 5; i++) parsed[i] = field(fields[i], i);
    List<Integer> times = new ArrayList<>();
    parsed[1].values.stream().forEach(h -> parsed[0].values.stream().forEach(m -> times.add(h * 60 + m)));
    long dayGap = shortestDayGap(parsed[2], parsed[3], parsed[4]);
    if (dayGap == 0) return Optional.empty();
    long shortest = dayGap * MINUTES_PER_DAY + times.get(0) - times.get(times.size() - 1);
    for (int i = 1; i < times.size(); i++) shortest = Math.min(shortest, times.get(i) - times.get(i - 1));
    return Optional.of(Duration.ofMinutes(shortest));
  }

  /** The values a field selects, and whether it counts as * for the day-of-month/day-of-week rule. */
  private record Field(BitSet values, boolean star) {}

  private static Field field(String text, int field) {
    BitSet values = new BitSet();
    boolean star = false;
    int end = RANGES[field][1];
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), -1);
      }
      int low;
      int high;
      if (range.equals("*") || range.equals("?")) {
        low = RANGES[field][0];
        high = end;
        star |= step == 1;
      } else {
        String[] bounds = range.split("-");
        low = number(bounds[0], field);
        high = bounds.length == 2 ? number(bounds[1], field) : slash >= 0 ? end : low;
      }
      for (int v = low; v <= high; v += step) values.set(v);
    }
    return new Field(values, star);
  }

  /**
   * The fewest days between two consecutive firing days over the calendar's cycle (wrapping around its end), or 0
   * when no day fires.
   */
  private static long shortestDayGap(Field dayOfMonth, Field month, Field dayOfWeek) {
    boolean both = dayOfMonth.star || dayOfWeek.star;
    int weekday = 6; // 1 January 2000 was a Saturday
    long day = 0;
    long first = -1;
    long previous = -1;
    long shortest = Long.MAX_VALUE;
    for (int year = 2000; year < 2000 + CYCLE_YEARS; year++) {
      for (int m = 1; m <= 12; m++) {
        int length = YearMonth.of(year, m).lengthOfMonth();
        for (int d = 1; d <= length; d++, day++, weekday = (weekday + 1) % 7) {
          if (!month.values.get(m)) continue;
          boolean byMonthDay = dayOfMonth.values.get(d);
          boolean byWeekday = dayOfWeek.values.get(weekday);
          if (!(both ? byMonthDay && byWeekday : byMonthDay || byWeekday)) continue;
          if (previous >= 0) shortest = Math.min(shortest, day - previous);
          if (shortest == 1) return 1;
          if (first < 0) first = day;
          previous = day;
        }
      }
    }
    if (first < 0) return 0;
    return Math.min(shortest, first + CYCLE_DAYS - previous);
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
