package io.contactsync.operator.reconciler;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicyStatus;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.dependents.KeyReaderDependents;
import io.contactsync.operator.dependents.PolicyAdmission;
import io.contactsync.operator.dependents.PolicyKeysSecretDependent;
import io.contactsync.operator.desired.PolicyGrants;
import io.contactsync.operator.desired.KeyReaderAccess;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.runtime.EventRecorder;
import io.contactsync.operator.status.PolicyStatus;
import io.contactsync.operator.status.Reasons;
import io.contactsync.operator.status.StatusEvents;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.config.PolicyDefinitions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compiles the policy for its status, keeps its keys Secret (created once) and its key readers' access. */
// not generation-aware: a rotation request is an annotation, which leaves the generation alone
@ControllerConfiguration(name = PrivacyPolicyReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(itemStore = LeanItemStore.class))
// explicit: whether the policy may have keys and grants at all is decided first, from the API, not the caches
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "keys", type = PolicyKeysSecretDependent.class, reconcilePrecondition = PolicyAdmission.class),
    @Dependent(name = "reader-role", type = KeyReaderDependents.ReaderRole.class,
        reconcilePrecondition = KeyReaderDependents.HasKeyReaders.class),
    @Dependent(name = "reader-binding", type = KeyReaderDependents.ReaderBinding.class,
        reconcilePrecondition = KeyReaderDependents.HasKeyReaders.class, dependsOn = "reader-role")})
public final class PrivacyPolicyReconciler implements Reconciler<PrivacyPolicy> {
  public static final String NAME = "privacypolicy";
  private static final Duration RECHECK_FOREIGN_KEYS = Duration.ofMinutes(1);
  private final String operatorNamespace;
  private final Clock clock;
  private final EventRecorder events;

  /** @param operatorNamespace the operator's own namespace, where no policy is accepted */
  public PrivacyPolicyReconciler(String operatorNamespace, Clock clock, EventRecorder events) {
    this.operatorNamespace = operatorNamespace;
    this.clock = clock;
    this.events = events;
  }

  @Override
  public UpdateControl<PrivacyPolicy> reconcile(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    boolean inOperatorNamespace = operatorNamespace.equals(policy.getMetadata().getNamespace());
    Optional<PolicyGrants.Refusal> refusal = PolicyGrants.refusal(policy, operatorNamespace,
        inOperatorNamespace ? null : existingKeys(policy, context));
    PolicyAdmission.put(context, refusal.isEmpty());
    Optional<PolicyGrants.Refusal> readersTaken = refusal.isPresent() ? Optional.empty()
        : PolicyGrants.readerNamesTaken(policy, existingReaderAccess(policy, context));
    PolicyAdmission.putReaderNamesFree(context, readersTaken.isEmpty());
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    List<String> problems = new ArrayList<>(policy.getSpec() == null ? List.of("spec is missing")
        : PolicyCompiler.check(PolicyDefinitions.from(policy.getSpec())));
    problems.addAll(PolicyKeysSecret.rotationProblems(policy));
    PrivacyPolicyStatus status = PolicyStatus.of(policy, problems, refusal, readersTaken, clock.instant());
    UpdateControl<PrivacyPolicy> control = UpdateControl.noUpdate();
    if (!status.equals(policy.getStatus())) {
      events.record(context.getClient(), policy, StatusEvents.between(policy.getStatus(), status));
      PrivacyPolicy patch = new PrivacyPolicy();
      patch.setMetadata(StatusPatches.metadataOf(policy));
      patch.setStatus(status);
      control = UpdateControl.patchStatus(patch);
    }
    // no watch sees the deletion of a Secret the operator does not label: look again, writing nothing if unchanged
    boolean foreignKeys = refusal.map(r -> r.reason().equals(Reasons.KEYS_SECRET_NOT_OWNED)).orElse(false);
    return foreignKeys || readersTaken.isPresent() ? control.rescheduleAfter(RECHECK_FOREIGN_KEYS) : control;
  }

  /**
   * The Role and RoleBinding named {@code <policy>-key-readers} that exist, when the policy names key readers. The
   * informers see only the operator's labelled objects, so one not found there is read from the API.
   */
  private static List<HasMetadata> existingReaderAccess(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    if (KeyReaderAccess.role(policy).isEmpty()) return List.of();
    String name = Names.keyReadersRole(policy);
    String namespace = policy.getMetadata().getNamespace();
    List<HasMetadata> out = new ArrayList<>();
    context.getSecondaryResources(Role.class).stream().filter(r -> named(r, namespace, name)).findFirst()
        .or(() -> Optional.ofNullable(context.getClient().rbac().roles().inNamespace(namespace).withName(name).get()))
        .ifPresent(out::add);
    context.getSecondaryResources(RoleBinding.class).stream().filter(b -> named(b, namespace, name)).findFirst()
        .or(() -> Optional.ofNullable(context.getClient().rbac().roleBindings().inNamespace(namespace).withName(name).get()))
        .ifPresent(out::add);
    return out;
  }

  private static boolean named(HasMetadata object, String namespace, String name) {
    return name.equals(object.getMetadata().getName()) && namespace.equals(object.getMetadata().getNamespace());
  }

  /**
   * The Secret that has the policy's keys Secret name, if any. The keys informer sees only the operator's labelled
   * Secrets, so one not found there is read from the API: an unlabelled Secret of that name is someone else's.
   */
  private static Secret existingKeys(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    String name = Names.policyKeysSecret(policy);
    String namespace = policy.getMetadata().getNamespace();
    return context.getSecondaryResources(Secret.class).stream()
        .filter(s -> name.equals(s.getMetadata().getName()) && namespace.equals(s.getMetadata().getNamespace()))
        .findFirst()
        .orElseGet(() -> context.getClient().secrets().inNamespace(namespace).withName(name).get());
  }
}
