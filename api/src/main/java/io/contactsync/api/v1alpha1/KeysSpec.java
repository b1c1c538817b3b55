package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Where the policy's keysets (AES-SIV for Tokenize, HMAC for Hash and record ids, AES-GCM for Encrypt) live. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeysSpec {
  @Pattern(ApiPatterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret holding the keysets, created once by the operator (owned by this "
      + "policy) and never regenerated; defaults to <policy name>-keys. It must not name an existing Secret the operator "
      + "did not create for this policy: such a policy is refused (KeysSecretNotOwned) and the Secret is left alone.")
  private String secretName;

  public String getSecretName() { return secretName; }
  public void setSecretName(String secretName) { this.secretName = secretName; }
}
