package io.contactsync.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatePartsTest {
  /** The definition the hand-written reader must follow. */
  private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-?(\\d{2})(?:-?(\\d{2}))?)?(?:[T ].*)?");

  private static String byRegex(String value) {
    Matcher m = DATE.matcher(value);
    if (!m.matches()) return "no date";
    return m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2);
  }

  private static String byHand(String value) {
    int month = DateParts.month(value);
    if (month == DateParts.NOT_A_DATE) return "no date";
    return month == DateParts.NO_MONTH ? value.substring(0, 4) : value.substring(0, 4) + "-" + value.substring(month, month + 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1985", "1985-04", "198504", "1985-04-12", "19850412", "1985-0412", "198504-12",
      "1985-04-12T10:00:00Z", "1985-04-12 10:00", "1985T", "1985 ", "1985-04T", "1985-04-1", "1985-04-", "1985-4",
      "19854", "1985-", "--04-12", "85-04-12", "", "١٩٨٥", "1985-04-12x", "1985-04-123", "1985--04", "1985-04-12-",
      "0000", "9999-99-99"})
  void readsWhatTheRegexReads(String value) {
    assertThat(byHand(value)).as(value).isEqualTo(byRegex(value));
  }

  @Test
  void agreesWithTheRegexOnRandomDateLikeText() {
    Random random = new Random(11);
    String alphabet = "0123456789--T x";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(14);
      for (int j = 0; j < length; j++) value.append(j < 4 && random.nextInt(4) > 0
          ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(alphabet.length())));
      assertThat(byHand(value.toString())).as(value.toString()).isEqualTo(byRegex(value.toString()));
    }
  }
}
