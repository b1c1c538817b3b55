package io.contactsync.operator.reconciler;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicyStatus;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.dependents.KeyReaderDependents;
import io.contactsync.operator.dependents.PolicyKeysSecretDependent;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.runtime.EventRecorder;
import io.contactsync.operator.status.PolicyStatus;
import io.contactsync.operator.status.StatusEvents;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.config.PolicyDefinitions;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Compiles the policy for its status, keeps its keys Secret (created once) and its key readers' access. */
// not generation-aware: a rotation request is an annotation, which leaves the generation alone
@ControllerConfiguration(name = PrivacyPolicyReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(itemStore = LeanItemStore.class))
@Workflow(dependents = {
    @Dependent(name = "keys", type = PolicyKeysSecretDependent.class),
    @Dependent(name = "reader-role", type = KeyReaderDependents.ReaderRole.class,
        reconcilePrecondition = KeyReaderDependents.HasKeyReaders.class),
    @Dependent(name = "reader-binding", type = KeyReaderDependents.ReaderBinding.class,
        reconcilePrecondition = KeyReaderDependents.HasKeyReaders.class, dependsOn = "reader-role")})
public final class PrivacyPolicyReconciler implements Reconciler<PrivacyPolicy> {
  public static final String NAME = "privacypolicy";
  private final Clock clock;
  private final EventRecorder events;

  public PrivacyPolicyReconciler(Clock clock, EventRecorder events) {
    this.clock = clock;
    this.events = events;
  }

  @Override
  public UpdateControl<PrivacyPolicy> reconcile(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    List<String> problems = new ArrayList<>(policy.getSpec() == null ? List.of("spec is missing")
        : PolicyCompiler.check(PolicyDefinitions.from(policy.getSpec())));
    problems.addAll(PolicyKeysSecret.rotationProblems(policy));
    PrivacyPolicyStatus status = PolicyStatus.of(policy, problems, clock.instant());
    if (status.equals(policy.getStatus())) return UpdateControl.noUpdate();
    events.record(context.getClient(), policy, StatusEvents.between(policy.getStatus(), status));
    PrivacyPolicy patch = new PrivacyPolicy();
    patch.setMetadata(StatusPatches.metadataOf(policy));
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }
}
