package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to a PrivacyPolicy, possibly in another namespace (which that policy must admit). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyReference {
  @Required
  @Size(max = ApiLimits.OBJECT_NAME)
  @Pattern(ApiPatterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the PrivacyPolicy.")
  private String name;

  @Size(max = ApiLimits.DNS_LABEL)
  @Pattern(ApiPatterns.DNS_LABEL)
  @JsonPropertyDescription("Namespace of the PrivacyPolicy; defaults to the ContactSync's. Another namespace works only if "
      + "the policy lists this sync's namespace in access.namespaces.")
  private String namespace;

  public PolicyReference() {}

  public PolicyReference(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getNamespace() { return namespace; }
  public void setNamespace(String namespace) { this.namespace = namespace; }
}
