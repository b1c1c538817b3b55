package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The schema of spec.resources: a core/v1 ResourceRequirements, described for kubectl explain
 * (fabric8's model class carries no descriptions). The generator sets no maxLength on a Quantity; CrdFinisher does.
 */
public final class ResourcesSchema {
  @Size(max = ApiLimits.RESOURCE_NAMES)
  @ValidationRule(value = ApiRules.RESOURCE_KEYS, message = ApiRules.RESOURCE_KEYS_MESSAGE)
  @JsonPropertyDescription("Most the sync pod may use, e.g. {cpu: \"1\", memory: 512Mi}.")
  private Map<String, Quantity> limits;

  @Size(max = ApiLimits.RESOURCE_NAMES)
  @ValidationRule(value = ApiRules.RESOURCE_KEYS, message = ApiRules.RESOURCE_KEYS_MESSAGE)
  @JsonPropertyDescription("What the sync pod is guaranteed, e.g. {cpu: 100m, memory: 256Mi}.")
  private Map<String, Quantity> requests;

  private ResourcesSchema() {}

  public Map<String, Quantity> getLimits() { return limits; }
  public Map<String, Quantity> getRequests() { return requests; }
}
