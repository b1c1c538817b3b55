package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.Revealer;
import java.security.GeneralSecurityException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PolicyKeysTest {
  private static final io.contactsync.privacy.policy.PolicyDefinition TOKENIZE_AND_ENCRYPT = Fixtures.policy(Action.DROP,
      RuleDefinition.of(Action.TOKENIZE, "emails[].value"), RuleDefinition.of(Action.ENCRYPT, "notes"),
      RuleDefinition.of(Action.HASH, "organization"));

  @Test
  void serializedKeysParseToTheSameKeys() throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    PolicyKeys parsed = PolicyKeys.parse(keys.serialize());
    Contact out = PolicyCompiler.compile(TOKENIZE_AND_ENCRYPT, keys).apply(Fixtures.ada()).contact();
    Contact again = PolicyCompiler.compile(TOKENIZE_AND_ENCRYPT, parsed).apply(Fixtures.ada()).contact();
    assertThat(again.getEmails().get(0).getValue()).isEqualTo(out.getEmails().get(0).getValue());
    assertThat(again.getOrganization()).isEqualTo(out.getOrganization());
    assertThat(new Revealer(parsed).reveal(out.getNotes(), "notes")).isEqualTo("free text");
  }

  @Test
  void rotationAddsAPrimaryAndOldValuesStillOpen() throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    Contact before = PolicyCompiler.compile(TOKENIZE_AND_ENCRYPT, keys).apply(Fixtures.ada()).contact();
    PolicyKeys rotated = keys.rotate(KeyPurpose.TOKENIZE).rotate(KeyPurpose.ENCRYPT).rotate(KeyPurpose.HASH);
    Contact after = PolicyCompiler.compile(TOKENIZE_AND_ENCRYPT, rotated).apply(Fixtures.ada()).contact();

    assertThat(rotated.describe().get(KeyPurpose.TOKENIZE)).hasSize(2).filteredOn(PolicyKeys.KeyInfo::primary).hasSize(1);
    assertThat(after.getEmails().get(0).getValue()).as("tokens change at rotation")
        .isNotEqualTo(before.getEmails().get(0).getValue());
    assertThat(after.getOrganization().substring(0, 10)).as("a hash names the key that made it")
        .isNotEqualTo(before.getOrganization().substring(0, 10));
    Revealer revealer = new Revealer(rotated);
    assertThat(revealer.reveal(before.getEmails().get(0).getValue(), "emails[].value")).isEqualTo("ada@example.com");
    assertThat(revealer.reveal(before.getNotes(), "notes")).isEqualTo("free text");
    assertThat(revealer.reveal(after.getNotes(), "notes")).isEqualTo("free text");
  }

  @Test
  void recordIdKeysAreNeverRotatedSoRecordIdsStayStable() throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    assertThatThrownBy(() -> keys.rotate(KeyPurpose.RECORD_ID)).hasMessageContaining("never rotated");
    PolicyKeys rotated = keys.rotate(KeyPurpose.HASH);
    var policy = Fixtures.policy(Action.DROP);
    assertThat(PolicyCompiler.compile(policy, rotated).recordId("s", "c-1"))
        .isEqualTo(PolicyCompiler.compile(policy, keys).recordId("s", "c-1"));
  }

  @Test
  void aMissingKeysetIsACleanError() {
    var partial = new TreeMap<>(PolicyKeys.generate().serialize());
    partial.remove(KeyPurpose.ENCRYPT.fileName());
    assertThatThrownBy(() -> PolicyKeys.parse(partial)).isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("encrypt-private.json");
  }

  @Test
  void describingKeysShowsNoMaterial() {
    PolicyKeys keys = PolicyKeys.generate();
    String described = keys.describe().toString() + keys;
    keys.serialize().values().forEach(json -> {
      String material = json.replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      assertThat(described).doesNotContain(material);
    });
  }
}
