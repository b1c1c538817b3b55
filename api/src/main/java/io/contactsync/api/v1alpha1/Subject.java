package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An RBAC subject, as in a RoleBinding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Subject {
  /** The kinds of RBAC subject. */
  public enum Kind { User, Group, ServiceAccount }

  @Required
  @JsonPropertyDescription("User, Group or ServiceAccount.")
  private Kind kind;

  @Required
  @Size(min = 1, max = ApiLimits.SUBJECT_NAME)
  @JsonPropertyDescription("Name of the user, group or service account.")
  private String name;

  @Size(max = ApiLimits.DNS_LABEL)
  @Pattern(ApiPatterns.DNS_LABEL)
  @JsonPropertyDescription("Namespace of a ServiceAccount; defaults to the object's namespace.")
  private String namespace;

  public Kind getKind() { return kind; }
  public void setKind(Kind kind) { this.kind = kind; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getNamespace() { return namespace; }
  public void setNamespace(String namespace) { this.namespace = namespace; }
}
