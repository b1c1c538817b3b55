package io.contactsync.privacy.sanitize;

import static io.contactsync.privacy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.InvalidValueHandling;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.FormulaNeutralizing;
import io.contactsync.privacy.policy.PolicyDefinition.ValidationSettings;
import io.contactsync.privacy.policy.PolicyOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sanitization as part of applying a policy: only values that leave are checked. */
class SanitizationTest {
  private static final ValidationSettings DEFAULTS = ValidationSettings.DEFAULTS;
  private static final ValidationSettings DROP_INVALID = new ValidationSettings(InvalidValueHandling.DROP_VALUE, true, "US",
      InvalidValueHandling.DROP_VALUE, true, FormulaNeutralizing.WHERE_FORMULAS_RUN, 16, InvalidValueHandling.DROP_VALUE);

  private static PolicyOutcome keepAll(ValidationSettings validation, Contact c) {
    return keepAll(validation, c, false);
  }

  private static PolicyOutcome keepAll(ValidationSettings validation, Contact c, boolean formulasRun) {
    return Fixtures.compile(new io.contactsync.privacy.policy.PolicyDefinition(Action.KEEP, java.util.List.of(), validation))
        .apply(c, formulasRun);
  }

  private static ValidationSettings neutralizing(FormulaNeutralizing n) {
    ValidationSettings d = DEFAULTS;
    return new ValidationSettings(d.email(), d.normalizePhones(), d.phoneRegion(), d.invalidPhone(), d.stripMarkup(), n,
        d.maxFieldLength(), d.tooLong());
  }

  private static Contact formulas() {
    Contact c = withPhone("+1 201 555 0123");
    c.setOrganization("=HYPERLINK(\"http://evil\",\"x\")");
    c.setTitle("@SUM(1+1)");
    c.setNickname("-2+3");
    c.getCustom().put("x", "+cmd");
    return c;
  }

  private static Contact withEmail(String email) {
    Contact c = new Contact();
    c.getEmails().add(new TypedValue("work", email));
    return c;
  }

  private static Contact withPhone(String phone) {
    Contact c = new Contact();
    c.getPhones().add(new TypedValue("mobile", phone));
    return c;
  }

  @Test
  void anInvalidEmailQuarantinesTheContactNamingTheFieldNotTheValue() {
    PolicyOutcome outcome = keepAll(DEFAULTS, withEmail("not-an-email"));
    assertThat(outcome.quarantined()).isTrue();
    assertThat(outcome.reason()).isEqualTo(QuarantineReason.INVALID_EMAIL);
    assertThat(outcome.fieldPath()).isEqualTo("emails[].value");
  }

  @Test
  void withDropValueOnlyTheInvalidEntryGoes() {
    Contact c = withEmail("bad@@example.com");
    c.getEmails().add(new TypedValue("home", "good@Example.ORG"));
    c.setTitle("This title is far too long for sixteen");
    PolicyOutcome outcome = keepAll(DROP_INVALID, c);
    assertThat(outcome.quarantined()).isFalse();
    assertThat(outcome.contact().getEmails()).containsExactly(new TypedValue("home", "good@example.org"));
    assertThat(outcome.contact().getTitle()).isNull();
    assertThat(outcome.droppedValues()).isEqualTo(2);
  }

