package io.contactsync.sync.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Repeated values reach the directory once, by the attribute's equality rule (RFC 4517, 4518), so a server never
 * refuses an entry for holding two values it counts as one (issue 17, observation 2).
 */
class LdapMappingTest {
  static Contact contact() {
    Contact c = new Contact();
    c.setId("AAAAAAAAAAAAAAAAAAAAAA");
    c.setFormattedName("Grace Hopper");
    return c;
  }

  static List<String> values(List<Attribute> attributes, String name) {
    return attributes.stream().filter(a -> a.getName().equalsIgnoreCase(name)).findFirst()
        .map(a -> List.of(a.getValues())).orElse(List.of());
  }

  @Test
  void theSameAddressAsHomeAndWorkIsOneMailValue() {
    Contact c = contact();
    c.getEmails().add(new TypedValue("home", "grace@example.com"));
    c.getEmails().add(new TypedValue("work", "grace@example.com"));
    c.getEmails().add(new TypedValue("other", "  GRACE@Example.com "));
    c.getEmails().add(new TypedValue("other", "grace.hopper@example.com"));
    assertThat(values(new LdapMapping(null).toAttributes(c), "mail")).as("caseIgnoreIA5Match: case and outer spaces")
        .containsExactly("grace@example.com", "grace.hopper@example.com");
  }

  @Test
  void theSameNumberAsWorkAndFaxIsOneTelephoneNumber() {
    Contact c = contact();
    c.getPhones().add(new TypedValue("work", "+1 201 555 0102"));
    c.getPhones().add(new TypedValue("fax", "+1-201-555-0102"));
    c.getPhones().add(new TypedValue(null, "+12015550102"));
    c.getPhones().add(new TypedValue("voice", "+1\u00A0201\u2010555\u20110102"));
    c.getPhones().add(new TypedValue("work", "+1.201.555.0102"));
    c.getPhones().add(new TypedValue("mobile", "+1 201 555 0102"));
    List<Attribute> attributes = new LdapMapping(null).toAttributes(c);
    assertThat(values(attributes, "telephoneNumber")).as("telephoneNumberMatch: spaces and hyphens, not dots")
        .containsExactly("+1 201 555 0102", "+1.201.555.0102");
    assertThat(values(attributes, "mobile")).as("another attribute keeps its own").containsExactly("+1 201 555 0102");
  }

  @Test
  void valuesAnOverrideAddsToAnAttributeAreMergedWithItsOthers() {
    Contact c = contact();
    c.getEmails().add(new TypedValue("work", "grace@example.com"));
    c.getCustom().put("alias", "Grace@EXAMPLE.com");
    List<Attribute> attributes = new LdapMapping(Map.of("custom.alias", "MAIL")).toAttributes(c);
    assertThat(attributes.stream().filter(a -> a.getName().equalsIgnoreCase("mail"))).hasSize(1);
    assertThat(values(attributes, "mail")).containsExactly("Grace@EXAMPLE.com");
  }

  @Test
  void valuesTheRuleTellsApartAreAllSent() {
    Contact c = contact();
    c.getEmails().add(new TypedValue("home", "a-b@example.com"));
    c.getEmails().add(new TypedValue("work", "ab@example.com"));
    c.getPhones().add(new TypedValue("work", "+1 201 555 0102"));
    c.getPhones().add(new TypedValue("fax", "+1 201 555 0103"));
    List<Attribute> attributes = new LdapMapping(null).toAttributes(c);
    assertThat(values(attributes, "mail")).as("hyphens count in mail").hasSize(2);
    assertThat(values(attributes, "telephoneNumber")).hasSize(2);
  }

  @Test
  void caseIgnoreMatchFoldsCaseCompatibilityFormsAndInsignificantSpace() {
    assertThat(LdapEquality.key("cn", " Stra\u00DFe  \t Nord ")).isEqualTo(LdapEquality.key("cn", "STRASSE NORD"));
    assertThat(LdapEquality.key("description", "\uFF21\uFF22\uFF23")).isEqualTo(LdapEquality.key("description", "abc"));
    assertThat(LdapEquality.key("o", "Acme\u00AD Inc")).isEqualTo(LdapEquality.key("o", "acme inc"));
    assertThat(LdapEquality.key("o", "Acme Inc")).isNotEqualTo(LdapEquality.key("o", "AcmeInc"));
    assertThat(LdapEquality.key("homePhone", "+44 20-7946 0087")).isEqualTo(LdapEquality.key("HOMEPHONE", "+442079460087"));
  }
}
