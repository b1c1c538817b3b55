package io.contactsync.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueTransformsTest {
  @Test
  void base64UrlAndHexAreWhatTheJdkWrites() {
    Random random = new Random(5);
    for (int length = 0; length < 200; length++) {
      for (int round = 0; round < 20; round++) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        assertThat(ValueTransforms.prefixedBase64Url("tok_", data))
            .isEqualTo("tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(data));
        assertThat(ValueTransforms.prefixedBase64Url("", data))
            .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(data));
        assertThat(ValueTransforms.hex(data)).isEqualTo(HexFormat.of().formatHex(data));
      }
    }
  }
}
