package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

class SealingKeysTest {
  static final byte[] SECRET = "s3cr3t-canary".getBytes(StandardCharsets.UTF_8);

  @Test
  void aValueSealedWithThePublicKeysetOpensOnlyForItsObject() throws Exception {
    SealingKeys keys = SealingKeys.generate();
    String sealed = SealingKeys.seal(keys.publicKeyset(), "sales", "crm", SECRET);
    assertThat(sealed).startsWith("sealed.v1.").doesNotContain("s3cr3t");
    assertThat(keys.unseal("sales", "crm", sealed)).isEqualTo(SECRET);
    assertThatThrownBy(() -> keys.unseal("sales", "other", sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> keys.unseal("support", "crm", sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> SealingKeys.generate().unseal("sales", "crm", sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> keys.unseal("sales", "crm", "plain-text")).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void sealingIsRandomizedAndThePublicKeysetHoldsNoSecret() throws Exception {
    SealingKeys keys = SealingKeys.generate();
    assertThat(SealingKeys.seal(keys.publicKeyset(), "a", "b", SECRET)).isNotEqualTo(SealingKeys.seal(keys.publicKeyset(), "a", "b", SECRET));
    assertThat(keys.publicKeyset()).contains("ASYMMETRIC_PUBLIC").doesNotContain("ASYMMETRIC_PRIVATE");
    assertThat(keys.serialize()).contains("ASYMMETRIC_PRIVATE");
    assertThat(keys.toString()).doesNotContain("value");
  }

  @Test
  void aRotatedKeysetOpensValuesSealedBeforeAndSealsWithTheNewKey() throws Exception {
    SealingKeys before = SealingKeys.generate();
    String old = SealingKeys.seal(before.publicKeyset(), "ns", "s", SECRET);
    SealingKeys after = SealingKeys.parse(before.rotate().serialize());
    assertThat(after.size()).isEqualTo(2);
    assertThat(after.unseal("ns", "s", old)).isEqualTo(SECRET);
    String fresh = SealingKeys.seal(after.publicKeyset(), "ns", "s", SECRET);
    assertThat(after.unseal("ns", "s", fresh)).isEqualTo(SECRET);
    assertThatThrownBy(() -> before.unseal("ns", "s", fresh)).isInstanceOf(GeneralSecurityException.class);
  }
}
