package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrivacyPolicySpec {
  @Default("Drop")
  @JsonPropertyDescription("Action for every field no rule names. Drop (the default) makes the policy an allowlist.")
  private PolicyAction defaultAction;

  @Size(max = ApiLimits.RULES)
  @JsonPropertyDescription("Per-field actions. A field named by two rules of the same specificity is an error.")
  private List<PolicyRule> rules = new ArrayList<>();

  @JsonPropertyDescription("How values are checked and cleaned before the rules apply.")
  private ValidationSpec validation;

  @JsonPropertyDescription("Where the policy's Tink keysets live.")
  private KeysSpec keys;

  @JsonPropertyDescription("Who may use this policy, where its data may go, and who may read its keys.")
  private PolicyAccess access;

  public PolicyAction getDefaultAction() { return defaultAction; }
  public void setDefaultAction(PolicyAction defaultAction) { this.defaultAction = defaultAction; }
  public List<PolicyRule> getRules() { return rules; }
  public void setRules(List<PolicyRule> rules) { this.rules = rules; }
  public ValidationSpec getValidation() { return validation; }
  public void setValidation(ValidationSpec validation) { this.validation = validation; }
  public KeysSpec getKeys() { return keys; }
  public void setKeys(KeysSpec keys) { this.keys = keys; }
  public PolicyAccess getAccess() { return access; }
  public void setAccess(PolicyAccess access) { this.access = access; }
}
