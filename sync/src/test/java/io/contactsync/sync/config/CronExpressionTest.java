package io.contactsync.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static Duration gap(String schedule) {
    return CronExpression.shortestGap(schedule).orElseThrow();
  }

  @Test
  void stepsListsAndRangesWithinAnHour() {
    Map.of("* * * * *", "PT1M", "*/2 * * * *", "PT2M", "*/5 * * * *", "PT5M", "0-4 * * * *", "PT1M",
        "10,40 * * * *", "PT30M", "*/7 * * * *", "PT4M", // 56 then 0: the hour's wrap is shorter than the step
        "5/20 * * * *", "PT20M", "0 * * * *", "PT1H", "*/1 * * * *", "PT1M")
        .forEach((schedule, expected) -> assertThat(gap(schedule)).as(schedule).isEqualTo(Duration.parse(expected)));
  }

  @Test
  void gapsAcrossTheHourAndMidnightCount() {
    assertThat(gap("0,59 * * * *")).isEqualTo(Duration.ofMinutes(1));
    assertThat(gap("59 * * * *")).isEqualTo(Duration.ofHours(1));
    assertThat(gap("0 0,23 * * *")).isEqualTo(Duration.ofHours(1));
    assertThat(gap("30 0 * * *")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("58 23 * * *")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("59 23,0 * * *")).isEqualTo(Duration.ofMinutes(60));
    // 23:59 on a Monday, 00:00 on the Tuesday
    assertThat(gap("0,59 0,23 * * mon,tue")).isEqualTo(Duration.ofMinutes(1));
    assertThat(gap("0 */2 * * *")).isEqualTo(Duration.ofHours(2));
    assertThat(gap("0 */5 * * *")).isEqualTo(Duration.ofHours(4)); // 20:00, then 00:00
  }

  @Test
  void macros() {
    assertThat(gap("@hourly")).isEqualTo(Duration.ofHours(1));
    assertThat(gap("@daily")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("@midnight")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("@weekly")).isEqualTo(Duration.ofDays(7));
    assertThat(gap("@monthly")).isEqualTo(Duration.ofDays(28)); // 1 February to 1 March
    assertThat(gap("@yearly")).isEqualTo(Duration.ofDays(365));
    assertThat(gap("@annually")).isEqualTo(Duration.ofDays(365));
  }

  /** CronJob's library (robfig/cron v3) has weekdays 0-6: the API server refuses a CronJob with 7, so validation does. */
  @Test
  void sundayIsZeroNotSeven() {
    assertThat(CronExpression.problems("0 9 * * 7")).singleElement().asString().contains("day of week", "0", "6");
    assertThat(CronExpression.problems("0 9 * * 5-7")).isNotEmpty();
    assertThat(CronExpression.problems("0 9 * * 0")).isEmpty();
  }

  @Test
  void names() {
    assertThat(gap("0 9 * * MON-FRI")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("0 9 * * sat,sun")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("0 9 * * 6,0")).isEqualTo(Duration.ofDays(1));
    assertThat(gap("0 0 1 jan,jul *")).isEqualTo(Duration.ofDays(181)); // 1 January to 1 July in a common year
  }

  @Test
  void dayOfMonthAndDayOfWeekFireOnEitherWhenBothAreRestricted() {
    // the 1st or any Monday: a Monday 31st followed by the 1st, or a Sunday 1st then the Monday
    assertThat(gap("0 0 1 * mon")).isEqualTo(Duration.ofDays(1));
    // the 15th or a Friday: at best a Friday 14th, then the 15th
    assertThat(gap("0 0 15 * fri")).isEqualTo(Duration.ofDays(1));
    // with day of week *, only the day of month decides
    assertThat(gap("0 0 1 * *")).isEqualTo(Duration.ofDays(28));
    // with day of month *, only the weekday decides
    assertThat(gap("0 0 * * mon")).isEqualTo(Duration.ofDays(7));
    assertThat(gap("0 0 ? * mon")).isEqualTo(Duration.ofDays(7));
    // a stepped * is a restriction: every other day of the month, or any Monday
    assertThat(gap("0 0 */2 * mon")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void rareDaysAreFoundOverTheWholeCalendarCycle() {
    assertThat(gap("0 0 29 2 *")).isEqualTo(Duration.ofDays(365 * 4 + 1)); // leap day to leap day
    assertThat(gap("0 0 31 * *")).isEqualTo(Duration.ofDays(31)); // 31 July to 31 August
    assertThat(gap("0 0 13 * fri")).isEqualTo(Duration.ofDays(1)); // either rule: Friday 12th, then the 13th
    assertThat(gap("0 0 13 2 *")).isEqualTo(Duration.ofDays(365));
    assertThat(CronExpression.shortestGap("0 0 30 2 *")).isEmpty();
    assertThat(CronExpression.shortestGap("0 0 31 4,6,9,11 *")).isEmpty();
  }

  @Test
  void agreesWithAMinuteByMinuteWalkOfTheCalendar() {
    // a slow, obviously right reading: every minute of a year and a bit, matched field by field
    for (String schedule : List.of("0,59 * * * *", "*/7 3-5,22 * * *", "15 10 1,15 * fri", "0 12 */10 * *", "0 8 * */5 *",
        "30 23 * * 0,6", "0 0 1-7 * mon", "45 * 31 jan-mar sun")) {
      assertThat(gap(schedule)).as(schedule).isEqualTo(walked(schedule));
    }
  }

  @Test
  void onlyValidSchedulesHaveAGap() {
    assertThatThrownBy(() -> CronExpression.shortestGap("* * * *")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5");
    assertThatThrownBy(() -> CronExpression.shortestGap("@every 1m")).isInstanceOf(IllegalArgumentException.class);
  }

  /** The shortest gap between firings, minute by minute over 2023-2028 (leap year 2024 included). */
  private static Duration walked(String schedule) {
    String[] f = schedule.split(" ");
    boolean[] minute = matching(f[0], 0, 59);
    boolean[] hour = matching(f[1], 0, 23);
    boolean[] dayOfMonth = matching(f[2], 1, 31);
    boolean[] month = matching(f[3], 1, 12);
    boolean[] weekday = matching(f[4], 0, 6);
    boolean either = !f[2].equals("*") && !f[4].equals("*");
    List<LocalDateTime> firings = new ArrayList<>();
    for (LocalDateTime t = LocalDateTime.of(2023, 1, 1, 0, 0); t.getYear() < 2029; t = t.plusMinutes(1)) {
      boolean dom = dayOfMonth[t.getDayOfMonth()];
      boolean dow = weekday[t.getDayOfWeek().getValue() % 7];
      if (minute[t.getMinute()] && hour[t.getHour()] && month[t.getMonthValue()] && (either ? dom || dow : dom && dow)) {
        firings.add(t);
      }
    }
    Duration shortest = null;
    for (int i = 1; i < firings.size(); i++) {
      Duration d = Duration.between(firings.get(i - 1), firings.get(i));
      if (shortest == null || d.compareTo(shortest) < 0) shortest = d;
    }
    return Optional.ofNullable(shortest).orElseThrow();
  }

  private static boolean[] matching(String field, int min, int max) {
    boolean[] out = new boolean[max + 1];
    for (int v = min; v <= max; v++) out[v] = matches(field, v, min, max);
    return out;
  }

  private static boolean matches(String field, int value, int min, int max) {
    for (String part : field.split(",")) {
      String[] rangeStep = part.split("/");
      int step = rangeStep.length == 2 ? Integer.parseInt(rangeStep[1]) : 1;
      String range = rangeStep[0];
      int low;
      int high;
      if (range.equals("*")) {
        low = min;
        high = max;
      } else {
        String[] lh = range.split("-");
        low = number(lh[0]);
        high = lh.length == 2 ? number(lh[1]) : rangeStep.length == 2 ? max : low;
      }
      if (value >= low && value <= high && (value - low) % step == 0) return true;
    }
    return false;
  }

  private static int number(String s) {
    List<String> names = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    List<String> months = List.of("", "jan", "feb", "mar");
    if (names.contains(s)) return names.indexOf(s);
    if (months.contains(s)) return months.indexOf(s);
    return Integer.parseInt(s);
  }
}
