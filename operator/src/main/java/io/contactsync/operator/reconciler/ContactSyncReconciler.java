package io.contactsync.operator.reconciler;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.dependents.CronJobDependent;
import io.contactsync.operator.dependents.DataMayFlow;
import io.contactsync.operator.dependents.JobConfigMapDependent;
import io.contactsync.operator.dependents.NameFree;
import io.contactsync.operator.dependents.NetworkPolicyDependent;
import io.contactsync.operator.dependents.RequestedRunDependent;
import io.contactsync.operator.dependents.RetiredAccessBindings;
import io.contactsync.operator.dependents.ServiceAccountDependent;
import io.contactsync.operator.dependents.StateConfigMapDependent;
import io.contactsync.operator.dependents.SyncContext;
import io.contactsync.operator.dependents.SyncSecretDependent;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.resolve.SyncResolution;
import io.contactsync.operator.resolve.SyncResolver;
import io.contactsync.operator.resolve.TakenNames;
import io.contactsync.operator.runs.RunState;
import io.contactsync.operator.runtime.EventRecorder;
import io.contactsync.operator.runtime.SealingKeyring;
import io.contactsync.operator.runtime.SyncMetrics;
import io.contactsync.operator.status.Conditions;
import io.contactsync.operator.status.Reasons;
import io.contactsync.operator.status.StatusEvents;
import io.contactsync.operator.status.SyncStatus;
import io.contactsync.sync.config.SyncValidation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Thin by design: resolve the sync's references, let the workflow of dependents converge, write status.
 * The logic lives in the resolver, the desired-state builders and the status builder.
 */
// Not generation-aware: a run request is an annotation, which does not change metadata.generation. Reconciles
// are idempotent, and one that finds everything converged writes nothing.
@ControllerConfiguration(name = ContactSyncReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(itemStore = LeanItemStore.class),
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "service-account", type = ServiceAccountDependent.class,
        reconcilePrecondition = NameFree.ForServiceAccount.class),
    @Dependent(name = "state", type = StateConfigMapDependent.class, reconcilePrecondition = NameFree.ForState.class),
    @Dependent(name = "network-policy", type = NetworkPolicyDependent.class,
        reconcilePrecondition = NameFree.ForNetworkPolicy.class, readyPostcondition = NetworkPolicyDependent.Applied.class),
    @Dependent(name = "job-config", type = JobConfigMapDependent.class, reconcilePrecondition = DataMayFlow.class),
    @Dependent(name = "secret", type = SyncSecretDependent.class, reconcilePrecondition = DataMayFlow.class),
    // fail closed: no CronJob and no run Job until the NetworkPolicy is applied (its reconcile in this pass succeeded)
    @Dependent(name = "cronjob", type = CronJobDependent.class, reconcilePrecondition = DataMayFlow.class,
        dependsOn = {"service-account", "state", "network-policy", "job-config", "secret"}),
    @Dependent(name = "viewers", type = RetiredAccessBindings.Viewers.class,
        reconcilePrecondition = RetiredAccessBindings.NeverWanted.class),
    @Dependent(name = "editors", type = RetiredAccessBindings.Editors.class,
        reconcilePrecondition = RetiredAccessBindings.NeverWanted.class),
    @Dependent(name = "requested-run", type = RequestedRunDependent.class,
        reconcilePrecondition = RequestedRunDependent.Requested.class,
        dependsOn = {"service-account", "state", "network-policy", "job-config", "secret"})})
public final class ContactSyncReconciler implements Reconciler<ContactSync> {
  public static final String NAME = "contactsync";
  static final String POLICY_INDEX = "policies";
  private static final Duration RETRY_TRANSIENT = Duration.ofSeconds(30);
  private static final Set<String> TRANSIENT = Set.of(Reasons.POLICY_KEYS_MISSING,
      Reasons.NAME_TAKEN); // the other object's deletion is not an event of ours

  private final OperatorSettings settings;
  private final Clock clock;
  private final EventRecorder events;
  private final SyncMetrics metrics;
  private final SealingKeyring sealingKeys;
  private final ApiServerAddresses apiServer;
  private InformerEventSource<PrivacyPolicy, ContactSync> policies;
  private InformerEventSource<Secret, ContactSync> policyKeys;
  private InformerEventSource<Pod, ContactSync> runPods;
  private ConsentSources consent;

  public ContactSyncReconciler(OperatorSettings settings, SealingKeyring sealingKeys, Clock clock, EventRecorder events,
      SyncMetrics metrics) {
    this.settings = settings;
    this.sealingKeys = sealingKeys;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
    this.apiServer = new ApiServerAddresses(clock);
  }

  @Override
  public UpdateControl<ContactSync> reconcile(ContactSync sync, Context<ContactSync> context) {
    SyncResolution resolved = SyncResolver.resolve(sync,
        new ClusterLookups(policies, policyKeys, consent, context.getClient(), sealingKeys, settings.bounds(),
            apiServer));
    TakenNames taken = TakenNames.of(sync, new ExistingObjects(context));
    SyncResolution resolution = resolved.withViolations(taken.violations(sync));
    RunState runs = runState(context);
    SyncContext.put(context, resolution, runs, settings);
    SyncContext.putTakenNames(context, taken);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    // the workflow may just have created a requested run's Job: read the runs again for the status
    ContactSyncStatus status = SyncStatus.of(sync, resolution, runState(context), settings, clock.instant());
    UpdateControl<ContactSync> control = UpdateControl.noUpdate();
    if (!status.equals(sync.getStatus())) {
      events.record(context.getClient(), sync, StatusEvents.between(sync.getStatus(), status));
      metrics.observe(sync.getStatus(), status);
      control = patchStatus(sync, status);
    }
    boolean transientProblem = resolution.violations().stream().anyMatch(v -> TRANSIENT.contains(v.reason()))
        || !resolution.unresolved().isEmpty();
    return transientProblem ? control.rescheduleAfter(RETRY_TRANSIENT) : control;
  }

