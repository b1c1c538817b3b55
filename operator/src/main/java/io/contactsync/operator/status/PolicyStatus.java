package io.contactsync.operator.status;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicyStatus;
import io.contactsync.operator.desired.PolicyGrants;
import io.contactsync.operator.naming.Names;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The status of a PrivacyPolicy: whether it compiles (every problem in the message), and where its keys are. */
public final class PolicyStatus {
  private PolicyStatus() {}

  public static PrivacyPolicyStatus of(PrivacyPolicy policy, List<String> problems, Instant now) {
    return of(policy, problems, Optional.empty(), Optional.empty(), now);
  }

  /**
   * With a refusal, the policy is Ready=False for it and names no keys Secret: the operator made none for it. With
   * refused key-reader grants only, it is Ready=False for them and names its keys Secret, which syncs still use.
   */
  public static PrivacyPolicyStatus of(PrivacyPolicy policy, List<String> problems, Optional<PolicyGrants.Refusal> refusal,
      Optional<PolicyGrants.Refusal> readersRefused, Instant now) {
    List<Condition> before = policy.getStatus() == null ? List.of() : policy.getStatus().getConditions();
    long generation = policy.getMetadata().getGeneration() == null ? 0 : policy.getMetadata().getGeneration();
    int rules = policy.getSpec() == null || policy.getSpec().getRules() == null ? 0 : policy.getSpec().getRules().size();
    PrivacyPolicyStatus status = new PrivacyPolicyStatus();
    status.setObservedGeneration(generation);
    status.setRuleCount(rules);
    if (refusal.isPresent()) {
      status.setConditions(List.of(Conditions.of(before, Reasons.READY, Condition.Status.False, generation,
          refusal.get().reason(), refusal.get().message() + ". The operator makes no keys Secret, Role or RoleBinding "
              + "for this policy until it is fixed.", now)));
      return status;
    }
    status.setKeysSecret(Names.policyKeysSecret(policy));
    if (problems.isEmpty() && readersRefused.isPresent()) {
      status.setConditions(List.of(Conditions.of(before, Reasons.READY, Condition.Status.False, generation,
          readersRefused.get().reason(), readersRefused.get().message() + ". The policy compiles (" + rules
              + " rules); its keys are in Secret " + Names.policyKeysSecret(policy), now)));
      return status;
    }
    status.setConditions(List.of(problems.isEmpty()
        ? Conditions.of(before, Reasons.READY, Condition.Status.True, generation, Reasons.COMPILED,
            "the policy compiles (" + rules + " rules); its keys are in Secret " + Names.policyKeysSecret(policy), now)
        : Conditions.of(before, Reasons.READY, Condition.Status.False, generation, Reasons.POLICY_INVALID,
            "the policy does not compile: " + String.join("; ", problems)
                + ". ContactSyncs that reference it stay stopped until it is fixed.", now)));
    return status;
  }
}
