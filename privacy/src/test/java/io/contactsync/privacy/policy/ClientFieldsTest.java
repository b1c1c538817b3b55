package io.contactsync.privacy.policy;

import static io.contactsync.privacy.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.Fixtures;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields real clients export (issue 17, observation 6): Drop unless named, Keep keeps them, photos are capped. */
class ClientFieldsTest {
  static Contact contact(String photo) {
    Contact c = new Contact();
    TypedValue phone = new TypedValue("home", "+12015550100");
    phone.getTypes().addAll(List.of("home", "fax"));
    phone.setPref("1");
    phone.setLabel("Holiday home");
    c.getPhones().add(phone);
    c.getUrls().add(new TypedValue(null, "https://example.org"));
    c.setPhoto(photo);
    c.setGender("F");
    return c;
  }

  @Test
  void newFieldsAreDroppedUnlessAPolicyNamesThem() throws Exception {
    CompiledPolicy p = PolicyCompiler.compile(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "phones[].value")), Fixtures.KEYS);
    Contact out = p.apply(contact("https://example.org/me.jpg")).contact();
    assertThat(out.getPhones()).containsExactly(new TypedValue(null, "+12015550100"));
    assertThat(out.getUrls()).isEmpty();
    assertThat(out.getPhoto()).isNull();
    assertThat(out.getGender()).isNull();
  }

  @Test
  void keepEverythingKeepsThemAndAGroupNamesEveryPart() throws Exception {
    Contact in = contact("data:image/png;base64,iVBORw0KGgo=");
    assertThat(PolicyCompiler.compile(policy(Action.KEEP), Fixtures.KEYS).apply(in).contact()).isEqualTo(in);
    Contact grouped = PolicyCompiler.compile(policy(Action.DROP, RuleDefinition.of(Action.KEEP, "phones[]")), Fixtures.KEYS)
        .apply(in).contact();
    assertThat(grouped.getPhones()).isEqualTo(in.getPhones());
  }

  @Test
  void aPhotoLargerThanTheCapIsDroppedAndCountedAndTheContactStays() throws Exception {
    String big = "data:image/jpeg;base64," + "A".repeat(Field.BINARY_MAX_CHARS);
    PolicyOutcome outcome = PolicyCompiler.compile(policy(Action.KEEP), Fixtures.KEYS).apply(contact(big));
    assertThat(outcome.reason()).isNull();
    assertThat(outcome.contact().getPhoto()).isNull();
    assertThat(outcome.droppedValues()).isEqualTo(1);
    assertThat(outcome.contact().getGender()).isEqualTo("F");
  }
}
