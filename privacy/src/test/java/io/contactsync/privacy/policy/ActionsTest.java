package io.contactsync.privacy.policy;

import static io.contactsync.privacy.Fixtures.ada;
import static io.contactsync.privacy.Fixtures.applied;
import static io.contactsync.privacy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.PolicyDefinition.DatePrecision;
import io.contactsync.privacy.policy.PolicyDefinition.GeneralizeSettings;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import io.contactsync.privacy.policy.PolicyDefinition.MaskSettings;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionsTest {
  private static RuleDefinition mask(int first, int last, String c, String... fields) {
    return new RuleDefinition(List.of(fields), Action.MASK, new MaskSettings(first, last, c), null, null);
  }

  private static RuleDefinition generalize(DatePrecision date, Integer prefix, String... fields) {
    return new RuleDefinition(List.of(fields), Action.GENERALIZE, null, null, new GeneralizeSettings(date, prefix));
  }

  @Test
  void keepPassesValuesAndTheDefaultDropsEverythingElse() {
    Contact out = applied(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "name.given", "formattedName")), ada());
    assertThat(out.getName().getGiven()).isEqualTo("Ada");
    assertThat(out.getName().getFamily()).isNull();
    assertThat(out.getFormattedName()).isEqualTo("Ada Lovelace");
    assertThat(out.getEmails()).isEmpty();
    assertThat(out.getPhones()).isEmpty();
    assertThat(out.getAddresses()).isEmpty();
    assertThat(out.getOrganization()).isNull();
    assertThat(out.getBirthday()).isNull();
    assertThat(out.getNotes()).isNull();
    assertThat(out.getCategories()).isEmpty();
    assertThat(out.getCustom()).isEmpty();
    assertThat(out.getUpdatedAt()).isNull();
    assertThat(out.getId()).as("the source id never leaves as is").isNull();
  }

  @Test
  void aKeepDefaultPassesEverythingNotNamed() {
    Contact out = applied(policy(Action.KEEP, RuleDefinition.of(Action.DROP, "notes", "custom.crmId")), ada());
    assertThat(out.getNotes()).isNull();
    assertThat(out.getCustom()).isEmpty();
    assertThat(out.getTitle()).isEqualTo("Countess");
    assertThat(out.getEmails()).containsExactly(new TypedValue("work", "ada@example.com"));
  }

  @Test
  void redactReplacesWithAFixedMarker() {
    Contact out = applied(policy(Action.DROP, RuleDefinition.of(Action.REDACT, "title")), ada());
    assertThat(out.getTitle()).isEqualTo("[REDACTED]");
  }

  @Test
  void maskKeepsTheLastDigitsOfTheNormalizedNumber() {
    Contact out = applied(policy(Action.DROP, mask(0, 4, "*", "phones[].value")), ada());
    assertThat(out.getPhones()).extracting(TypedValue::getValue).containsExactly("*********0958");
  }

  @Test
  void maskCountsCharactersNotUtf16UnitsAndHidesShortValuesWhole() {
    Contact c = new Contact();
    c.setNickname("😀ab😀cd😀");
    c.setTitle("abc");
    Contact out = applied(policy(Action.DROP, mask(1, 1, "#", "nickname", "title")), c);
    assertThat(out.getNickname()).isEqualTo("😀#####😀");
    Contact shortOut = applied(policy(Action.DROP, mask(2, 2, "•", "title")), c);
    assertThat(shortOut.getTitle()).isEqualTo("•••");
  }

  @Test
  void hashIsStableKeyedAndNamesItsKey() {
    var definition = policy(Action.DROP, RuleDefinition.of(Action.HASH, "organization"));
    String first = applied(definition, ada()).getOrganization();
    String again = applied(definition, ada()).getOrganization();
    assertThat(first).isEqualTo(again).matches("01[0-9a-f]{8}[0-9a-f]{64}");
    int primaryId = Fixtures.KEYS.describe().get(KeyPurpose.HASH).get(0).id();
    assertThat(first.substring(2, 10)).isEqualTo(HexFormat.of().toHexDigits(primaryId));
    var otherKeys = PolicyKeys.generate();
    String underOtherKey = PolicyCompilerTestSupport.compile(definition, otherKeys).apply(ada()).contact().getOrganization();
    assertThat(underOtherKey).as("a keyed hash, not a dictionary-reversible plain one").isNotEqualTo(first);
  }

  @Test
  void hashCanBeBase64Url() {
    var rule = new RuleDefinition(List.of("organization"), Action.HASH, null, HashEncoding.BASE64URL, null);
    assertThat(applied(policy(Action.DROP, rule), ada()).getOrganization()).matches("[A-Za-z0-9_-]{50}");
  }

  @Test
  void tokenizeIsDeterministicJoinableAcrossFieldsAndReversible() throws Exception {
    Contact c = ada();
    c.getCustom().put("email", "ada@example.com");
    Contact out = applied(policy(Action.DROP, RuleDefinition.of(Action.TOKENIZE, "emails[].value", "custom.email")), c);
    String token = out.getEmails().get(0).getValue();
    assertThat(token).startsWith("tok_").isEqualTo(out.getCustom().get("email"));
    assertThat(new Revealer(Fixtures.KEYS).reveal(token, "emails[].value")).isEqualTo("ada@example.com");
  }

  @Test
  void encryptIsRandomizedReversibleAndBoundToItsField() throws Exception {
    var definition = policy(Action.DROP, RuleDefinition.of(Action.ENCRYPT, "custom.crmId"));
    String one = applied(definition, ada()).getCustom().get("crmId");
    String two = applied(definition, ada()).getCustom().get("crmId");
    assertThat(one).startsWith("enc_").isNotEqualTo(two);
    Revealer revealer = new Revealer(Fixtures.KEYS);
    assertThat(revealer.reveal(one, "custom.crmId")).isEqualTo("123");
    assertThatThrownBy(() -> revealer.reveal(one, "notes")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("123");
  }

  @Test
  void hashesCannotBeRevealed() throws Exception {
    String hash = applied(policy(Action.DROP, RuleDefinition.of(Action.HASH, "title")), ada()).getTitle();
    assertThatThrownBy(() -> new Revealer(Fixtures.KEYS).reveal(hash, "title"))
        .hasMessageContaining("irreversible");
  }

  @Test
  void generalizeCoarsensDatesAndPostalCodes() {
    Contact out = applied(policy(Action.DROP, generalize(DatePrecision.YEAR, null, "birthday"),
        generalize(null, 3, "addresses[].postalCode"), generalize(DatePrecision.YEAR_MONTH, null, "updatedAt")), ada());
    assertThat(out.getBirthday()).isEqualTo("1815");
    assertThat(out.getAddresses().get(0).getPostalCode()).isEqualTo("SW1");
    assertThat(out.getUpdatedAt()).isEqualTo("2026-11");
  }

  @Test
  void aDateWithoutAYearDoesNotLeave() {
    Contact c = new Contact();
    c.setBirthday("--12-10");
    assertThat(applied(policy(Action.DROP, generalize(DatePrecision.YEAR, null, "birthday")), c).getBirthday()).isNull();
    c.setBirthday("18151210");
    assertThat(applied(policy(Action.DROP, generalize(DatePrecision.YEAR_MONTH, null, "birthday")), c).getBirthday())
        .isEqualTo("1815-12");
  }

  @Test
  void aSpecificPathWinsOverItsGroup() {
    Contact out = applied(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "addresses[]"),
        generalize(null, 2, "addresses[].postalCode"), RuleDefinition.of(Action.REDACT, "custom.*"),
        RuleDefinition.of(Action.KEEP, "custom.crmId")), withCustom(ada(), "secretNote", "x"));
    assertThat(out.getAddresses().get(0).getLocality()).isEqualTo("London");
    assertThat(out.getAddresses().get(0).getPostalCode()).isEqualTo("SW");
    assertThat(out.getCustom()).containsEntry("crmId", "123").containsEntry("secretNote", "[REDACTED]");
  }

  @Test
  void aDroppedCustomKeyLeavesNothingWhateverTheWildcardSays() {
    Contact out = applied(policy(Action.KEEP, RuleDefinition.of(Action.DROP, "custom.crmId")), ada());
    assertThat(out.getCustom()).doesNotContainKey("crmId");
  }

  @Test
  void recordIdsAreStableKeyedAndHideTheSourceId() {
    CompiledPolicy compiled = Fixtures.compile(policy(Action.DROP));
    String id = compiled.recordId("file:contacts.vcf", "c-1");
    assertThat(id).isEqualTo(compiled.recordId("file:contacts.vcf", "c-1")).matches("[A-Za-z0-9_-]{22}")
        .doesNotContain("c-1");
    assertThat(compiled.recordId("file:other.vcf", "c-1")).isNotEqualTo(id);
    assertThat(compiled.recordId("file:contacts.vcf", "c-2")).isNotEqualTo(id);
  }

  @Test
  void theInputIsNotChanged() {
    Contact in = ada();
    Fixtures.compile(policy(Action.HASH)).apply(in);
    assertThat(in).isEqualTo(ada());
  }

  private static Contact withCustom(Contact c, String key, String value) {
    c.getCustom().put(key, value);
    return c;
  }
}
