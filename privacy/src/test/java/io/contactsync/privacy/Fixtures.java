package io.contactsync.privacy;

import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompilationException;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.ValidationSettings;
import java.util.List;

/** The one place tests get contacts, policies and keys from. */
public final class Fixtures {
  /** Keys are slow-ish to generate; one set serves every test that does not care which. */
  public static final PolicyKeys KEYS = PolicyKeys.generate();

  /** The contact of DESIGN.md. */
  public static Contact ada() {
    Contact c = new Contact();
    c.setId("c-1");
    c.setName(new Name(null, "Ada", null, "Lovelace", null));
    c.setFormattedName("Ada Lovelace");
    c.getEmails().add(new TypedValue("work", "ada@Example.COM"));
    c.getPhones().add(new TypedValue("mobile", "+44 20 7946 0958"));
    c.getAddresses().add(new Address("home", "12 St James's Sq", "London", null, "SW1Y 4JH", "GB"));
    c.setOrganization("Analytical Engines Ltd");
    c.setTitle("Countess");
    c.setBirthday("1815-12-10");
    c.setNotes("free text");
    c.getCategories().add("vip");
    c.getCustom().put("crmId", "123");
    c.setUpdatedAt("2026-11-01T10:00:00Z");
    return c;
  }

  public static PolicyDefinition policy(Action defaultAction, RuleDefinition... rules) {
    return new PolicyDefinition(defaultAction, List.of(rules), ValidationSettings.DEFAULTS);
  }

  public static PolicyDefinition policy(ValidationSettings validation, RuleDefinition... rules) {
    return new PolicyDefinition(Action.DROP, List.of(rules), validation);
  }

  public static CompiledPolicy compile(PolicyDefinition definition) {
    try {
      return PolicyCompiler.compile(definition, KEYS);
    } catch (PolicyCompilationException e) {
      throw new AssertionError("fixture policy does not compile: " + e.problems(), e);
    }
  }

  public static Contact applied(PolicyDefinition definition, Contact contact) {
    var outcome = compile(definition).apply(contact);
    if (outcome.quarantined()) throw new AssertionError("quarantined: " + outcome.reason() + " " + outcome.fieldPath());
    return outcome.contact();
  }

  private Fixtures() {}
}
