package io.contactsync.operator.desired;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in the API's form (90s, 30m, 1h30m), as the CRD pattern admits them, read in one place. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("([0-9]{1,9}[smh])+");
  private static final Pattern PART = Pattern.compile("([0-9]{1,9})([smh])");

  private Durations() {}

  /** The duration; an IllegalArgumentException saying what is wrong for anything else (never a NumberFormatException). */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + shown(text) + "' is not a duration such as 90s, 30m or 1h30m"
          + " (at most 9 digits per part)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
    }
    return total;
  }

  /** As the API writes it: 5m, 24h, 1h30m. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    StringBuilder out = new StringBuilder();
    if (s / 3600 > 0) out.append(s / 3600).append('h');
    if (s % 3600 / 60 > 0) out.append(s % 3600 / 60).append('m');
    if (s % 60 > 0 || out.isEmpty()) out.append(s % 60).append('s');
    return out.toString();
  }

  private static String shown(String text) {
    return text == null ? "" : text.length() > 32 ? text.substring(0, 32) + "…" : text;
  }
}
