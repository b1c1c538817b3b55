package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Where the policy's keysets (AES-SIV for Tokenize, HMAC for Hash and record ids, HPKE for Encrypt) live, and how far tokens join. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeysSpec {
  @Size(max = ApiLimits.OBJECT_NAME)
  @Pattern(ApiPatterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret holding the keysets, created once by the operator (owned by this "
      + "policy) and never regenerated; defaults to <policy name>-keys. It must not name an existing Secret the operator "
      + "did not create for this policy: such a policy is refused (KeysSecretNotOwned) and the Secret is left alone.")
  private String secretName;

  @JsonPropertyDescription("How far Tokenize and Hash outputs join, and so whose outputs a sync pod's keys can open: "
      + "Policy (one key for every namespace using the policy: tokens join everywhere, and any admitted namespace can "
      + "detokenize every other's tokens), Namespace (keys derived per namespace: tokens join across the syncs of one "
      + "namespace only) or Destination (keys derived per destination of one sync: tokens join within it only). "
      + "Defaults to Namespace. Changing it changes every token and hash the policy writes from the next run on; "
      + "record ids do not change.")
  private TokenScope tokenScope;

  public String getSecretName() { return secretName; }
  public void setSecretName(String secretName) { this.secretName = secretName; }

  public TokenScope getTokenScope() { return tokenScope; }
  public void setTokenScope(TokenScope tokenScope) { this.tokenScope = tokenScope; }
}
