package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Where a connector's credentials come from: a Secret, or values sealed for this ContactSync. Set one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ApiRules.ONE_CREDENTIAL_SOURCE, message = ApiRules.ONE_CREDENTIAL_SOURCE_MESSAGE)
public class CredentialsRef {
  @JsonPropertyDescription("A Secret in the ContactSync's namespace holding the credentials, used only with its writer's "
      + "consent: of type Opaque, kubernetes.io/basic-auth or kubernetes.io/tls, labelled contactsync.io/credentials=allowed, "
      + "and, if annotated, naming this sync in contactsync.io/allowed-syncs and this endpoint's host in "
      + "contactsync.io/allowed-hosts. Otherwise Ready is False with reason CredentialsUnavailable.")
  private SecretReference secretRef;

  @Size(min = 1, max = ApiLimits.SEALED_KEYS)
  @ValidationRule(value = ApiRules.CREDENTIAL_KEYS, message = ApiRules.CREDENTIAL_KEYS_MESSAGE)
  @JsonPropertyDescription("Credentials sealed with 'contactsync seal --namespace NS --name SYNC --endpoint ENDPOINT "
      + "--url URL --key KEY', by key (username, password, token, signingKey, ca.crt): safe to keep in Git. A sealed.v2 "
      + "value opens only for this ContactSync, this endpoint, this key and the host and port of this connector's url, "
      + "into the sync's own Secret; anywhere else it does not open. sealed.v1 values are accepted here only to be "
      + "refused with the command that seals them again. A value holds at most 4 KiB (5,632 characters sealed); larger "
      + "CA bundles belong in a Secret.")
  private Map<String, @Size(max = ApiLimits.SEALED_VALUE) @Pattern("^sealed\\.v[12]\\.[A-Za-z0-9_-]+$") String> sealed;

  public SecretReference getSecretRef() { return secretRef; }
  public void setSecretRef(SecretReference secretRef) { this.secretRef = secretRef; }
  public Map<String, String> getSealed() { return sealed; }

  /** Whether any value is sealed here (an empty map counts as none). */
  @JsonIgnore
  public boolean hasSealed() { return sealed != null && !sealed.isEmpty(); }
  public void setSealed(Map<String, String> sealed) { this.sealed = sealed; }
}
