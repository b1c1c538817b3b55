package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Settings of the Hash action. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HashSpec {
  /** Text encodings of a hash. */
  public enum Encoding { Hex, Base64Url }

  @Default("Hex")
  @JsonPropertyDescription("Hex or Base64Url. Either way the output starts with the id of the key that made it.")
  private Encoding encoding;

  public Encoding getEncoding() { return encoding; }
  public void setEncoding(Encoding encoding) { this.encoding = encoding; }
}
