package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** What may leave, and in what form: per-field actions, validation, keys and access rules. */
@JsonClassDescription("What contact data may leave and in what form: per-field actions (keep, drop, redact, mask, hash, tokenize, encrypt, generalize), validation, keys, and who may use it.")
@Group(ContactSync.GROUP)
@Version(ContactSync.VERSION)
@Kind("PrivacyPolicy")
@Singular("privacypolicy")
@Plural("privacypolicies")
@ShortNames("ppol")
@AdditionalPrinterColumn(name = "Rules", jsonPath = ".status.ruleCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Default", jsonPath = ".spec.defaultAction", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = ApiRules.POLICY_NAME, message = ApiRules.POLICY_NAME_MESSAGE)
public class PrivacyPolicy extends CustomResource<PrivacyPolicySpec, PrivacyPolicyStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  @Override
  @JsonPropertyDescription("What may leave and in what form: per-field rules, validation, keys and access.")
  public PrivacyPolicySpec getSpec() { return super.getSpec(); }

  @Override
  @JsonPropertyDescription("Observed state, written by the operator: whether the policy compiles and where its keys are.")
  public PrivacyPolicyStatus getStatus() { return super.getStatus(); }
}
