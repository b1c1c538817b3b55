package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** The source of a sync: exactly one connector block must be set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ApiRules.SOURCE_CONNECTOR, message = ApiRules.SOURCE_CONNECTOR_MESSAGE)
public class SourceSpec {
  @JsonPropertyDescription("Read a CardDAV address book (RFC 6352), incrementally with sync-collection (RFC 6578).")
  private CardDavConnector carddav;
  @JsonPropertyDescription("Read inetOrgPerson entries from an LDAP directory.")
  private LdapConnector ldap;
  @JsonPropertyDescription("Read rows of a PostgreSQL table or query.")
  private PostgresConnector postgres;
  @JsonPropertyDescription("Read a local file (.jsonl, .csv or .vcf): for local runs and tests.")
  private FileConnector file;

  /** The connector blocks that are set, by name; a valid source has exactly one. */
  @JsonIgnore
  public Map<String, Object> connectors() {
    Map<String, Object> set = new LinkedHashMap<>();
    if (carddav != null) set.put("carddav", carddav);
    if (ldap != null) set.put("ldap", ldap);
    if (postgres != null) set.put("postgres", postgres);
    if (file != null) set.put("file", file);
    return set;
  }

  public CardDavConnector getCarddav() { return carddav; }
  public void setCarddav(CardDavConnector carddav) { this.carddav = carddav; }
  public LdapConnector getLdap() { return ldap; }
  public void setLdap(LdapConnector ldap) { this.ldap = ldap; }
  public PostgresConnector getPostgres() { return postgres; }
  public void setPostgres(PostgresConnector postgres) { this.postgres = postgres; }
  public FileConnector getFile() { return file; }
  public void setFile(FileConnector file) { this.file = file; }
}
