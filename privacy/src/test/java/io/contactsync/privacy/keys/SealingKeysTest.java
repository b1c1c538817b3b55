package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealingKeysTest {
  static final byte[] SECRET = "s3cr3t-canary".getBytes(StandardCharsets.UTF_8);
  static final SealBinding CRM = new SealBinding("sales", "crm", "source", "password", "dav.good.test:8443");

  @Test
  void aValueSealedWithThePublicKeysetOpensOnlyForItsBinding() throws Exception {
    SealingKeys keys = SealingKeys.generate();
    String sealed = SealingKeys.seal(keys.publicKeyset(), CRM, SECRET);
    assertThat(sealed).startsWith("sealed.v2.").doesNotContain("s3cr3t");
    assertThat(keys.unseal(CRM, sealed)).isEqualTo(SECRET);
    List<SealBinding> others = List.of(
        new SealBinding("support", "crm", "source", "password", "dav.good.test:8443"),
        new SealBinding("sales", "other", "source", "password", "dav.good.test:8443"),
        new SealBinding("sales", "crm", "db", "password", "dav.good.test:8443"),
        new SealBinding("sales", "crm", "source", "username", "dav.good.test:8443"),
        new SealBinding("sales", "crm", "source", "password", "127.0.0.1:8443"),
        new SealBinding("sales", "crm", "source", "password", "dav.good.test:443"));
    for (SealBinding other : others) {
      assertThatThrownBy(() -> keys.unseal(other, sealed)).as(other.toString()).isInstanceOf(GeneralSecurityException.class);
    }
    assertThatThrownBy(() -> SealingKeys.generate().unseal(CRM, sealed)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> keys.unseal(CRM, "plain-text")).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aV1ValueIsRecognizedAndNeverOpened() throws Exception {
    SealingKeys keys = SealingKeys.generate();
    byte[] ciphertext = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(keys.publicKeyset(), HybridConfig2026.get())
        .getPrimitive(HybridConfig2026.get(), HybridEncrypt.class)
        .encrypt(SECRET, "contactsync.io/sealed/v1:sales/crm".getBytes(StandardCharsets.UTF_8));
    String v1 = "sealed.v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
    assertThat(SealingKeys.isV1(v1)).isTrue();
    assertThat(SealingKeys.isV1(SealingKeys.seal(keys.publicKeyset(), CRM, SECRET))).isFalse();
    assertThatThrownBy(() -> keys.unseal(CRM, v1)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> keys.unseal(CRM, "sealed.v2." + v1.substring("sealed.v1.".length())))
        .as("relabelled as v2, it still does not open").isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void sealingIsRandomizedAndThePublicKeysetHoldsNoSecret() throws Exception {
    SealingKeys keys = SealingKeys.generate();
    assertThat(SealingKeys.seal(keys.publicKeyset(), CRM, SECRET)).isNotEqualTo(SealingKeys.seal(keys.publicKeyset(), CRM, SECRET));
    assertThat(keys.publicKeyset()).contains("ASYMMETRIC_PUBLIC").doesNotContain("ASYMMETRIC_PRIVATE");
    assertThat(keys.serialize()).contains("ASYMMETRIC_PRIVATE");
    assertThat(keys.toString()).doesNotContain("value");
  }

  @Test
  void aRotatedKeysetOpensValuesSealedBeforeAndSealsWithTheNewKey() throws Exception {
    SealingKeys before = SealingKeys.generate();
    String old = SealingKeys.seal(before.publicKeyset(), CRM, SECRET);
    SealingKeys after = SealingKeys.parse(before.rotate().serialize());
    assertThat(after.size()).isEqualTo(2);
    assertThat(after.unseal(CRM, old)).isEqualTo(SECRET);
    String fresh = SealingKeys.seal(after.publicKeyset(), CRM, SECRET);
    assertThat(after.unseal(CRM, fresh)).isEqualTo(SECRET);
    assertThatThrownBy(() -> before.unseal(CRM, fresh)).isInstanceOf(GeneralSecurityException.class);
  }
}