  @Test
  void aValueThatDoesNotLeaveIsNotChecked() {
    PolicyOutcome outcome = Fixtures.compile(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "formattedName")))
        .apply(withEmail("not-an-email"));
    assertThat(outcome.quarantined()).isFalse();
  }

  @Test
  void phonesAreNormalizedToE164WithTheDefaultRegion() {
    assertThat(keepAll(DEFAULTS, withPhone("(201) 555-0123")).contact().getPhones().get(0).getValue())
        .isEqualTo("+12015550123");
    assertThat(keepAll(DEFAULTS, withPhone("+44 20 7946 0958")).contact().getPhones().get(0).getValue())
        .isEqualTo("+442079460958");
    assertThat(keepAll(DEFAULTS, withPhone("12")).reason()).isEqualTo(QuarantineReason.INVALID_PHONE);
    assertThat(keepAll(DEFAULTS, withPhone("=HYPERLINK(\"http://x\")")).reason()).isEqualTo(QuarantineReason.INVALID_PHONE);
    assertThat(keepAll(DEFAULTS, withPhone("9".repeat(500))).reason()).isEqualTo(QuarantineReason.INVALID_PHONE);
  }

  @Test
  void textIsNfcNormalizedAndStrippedOfControlAndBidiCharacters() {
    Contact c = new Contact();
    c.setFormattedName("Zoe\u0301 \u202Egnp.exe\u202C\u0000 Smith\u0007");
    c.setNotes("line one\r\nline two\u0000\u200F");
    Contact out = keepAll(DEFAULTS, c).contact();
    assertThat(out.getFormattedName()).isEqualTo("Zoé gnp.exe  Smith");
    assertThat(out.getNotes()).isEqualTo("line one\nline two");
  }

  @Test
  void markupIsStrippedWithScriptContent() {
    Contact c = new Contact();
    c.setOrganization("<b>Acme</b><script>alert('x')</script> Ltd<img src=x onerror=alert(1)>");
    c.setTitle("<script>only script");
    c.setNotes("1 < 2 and 3 > 2");
    Contact out = keepAll(DEFAULTS, c).contact();
    assertThat(out.getOrganization()).isEqualTo("Acme Ltd");
    assertThat(out.getTitle()).isNull();
    assertThat(out.getNotes()).isEqualTo("1 < 2 and 3 > 2");
  }

  @Test
  void spreadsheetFormulasAreNeutralizedWhereFormulasRunButE164NumbersAreNot() {
    for (PolicyOutcome outcome : List.of(keepAll(DEFAULTS, formulas(), true),
        keepAll(neutralizing(FormulaNeutralizing.ALWAYS), formulas(), false))) {
      Contact out = outcome.contact();
      assertThat(out.getPhones().get(0).getValue()).isEqualTo("+12015550123");
      assertThat(out.getOrganization()).startsWith("'=");
      assertThat(out.getTitle()).isEqualTo("'@SUM(1+1)");
      assertThat(out.getNickname()).isEqualTo("'-2+3");
      assertThat(out.getCustom().get("x")).isEqualTo("'+cmd");
    }
  }

  @Test
  void valuesLeaveUnchangedWhereFormulasDoNotRunOrWhenThePolicySaysNever() {
    for (PolicyOutcome outcome : List.of(keepAll(DEFAULTS, formulas(), false),
        keepAll(neutralizing(FormulaNeutralizing.NEVER), formulas(), true))) {
      Contact out = outcome.contact();
      assertThat(out.getOrganization()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
      assertThat(out.getTitle()).isEqualTo("@SUM(1+1)");
      assertThat(out.getNickname()).isEqualTo("-2+3");
      assertThat(out.getCustom().get("x")).isEqualTo("+cmd");
    }
  }

  @Test
  void neutralizingAppliesToWhatLeavesNotToTheInputOfTheTransform() {
    var mask = new io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition(List.of("title"), Action.MASK,
        new io.contactsync.privacy.policy.PolicyDefinition.MaskSettings(0, 2, "-"), null, null);
    Contact c = new Contact();
    c.setTitle("engineer");
    c.setOrganization("-Acme");
    var definition = new io.contactsync.privacy.policy.PolicyDefinition(Action.KEEP, List.of(mask,
        io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition.of(Action.HASH, "organization")), DEFAULTS);
    var policy = Fixtures.compile(definition);
    Contact csv = policy.apply(c, true).contact();
    assertThat(csv.getTitle()).as("a mask of '-' is a formula in a cell").isEqualTo("'------er");
    assertThat(csv.getOrganization()).as("a hash joins across destinations").isEqualTo(policy.apply(c).contact().getOrganization());
  }

  @Test
  void overlongValuesAreQuarantined() {
    Contact c = new Contact();
    c.setNotes("x".repeat(1025));
    assertThat(keepAll(DEFAULTS, c).reason()).isEqualTo(QuarantineReason.FIELD_TOO_LONG);
    c.setNotes("😀".repeat(1024));
    assertThat(keepAll(DEFAULTS, c).quarantined()).as("length counts characters, not UTF-16 units").isFalse();
  }

  @Test
  void blankValuesBecomeAbsent() {
    Contact c = new Contact();
    c.setTitle("   \t ");
    c.getEmails().add(new TypedValue("work", " "));
    Contact out = keepAll(DEFAULTS, c).contact();
    assertThat(out.getTitle()).isNull();
    assertThat(out.getEmails()).isEmpty();
  }
}
