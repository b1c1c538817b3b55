package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Where the policy's keysets (AES-SIV for Tokenize, HMAC for Hash and record ids, AES-GCM for Encrypt) live. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeysSpec {
  @Pattern(ApiPatterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret holding the keysets, created once by the operator and never regenerated; "
      + "defaults to <policy name>-keys.")
  private String secretName;

  public String getSecretName() { return secretName; }
  public void setSecretName(String secretName) { this.secretName = secretName; }
}
