package io.contactsync.privacy.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The phone fast path gives libphonenumber's answer for every input: example numbers of every region in several
 * formats and with one digit changed, random numbers, hand-picked edge cases, and the shapes of the bundled samples,
 * with a dozen default regions. It must also decide most plain inputs itself, or it would be no faster.
 */
class PhoneFastPathTest {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final List<String> HAND_PICKED = List.of("", " ", "+", "+0", "0", "12", "1-2", "+1", "+12",
      "+1 202 555 0101", "202-555-0101", "(202) 555-0101", "202.555.0101", "1-202-555-0101", "1 (202) 555-0101",
      "011 44 20 7946 0958", "0044 20 7946 0958", "+44 (0) 20 7946 0958", "020 7946 0958", "+44 20 7946 0958",
      "+44 7700 900123", "07700 900123", "+39 06 1234 5678", "06 1234 5678", "+7 701 123 4567", "+7 495 123 45 67",
      "+1 876 555 0123", "+1 (684) 622-1234", "+1 268 464 1234", "555-01", "555-0101", "+800 1234 5678",
      "+808 1234 5678", "(202) 555-0101 ext. 3", "202-555-0101#2", "+49 30 123456", "+49 (0)30 1234567", "030 1234567",
      "+33 1 23 45 67 89", "01 23 45 67 89", "+91 98765 43210", "098765 43210", "+61 2 1234 5678", "+81 3-1234-5678",
      "+55 11 91234-5678", "+86 10 1234 5678", "1234567890123456789", "+1234567890123456789", "+999 123 456",
      "+1 800 555 0199", "+1 900 555 0199", "+44 800 123 4567", "tel:+1-202-555-0101", "+1 202 555 0101 x12",
      "+ 44 20 7946 0958", "++44 20 7946 0958", "+44+20 7946 0958", "(+44) 20 7946 0958", "202 555 0101.",
      "((202)) 555--0101", "+262 262 12 34 56", "+590 590 27 12 34", "+47 22 12 34 56", "+358 9 1234567");

  private static List<String> exampleInputs(String defaultRegion) {
    List<String> inputs = new ArrayList<>(HAND_PICKED);
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE)) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        if (example == null) continue;
        String international = UTIL.format(example, PhoneNumberFormat.INTERNATIONAL);
        inputs.add(international);
        inputs.add(UTIL.format(example, PhoneNumberFormat.E164));
        inputs.add(changeLastDigit(international));
        inputs.add(international.substring(0, international.length() - 1));
        inputs.add(international + "5");
        if (region.equals(defaultRegion)) {
          String national = UTIL.format(example, PhoneNumberFormat.NATIONAL);
          inputs.add(national);
          inputs.add(changeLastDigit(national));
          inputs.add(national.replaceAll("[^0-9]", ""));
        }
      }
    }
    return inputs;
  }

  private static String changeLastDigit(String number) {
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') return number.substring(0, i) + (char) ('0' + (c - '0' + 3) % 10) + number.substring(i + 1);
    }
    return number;
  }

  private static List<String> randomInputs(SplittableRandom random, int count) {
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder digits = new StringBuilder();
      int length = 4 + random.nextInt(12);
      for (int j = 0; j < length; j++) digits.append((char) ('0' + random.nextInt(10)));
      switch (random.nextInt(4)) {
        case 0 -> inputs.add("+" + digits);
        case 1 -> inputs.add(digits.toString());
        case 2 -> inputs.add("(" + digits.substring(0, 3) + ") " + digits.substring(3));
        default -> inputs.add(String.format(Locale.ROOT, "+%d %s", 1 + random.nextInt(999), digits));
      }
    }
    return inputs;
  }

  private static int assertSameAsLibphonenumber(String defaultRegion, List<String> inputs) {
    PhoneNormalizer normalizer = new PhoneNormalizer(defaultRegion);
    PhoneFastPath fast = new PhoneFastPath(defaultRegion);
    int decided = 0;
    for (String input : inputs) {
      String expected = normalizer.libphonenumberE164(input);
      assertThat(normalizer.toE164(input)).as("%s in region %s", input, defaultRegion).isEqualTo(expected);
      if (fast.toE164(input) != PhoneFastPath.UNDECIDED) decided++;
    }
    return decided;
  }

  @ParameterizedTest
  @ValueSource(strings = {"US", "GB", "DE", "FR", "IT", "IN", "BR", "JP", "AU", "CA", "RU", "KZ", "NL", "CH", "MX", "ZA", "CN"})
  void givesLibphonenumbersAnswerForExamplesAndEdgeCases(String defaultRegion) {
    List<String> inputs = exampleInputs(defaultRegion);
    inputs.addAll(randomInputs(new SplittableRandom(defaultRegion.hashCode()), 3000));
    int decided = assertSameAsLibphonenumber(defaultRegion, inputs);
    assertThat(decided).as("inputs the fast path decided itself, of %d", inputs.size()).isGreaterThan(inputs.size() / 3);
  }

  @Test
  void decidesTheShapesOfTheBundledSamplesItselfAndAlike() {
    SplittableRandom random = new SplittableRandom(7);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      inputs.add(random.nextInt(10) < 3 ? String.format(Locale.ROOT, "+44 20 7946 0%03d", random.nextInt(1000))
          : String.format(Locale.ROOT, "(%d) 555-01%02d", 201 + random.nextInt(8) * 100 + random.nextInt(10), random.nextInt(100)));
    }
    int decided = assertSameAsLibphonenumber("US", inputs);
    assertThat(decided).isEqualTo(inputs.size());
  }
}
