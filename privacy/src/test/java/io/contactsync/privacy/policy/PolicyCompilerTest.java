package io.contactsync.privacy.policy;

import static io.contactsync.privacy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.policy.PolicyDefinition.DatePrecision;
import io.contactsync.privacy.policy.PolicyDefinition.GeneralizeSettings;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import io.contactsync.privacy.policy.PolicyDefinition.MaskSettings;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.ValidationSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {
  @Test
  void aGoodPolicyHasNoProblems() {
    assertThat(PolicyCompiler.check(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "name", "formattedName"),
        RuleDefinition.of(Action.TOKENIZE, "emails[].value"), RuleDefinition.of(Action.HASH, "organization")))).isEmpty();
  }

  @Test
  void unknownPathsAreReportedWithASuggestion() {
    assertThat(PolicyCompiler.check(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "emails.value", "shoeSize"))))
        .containsExactly("rule 1: 'emails.value' is not a field of the canonical contact (did you mean 'emails[].value'?)",
            "rule 1: 'shoeSize' is not a field of the canonical contact");
  }

  @Test
  void aFieldNamedByTwoRulesIsAContradiction() {
    assertThat(PolicyCompiler.check(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "title"),
        RuleDefinition.of(Action.HASH, "title"), RuleDefinition.of(Action.KEEP, "name"), RuleDefinition.of(Action.DROP, "name"))))
        .containsExactly("'title' is named by rule 1 (Keep) and rule 2 (Hash); name each field once",
            "'name' is named by rule 3 (Keep) and rule 4 (Drop); name each field once");
  }

  @Test
  void settingsMustFitTheirAction() {
    var maskWithoutSettings = RuleDefinition.of(Action.MASK, "title");
    var maskOnHash = new RuleDefinition(List.of("notes"), Action.HASH, new MaskSettings(1, 1, "*"), null, null);
    var hashOnKeep = new RuleDefinition(List.of("nickname"), Action.KEEP, null, HashEncoding.HEX, null);
    var dateOnText = new RuleDefinition(List.of("name.given"), Action.GENERALIZE, null, null,
        new GeneralizeSettings(DatePrecision.YEAR, null));
    var both = new RuleDefinition(List.of("birthday"), Action.GENERALIZE, null, null, new GeneralizeSettings(DatePrecision.YEAR, 2));
    var badChar = new RuleDefinition(List.of("organization"), Action.MASK, new MaskSettings(-1, 0, "ab"), null, null);
    assertThat(PolicyCompiler.check(policy(Action.MASK, maskWithoutSettings, maskOnHash, hashOnKeep, dateOnText, both, badChar)))
        .containsExactly(
            "defaultAction Mask needs settings that only a rule can carry; use Drop, Keep, Redact, Hash, Tokenize or Encrypt",
            "rule 1: Mask needs mask settings (keepFirst, keepLast, character)",
            "rule 2: mask settings apply only to Mask, not Hash",
            "rule 3: hash settings apply only to Hash, not Keep",
            "rule 4: generalize.date applies to birthday and updatedAt, not 'name.given'; use generalize.keepPrefix for text",
            "rule 5: Generalize needs exactly one of generalize.date or generalize.keepPrefix",
            "rule 6: mask keepFirst and keepLast must not be negative",
            "rule 6: mask character must be exactly one visible character");
  }

  @Test
  void emptyRulesDuplicatesAndBadValidationAreReported() {
    var validation = new ValidationSettings(InvalidValueHandling.QUARANTINE, true, "XX", InvalidValueHandling.QUARANTINE,
        true, null, 0, InvalidValueHandling.QUARANTINE);
    assertThat(PolicyCompiler.check(new PolicyDefinition(Action.DROP, List.of(RuleDefinition.of(Action.KEEP),
        RuleDefinition.of(Action.KEEP, "title", "title"), new RuleDefinition(List.of("notes"), null, null, null, null)), validation)))
        .containsExactly("rule 1 names no fields", "rule 2 lists 'title' twice", "rule 3 has no action",
            "validation.phone.defaultRegion 'XX' is not a known ISO 3166-1 region (e.g. US, GB, DE)",
            "validation.maxFieldLength must be at least 1");
  }

  @Test
  void compileRefusesWithEveryProblem() {
    assertThatThrownBy(() -> PolicyCompiler.compile(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "a", "b")), Fixtures.KEYS))
        .isInstanceOfSatisfying(PolicyCompilationException.class, e -> assertThat(e.problems()).hasSize(2));
  }
}
