package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where a connector's credentials come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsRef {
  @Required
  @JsonPropertyDescription("A Secret in the ContactSync's namespace holding the credentials.")
  private SecretReference secretRef;

  public SecretReference getSecretRef() { return secretRef; }
  public void setSecretRef(SecretReference secretRef) { this.secretRef = secretRef; }
}
