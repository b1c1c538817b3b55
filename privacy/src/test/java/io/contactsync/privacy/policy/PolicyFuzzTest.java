package io.contactsync.privacy.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.PolicyDefinition.DatePrecision;
import io.contactsync.privacy.policy.PolicyDefinition.GeneralizeSettings;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import io.contactsync.privacy.policy.PolicyDefinition.MaskSettings;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.ValidationSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy compiler on arbitrary definitions and the engine on arbitrary contacts: the compiler answers with a
 * policy or with its list of problems, the engine with a contact or a quarantine, and nothing else escapes; what the
 * engine lets out of single-line fields holds no control or bidi character. Without JAZZER_FUZZ the seeds in
 * PolicyFuzzTestInputs run as unit tests; docs/reliability.md has the fuzzing command and figures.
 */
class PolicyFuzzTest {
  private static final PolicyKeys KEYS = PolicyKeys.generate();
  private static final List<String> PATHS = List.of("name", "name.given", "name.family", "formattedName", "nickname",
      "emails[].value", "emails[].type", "phones[].value", "addresses[]", "addresses[].postalCode", "addresses[].street",
      "organization", "title", "birthday", "notes", "categories", "custom.crmId", "custom.*", "updatedAt");
  private static final CompiledPolicy EVERYTHING_KEPT = compile(new PolicyDefinition(Action.KEEP, List.of(
      RuleDefinition.of(Action.TOKENIZE, "emails[].value"),
      new RuleDefinition(List.of("phones[].value"), Action.MASK, new MaskSettings(0, 4, "*"), null, null),
      new RuleDefinition(List.of("birthday"), Action.GENERALIZE, null, null, new GeneralizeSettings(DatePrecision.YEAR, null))),
      ValidationSettings.DEFAULTS));

  private static CompiledPolicy compile(PolicyDefinition definition) {
    try {
      return PolicyCompiler.compile(definition, KEYS);
    } catch (PolicyCompilationException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void theCompilerAnswersEveryDefinition(FuzzedDataProvider data) {
    List<RuleDefinition> rules = new ArrayList<>();
    int count = data.consumeInt(0, 6);
    for (int r = 0; r < count; r++) {
      List<String> fields = new ArrayList<>();
      int n = data.consumeInt(0, 3);
      for (int f = 0; f < n; f++) fields.add(data.consumeBoolean() ? data.pickValue(PATHS) : data.consumeString(24));
      Action action = data.pickValue(Action.values());
      MaskSettings mask = data.consumeBoolean() ? new MaskSettings(data.consumeInt(-2, 70), data.consumeInt(-2, 70), data.consumeString(3)) : null;
      GeneralizeSettings generalize = data.consumeBoolean()
          ? new GeneralizeSettings(data.consumeBoolean() ? data.pickValue(DatePrecision.values()) : null,
              data.consumeBoolean() ? data.consumeInt(-2, 70) : null) : null;
      rules.add(new RuleDefinition(fields, action, mask, data.consumeBoolean() ? data.pickValue(HashEncoding.values()) : null,
          generalize));
    }
    ValidationSettings validation = new ValidationSettings(data.pickValue(InvalidValueHandling.values()), data.consumeBoolean(),
        data.consumeBoolean() ? "US" : data.consumeString(3), data.pickValue(InvalidValueHandling.values()), data.consumeBoolean(),
        data.pickValue(PolicyDefinition.FormulaNeutralizing.values()), data.consumeInt(-1, 2048), data.pickValue(InvalidValueHandling.values()));
    PolicyDefinition definition = new PolicyDefinition(data.pickValue(Action.values()), rules, validation);
    List<String> problems = PolicyCompiler.check(definition);
    try {
      CompiledPolicy policy = PolicyCompiler.compile(definition, KEYS);
      if (!problems.isEmpty()) throw new AssertionError("compiled although check found " + problems);
      policy.apply(contact(data));
    } catch (PolicyCompilationException e) {
      if (problems.isEmpty()) throw new AssertionError("refused although check found nothing", e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void theEngineAnswersEveryContact(FuzzedDataProvider data) {
    PolicyOutcome outcome = EVERYTHING_KEPT.apply(contact(data));
    if (outcome.quarantined()) return;
    Contact out = outcome.contact();
    for (String value : new String[] {out.getFormattedName(), out.getOrganization(), out.getTitle(), out.getNickname()}) {
      if (value != null && value.codePoints().anyMatch(c -> Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E)
          || (c >= 0x2066 && c <= 0x2069))) {
        throw new AssertionError("a control or bidi character left the engine");
      }
    }
  }

  private static Contact contact(FuzzedDataProvider data) {
    Contact c = new Contact();
    c.setId(data.consumeString(40));
    if (data.consumeBoolean()) c.setName(new Name(null, data.consumeString(40), null, data.consumeString(40), null));
    c.setFormattedName(data.consumeString(60));
    c.setNickname(data.consumeString(20));
    for (int i = data.consumeInt(0, 2); i > 0; i--) c.getEmails().add(new TypedValue(data.consumeString(8), data.consumeString(60)));
    for (int i = data.consumeInt(0, 2); i > 0; i--) c.getPhones().add(new TypedValue(data.consumeString(8), data.consumeString(30)));
    if (data.consumeBoolean()) {
      c.getAddresses().add(new Address(data.consumeString(8), data.consumeString(40), data.consumeString(20), data.consumeString(10),
          data.consumeString(12), data.consumeString(4)));
    }
    c.setOrganization(data.consumeString(40));
    c.setTitle(data.consumeString(20));
    c.setBirthday(data.consumeString(12));
    c.setNotes(data.consumeString(200));
    for (int i = data.consumeInt(0, 2); i > 0; i--) c.getCategories().add(data.consumeString(12));
    if (data.consumeBoolean()) c.getCustom().put(data.consumeString(12), data.consumeString(20));
    c.setUpdatedAt(data.consumeString(30));
    return c;
  }
}
