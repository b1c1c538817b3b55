package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LdapConnector extends RemoteConnector {
  @Required
  @Size(max = ApiLimits.URL)
  @Pattern(ApiPatterns.LDAP_URL)
  @JsonPropertyDescription("ldaps://host:636, or ldap://host:389 which is upgraded with StartTLS unless allowInsecureTransport.")
  private String url;

  @Required
  @Size(min = 1, max = ApiLimits.LDAP_TEXT)
  @JsonPropertyDescription("The subtree that holds the contacts, e.g. ou=people,dc=example,dc=com.")
  private String baseDn;

  @Size(max = ApiLimits.LDAP_TEXT)
  @JsonPropertyDescription("An LDAP filter selecting the contacts; defaults to (objectClass=inetOrgPerson).")
  private String filter;

  @Size(max = ApiLimits.LDAP_ATTRIBUTES)
  @ValidationRule(value = ApiRules.FIELD_PATH_KEYS, message = ApiRules.FIELD_PATH_KEYS_MESSAGE)
  @JsonPropertyDescription("Overrides of the inetOrgPerson mapping, field path to attribute, e.g. {\"custom.employeeId\": "
      + "\"employeeNumber\", \"notes\": \"description\"}. Defaults: cn, givenName, sn, displayName, mail, telephoneNumber, "
      + "mobile, homePhone, o, title, street, l, st, postalCode, description, employeeNumber, departmentNumber.")
  private Map<String, @Size(max = ApiLimits.LDAP_ATTRIBUTE) @Pattern(ApiPatterns.LDAP_ATTRIBUTE) String> attributes =
      new LinkedHashMap<>();

  @Override
  public String getUrl() { return url; }
  public Map<String, String> getAttributes() { return attributes; }
  public void setAttributes(Map<String, String> attributes) { this.attributes = attributes; }
  public void setUrl(String url) { this.url = url; }
  public String getBaseDn() { return baseDn; }
  public void setBaseDn(String baseDn) { this.baseDn = baseDn; }
  public String getFilter() { return filter; }
  public void setFilter(String filter) { this.filter = filter; }
}
