package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.LinkedHashMap;
import java.util.Map;

/** A destination of a sync: a name, the policy its data passes through, and exactly one connector block. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ApiRules.DESTINATION_CONNECTOR, message = ApiRules.DESTINATION_CONNECTOR_MESSAGE)
public class DestinationSpec {
  @Required
  @Size(max = ApiLimits.DNS_LABEL)
  @Pattern(ApiPatterns.DNS_LABEL)
  @JsonPropertyDescription("Name of the destination, unique within the sync; a DNS label (lower case, digits, '-').")
  private String name;

  @Required
  @JsonPropertyDescription("The PrivacyPolicy every contact passes through before it reaches this destination. No policy, no data.")
  private PolicyReference privacyPolicyRef;

  @JsonPropertyDescription("Write to a CardDAV address book.")
  private CardDavConnector carddav;
  @JsonPropertyDescription("Write inetOrgPerson entries to an LDAP directory.")
  private LdapConnector ldap;
  @JsonPropertyDescription("Upsert rows into a PostgreSQL table.")
  private PostgresConnector postgres;
  @JsonPropertyDescription("Write a local file (.jsonl, .csv or .vcf): for local runs and tests.")
  private FileConnector file;
  @JsonPropertyDescription("POST batches of contacts as signed JSON to an HTTP endpoint.")
  private WebhookConnector webhook;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Mass-deletion guard: a run that would delete more than this percentage of the records this "
      + "sync wrote to the destination deletes nothing and fails, its checkpoint unmoved. 100 turns the guard off. "
      + "Default 50.")
  private Integer maxDeletePercent;

  /** The connector blocks that are set, by name; a valid destination has exactly one. */
  @JsonIgnore
  public Map<String, Object> connectors() {
    Map<String, Object> set = new LinkedHashMap<>();
    if (carddav != null) set.put("carddav", carddav);
    if (ldap != null) set.put("ldap", ldap);
    if (postgres != null) set.put("postgres", postgres);
    if (file != null) set.put("file", file);
    if (webhook != null) set.put("webhook", webhook);
    return set;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public PolicyReference getPrivacyPolicyRef() { return privacyPolicyRef; }
  public void setPrivacyPolicyRef(PolicyReference privacyPolicyRef) { this.privacyPolicyRef = privacyPolicyRef; }
  public CardDavConnector getCarddav() { return carddav; }
  public void setCarddav(CardDavConnector carddav) { this.carddav = carddav; }
  public LdapConnector getLdap() { return ldap; }
  public void setLdap(LdapConnector ldap) { this.ldap = ldap; }
  public PostgresConnector getPostgres() { return postgres; }
  public void setPostgres(PostgresConnector postgres) { this.postgres = postgres; }
  public FileConnector getFile() { return file; }
  public void setFile(FileConnector file) { this.file = file; }
  public Integer getMaxDeletePercent() { return maxDeletePercent; }
  public void setMaxDeletePercent(Integer maxDeletePercent) { this.maxDeletePercent = maxDeletePercent; }
  public WebhookConnector getWebhook() { return webhook; }
  public void setWebhook(WebhookConnector webhook) { this.webhook = webhook; }
}
