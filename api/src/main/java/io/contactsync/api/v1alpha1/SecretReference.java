package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the same namespace, by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {
  @Required
  @Size(max = ApiLimits.OBJECT_NAME)
  @Pattern(ApiPatterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret.")
  private String name;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
