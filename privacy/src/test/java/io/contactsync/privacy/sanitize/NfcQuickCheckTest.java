package io.contactsync.privacy.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NFC shortcut answers as java.text.Normalizer does, around the U+0300 boundary where it stops. */
class NfcQuickCheckTest {
  @Test
  void agreesWithTheNormalizerOnTextAroundCombiningMarks() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int j = 0; j < length; j++) s.append((char) random.nextInt(0x20, 0x380));
      String value = s.toString();
      assertThat(TextCleaner.isNfc(value)).as(value).isEqualTo(Normalizer.isNormalized(value, Normalizer.Form.NFC));
    }
    assertThat(TextCleaner.isNfc("Ame\u0301lie")).isFalse();
    assertThat(TextCleaner.isNfc("Amélie Ørsted Łukasz")).isTrue();
  }
}
