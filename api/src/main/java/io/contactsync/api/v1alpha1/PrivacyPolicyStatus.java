package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a PrivacyPolicy; rebuilt whole by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrivacyPolicyStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @Size(max = ApiLimits.CONDITIONS)
  @JsonPropertyDescription("Ready (the policy compiles and its keys exist), in the metav1.Condition shape.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Number of rules, for kubectl get.")
  private Integer ruleCount;

  @Size(max = ApiLimits.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret holding the policy's keysets.")
  private String keysSecret;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public Integer getRuleCount() { return ruleCount; }
  public void setRuleCount(Integer ruleCount) { this.ruleCount = ruleCount; }
  public String getKeysSecret() { return keysSecret; }
  public void setKeysSecret(String keysSecret) { this.keysSecret = keysSecret; }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof PrivacyPolicyStatus)) return false;
    PrivacyPolicyStatus that = (PrivacyPolicyStatus) o;
    return Objects.equals(observedGeneration, that.observedGeneration) && Objects.equals(conditions, that.conditions)
        && Objects.equals(ruleCount, that.ruleCount) && Objects.equals(keysSecret, that.keysSecret);
  }

  @Override
  public int hashCode() { return Objects.hash(observedGeneration, conditions, ruleCount, keysSecret); }
}