  @Override
  public ErrorStatusUpdateControl<ContactSync> updateErrorStatus(ContactSync sync, Context<ContactSync> context, Exception e) {
    if (StatusPatches.onlyConflicts(e)) return ErrorStatusUpdateControl.noStatusUpdate(); // retried, not a failure
    ContactSyncStatus status = sync.getStatus() == null ? new ContactSyncStatus() : sync.getStatus();
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    conditions.removeIf(c -> Reasons.READY.equals(c.getType()));
    long generation = Objects.requireNonNullElse(sync.getMetadata().getGeneration(), 0L);
    conditions.add(Conditions.of(status.getConditions(), Reasons.READY, Condition.Status.False, generation,
        Reasons.DEPENDENTS_FAILED, "the operator could not converge the sync's objects (" + FailureSummary.of(e)
            + "); it retries with backoff", clock.instant()));
    status.setConditions(conditions);
    sync.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(sync);
  }

  /**
   * What the sync's pods, CronJob and Jobs say about its runs. Jobs come from both Job sources (the requested-run
   * dependent's holds a Job the workflow has just made); RunState keeps only what is the sync's by owner UIDs.
   */
  private RunState runState(Context<ContactSync> context) {
    return RunState.of(context.getPrimaryResource(), runPods.getSecondaryResources(context.getPrimaryResource()),
        context.getSecondaryResource(CronJob.class).orElse(null), context.getSecondaryResources(Job.class));
  }

  private static UpdateControl<ContactSync> patchStatus(ContactSync sync, ContactSyncStatus status) {
    ContactSync patch = new ContactSync();
    patch.setMetadata(StatusPatches.metadataOf(sync));
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }

  @Override
  public List<EventSource<?, ContactSync>> prepareEventSources(EventSourceContext<ContactSync> context) {
    context.getPrimaryCache().addIndexer(POLICY_INDEX, ContactSyncReconciler::referencedPolicies);
    metrics.watch(() -> context.getPrimaryCache().list());
    policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(PrivacyPolicy.class, ContactSync.class)
        .withName("policies")
        .withItemStore(new LeanItemStore<>())
        .withSecondaryToPrimaryMapper(p -> syncsReferencing(context, p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
        .build(), context);
    policyKeys = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, ContactSync.class)
        .withName("policy-keys")
        .withItemStore(new LeanItemStore<>())
        .withLabelSelector(Names.KEYS_COMPONENT_SELECTOR)
        .withSecondaryToPrimaryMapper(s -> syncsReferencing(context, s.getMetadata().getNamespace() + "/"
            + s.getMetadata().getLabels().getOrDefault(Names.POLICY_LABEL, "")))
        .build(), context);
    runPods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ContactSync.class)
        .withName("run-pods")
        .withItemStore(new LeanItemStore<>())
        .withLabelSelector(Names.SYNC_COMPONENT_SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(pod.getMetadata().getLabels().get(Names.SYNC_LABEL),
            pod.getMetadata().getNamespace())))
        .build(), context);
    // every Job with a sync's labels, scheduled or requested: a pod counts as a run only when its Job is here
    InformerEventSource<Job, ContactSync> runJobs = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Job.class, ContactSync.class)
            .withName("run-jobs")
            .withItemStore(new LeanItemStore<>())
            .withLabelSelector(Names.SYNC_COMPONENT_SELECTOR)
            .withSecondaryToPrimaryMapper(job -> job.getMetadata().getLabels().containsKey(Names.SYNC_LABEL)
                ? Set.of(new ResourceID(job.getMetadata().getLabels().get(Names.SYNC_LABEL), job.getMetadata().getNamespace()))
                : Set.of())
            .build(), context);
    consent = new ConsentSources(context);
    List<EventSource<?, ContactSync>> sources = new ArrayList<>(List.of(policies, policyKeys, runPods, runJobs));
    sources.addAll(consent.eventSources());
    return sources;
  }

  /** The policies a sync references, as "namespace/name": the index that maps a policy change to its syncs. */
  static List<String> referencedPolicies(ContactSync sync) {
    if (sync.getSpec() == null || sync.getSpec().getDestinations() == null) return List.of();
    return sync.getSpec().getDestinations().stream().map(DestinationSpec::getPrivacyPolicyRef).filter(Objects::nonNull)
        .map(ref -> SyncValidation.namespaceOf(ref, sync.getMetadata().getNamespace()) + "/" + ref.getName())
        .distinct().toList();
  }

  private static Set<ResourceID> syncsReferencing(EventSourceContext<ContactSync> context, String policy) {
    return context.getPrimaryCache().byIndex(POLICY_INDEX, policy).stream().map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
