package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** What every connector that talks to a server shares: credentials and the transport security switch. */
public abstract class RemoteConnector {
  @JsonPropertyDescription("Where the credentials come from. The referenced Secret holds 'username' and 'password' "
      + "(or 'signingKey' for webhooks) and optionally 'ca.crt', a PEM bundle of CAs to trust.")
  private CredentialsRef credentials;

  @Default("false")
  @JsonPropertyDescription("Allow plaintext transport (http, ldap without StartTLS, sslmode other than verify-full). "
      + "Off by default; when on, the run summary and status say so.")
  private Boolean allowInsecureTransport;

  /** The endpoint URL as written by the user. */
  public abstract String getUrl();

  public CredentialsRef getCredentials() { return credentials; }
  public void setCredentials(CredentialsRef credentials) { this.credentials = credentials; }
  public Boolean getAllowInsecureTransport() { return allowInsecureTransport; }
  public void setAllowInsecureTransport(Boolean allowInsecureTransport) { this.allowInsecureTransport = allowInsecureTransport; }
}
