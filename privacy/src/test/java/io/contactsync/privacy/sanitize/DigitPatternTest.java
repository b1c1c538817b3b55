package io.contactsync.privacy.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DigitPattern matches exactly what java.util.regex matches, on every pattern of libphonenumber's metadata. */
class DigitPatternTest {
  private static Set<String> metadataPatterns() {
    var source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    Set<String> patterns = new LinkedHashSet<>();
    for (String region : PhoneNumberUtil.getInstance().getSupportedRegions()) {
      PhoneMetadata m = source.getMetadataForRegion(region);
      if (!m.getLeadingDigits().isEmpty()) patterns.add(m.getLeadingDigits());
      for (PhoneNumberDesc d : List.of(m.getGeneralDesc(), m.getFixedLine(), m.getMobile(), m.getTollFree(),
          m.getPremiumRate(), m.getSharedCost(), m.getPersonalNumber(), m.getVoip(), m.getPager(), m.getUan(),
          m.getVoicemail())) {
        if (!d.getNationalNumberPattern().isEmpty()) patterns.add(d.getNationalNumberPattern());
      }
    }
    return patterns;
  }

  private static List<String> inputs(SplittableRandom random) {
    List<String> inputs = new ArrayList<>(List.of("", "0", "1", "00", "12345678901234567"));
    for (int i = 0; i < 300; i++) {
      StringBuilder digits = new StringBuilder();
      int length = 1 + random.nextInt(17);
      for (int j = 0; j < length; j++) digits.append((char) ('0' + random.nextInt(10)));
      inputs.add(digits.toString());
    }
    return inputs;
  }

  @Test
  void everyMetadataPatternMatchesAsJavaRegexDoes() {
    SplittableRandom random = new SplittableRandom(42);
    int compiled = 0;
    Set<String> patterns = metadataPatterns();
    for (String regex : patterns) {
      DigitPattern fast = DigitPattern.compile(regex);
      if (fast == null) continue;
      compiled++;
      Pattern slow = Pattern.compile(regex);
      List<String> inputs = inputs(random);
      // strings the pattern accepts, found by extending accepted prefixes digit by digit
      inputs.addAll(accepted(slow, random));
      for (String input : inputs) {
        assertThat(fast.matches(input)).as("%s matches %s", regex, input).isEqualTo(slow.matcher(input).matches());
        assertThat(fast.matchesPrefix(input)).as("%s lookingAt %s", regex, input).isEqualTo(slow.matcher(input).lookingAt());
      }
    }
    assertThat(compiled).as("patterns DigitPattern reads, of %d", patterns.size()).isEqualTo(patterns.size());
  }

  /** Random walks that stay inside the pattern's language (each step keeps a prefix the regex can complete). */
  private static List<String> accepted(Pattern pattern, SplittableRandom random) {
    List<String> found = new ArrayList<>();
    for (int walk = 0; walk < 20; walk++) {
      StringBuilder s = new StringBuilder();
      for (int step = 0; step < 17; step++) {
        List<Character> viable = new ArrayList<>();
        for (char d = '0'; d <= '9'; d++) {
          var m = pattern.matcher(s.toString() + d);
          if (m.matches() || m.hitEnd()) viable.add(d);
        }
        if (viable.isEmpty()) break;
        s.append(viable.get(random.nextInt(viable.size())));
        if (pattern.matcher(s).matches()) found.add(s.toString());
      }
    }
    return found;
  }

  @Test
  void syntaxOutsideTheSubsetIsRefused() {
    for (String regex : List.of("[^1]\\d", "\\w+", "1(?=2)", "\\d{2}?", "\\d++", "(a|1)", "1{2", "[a-z]")) {
      assertThat(DigitPattern.compile(regex)).as(regex).isNull();
    }
  }

  @Test
  void theSubsetItReads() {
    DigitPattern p = DigitPattern.compile("(?:2[0-3]|[4-9]\\d)\\d{2,3}(?:1|22)?");
    assertThat(p.matches("2012")).isTrue();
    assertThat(p.matches("20123")).isTrue();
    assertThat(p.matches("201231")).isTrue();
    assertThat(p.matches("2012322")).isTrue();
    assertThat(p.matches("24123")).isFalse();
    assertThat(p.matchesPrefix("9999999")).isTrue();
    assertThat(p.matchesPrefix("19")).isFalse();
  }
}
