package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.Revealer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokenize and Hash keys derived per scope: deterministic, distinct per scope, same key ids, rotated with the master. */
class ScopedKeysTest {
  private static final PolicyDefinition TOKENIZE_AND_HASH = Fixtures.policy(Action.DROP,
      RuleDefinition.of(Action.TOKENIZE, "emails[].value"), RuleDefinition.of(Action.HASH, "organization"));
  private static final PolicyKeys KEYS = PolicyKeys.generate();
  private static final KeyScope SALES = KeyScope.namespace("compliance", "p", "sales");
  private static final KeyScope MARKETING = KeyScope.namespace("compliance", "p", "marketing");

  private static Contact out(SyncKeys keys) throws Exception {
    return PolicyCompiler.compile(TOKENIZE_AND_HASH, keys).apply(Fixtures.ada()).contact();
  }

  private static String token(SyncKeys keys) throws Exception {
    return out(keys).getEmails().get(0).getValue();
  }

  @Test
  void derivationIsDeterministicAndSurvivesSerialization() throws Exception {
    PolicyKeys reparsed = PolicyKeys.parse(KEYS.serialize());
    assertThat(reparsed.forScope(SALES).serialize()).isEqualTo(KEYS.forScope(SALES).serialize());
    SyncKeys mounted = SyncKeys.parse(KEYS.forScope(SALES).serialize());
    assertThat(token(mounted)).isEqualTo(token(KEYS.forScope(SALES)));
    assertThat(out(mounted).getOrganization()).isEqualTo(out(KEYS.forScope(SALES)).getOrganization());
  }

  @Test
  void everyScopeGetsItsOwnTokensAndHashes() throws Exception {
    List<KeyScope> scopes = List.of(KeyScope.policy(), SALES, MARKETING,
        KeyScope.namespace("compliance", "other-policy", "sales"),
        KeyScope.destination("compliance", "p", "sales", "crm", "warehouse"),
        KeyScope.destination("compliance", "p", "sales", "crm", "mailer"),
        KeyScope.destination("compliance", "p", "sales", "erp", "warehouse"));
    List<String> tokens = new java.util.ArrayList<>();
    List<String> hashes = new java.util.ArrayList<>();
    for (KeyScope scope : scopes) {
      tokens.add(token(KEYS.forScope(scope)));
      hashes.add(out(KEYS.forScope(scope)).getOrganization());
    }
    assertThat(tokens).doesNotHaveDuplicates();
    assertThat(hashes).doesNotHaveDuplicates();
  }

  @Test
  void theInfoStringIsUnambiguous() {
    assertThat(KeyScope.namespace("ab", "c", "d").info(KeyPurpose.TOKENIZE))
        .isNotEqualTo(KeyScope.namespace("a", "bc", "d").info(KeyPurpose.TOKENIZE));
    assertThat(SALES.info(KeyPurpose.TOKENIZE)).isNotEqualTo(SALES.info(KeyPurpose.HASH));
  }

  @Test
  void derivedKeysKeepTheMasterKeyIdsAndPrimary() {
    for (KeyPurpose purpose : List.of(KeyPurpose.TOKENIZE, KeyPurpose.HASH, KeyPurpose.ENCRYPT, KeyPurpose.RECORD_ID)) {
      assertThat(KEYS.forScope(SALES).describe().get(purpose)).as(purpose.cliName())
          .isEqualTo(KEYS.describe().get(purpose));
    }
  }

  @Test
  void aScopesKeysOpenOnlyItsOwnTokens() throws Exception {
    String sales = token(KEYS.forScope(SALES));
    String marketing = token(KEYS.forScope(MARKETING));
    Revealer salesKeys = new Revealer(KEYS, SALES);
    assertThat(salesKeys.reveal(sales, "emails[].value")).isEqualTo("ada@example.com");
    assertThatThrownBy(() -> salesKeys.reveal(marketing, "emails[].value")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ada");
    assertThatThrownBy(() -> new Revealer(KEYS).reveal(sales, "emails[].value")).as("the master is another scope")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotatingTheMasterRotatesEveryScopeAndOldTokensStillReveal() throws Exception {
    String before = token(KEYS.forScope(SALES));
    PolicyKeys rotated = KEYS.rotate(KeyPurpose.TOKENIZE);
    SyncKeys after = rotated.forScope(SALES);
    assertThat(after.describe().get(KeyPurpose.TOKENIZE)).isEqualTo(rotated.describe().get(KeyPurpose.TOKENIZE))
        .hasSize(2);
    assertThat(token(after)).isNotEqualTo(before);
    assertThat(new Revealer(rotated, SALES).reveal(before, "emails[].value")).isEqualTo("ada@example.com");
  }

  @Test
  void recordIdsAreTheSameInEveryScope() throws Exception {
    var policy = Fixtures.policy(Action.DROP);
    assertThat(PolicyCompiler.compile(policy, KEYS.forScope(SALES)).recordId("s", "c-1"))
        .isEqualTo(PolicyCompiler.compile(policy, KEYS.forScope(MARKETING)).recordId("s", "c-1"))
        .isEqualTo(PolicyCompiler.compile(policy, KEYS).recordId("s", "c-1"));
  }

  @Test
  void aScopesFilesHoldNoneOfTheMasterMaterial() {
    var master = KEYS.serialize();
    var scoped = KEYS.forScope(SALES).serialize();
    for (String file : List.of(KeyPurpose.TOKENIZE.fileName(), KeyPurpose.HASH.fileName())) {
      assertThat(material(scoped.get(file))).isNotEqualTo(material(master.get(file)));
    }
    assertThat(scoped).doesNotContainKey(KeyPurpose.ENCRYPT.fileName());
  }

  private static String material(String json) {
    return json.replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }
}
