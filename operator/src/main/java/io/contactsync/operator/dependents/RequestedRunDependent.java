package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.RequestedRun;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/**
 * One Job per distinct run request, one at a time. Only ever created (never updated, so a running run stays); not
 * GarbageCollected for JOSDK, which would then delete it once the request is honoured, but owned by the sync through
 * the owner reference its builder sets, so it goes with the sync. Before it makes one, it deletes the sync's own
 * finished requested runs beyond the newest few, so they never pile up (the TTL controller may not run, as on
 * Kubernetes 1.20).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.RUN_REQUEST_SELECTOR, itemStore = LeanItemStore.class))
public final class RequestedRunDependent extends KubernetesDependentResource<Job, ContactSync>
    implements Creator<Job, ContactSync> {
  public RequestedRunDependent() {
    super(Job.class);
  }

  @Override
  protected Job desired(ContactSync sync, Context<ContactSync> context) {
    return RequestedRun.desired(sync, RequestedRun.pending(sync).orElseThrow(), SyncContext.settings(context),
        SyncContext.secretItems(sync, context));
  }

  @Override
  public Job create(Job desired, ContactSync sync, Context<ContactSync> context) {
    for (String name : SyncContext.runs(context).requestedBeyondHistory()) {
      context.getClient().batch().v1().jobs().inNamespace(sync.getMetadata().getNamespace()).withName(name)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    return super.create(desired, sync, context);
  }

  /**
   * The Job of the pending request, looked up by name in the informer's cache: found whether or not it carries the
   * annotations JOSDK maps secondaries with (a Job made by an earlier version does not), so it is never created twice.
   */
  @Override
  public Optional<Job> getSecondaryResource(ContactSync sync, Context<ContactSync> context) {
    ResourceID id = new ResourceID(Names.requestedRunJob(sync, RequestedRun.pending(sync).orElse("")),
        sync.getMetadata().getNamespace());
    return eventSource().flatMap(source -> source.get(id));
  }

  /**
   * A request not yet honoured, data allowed to flow, and no run outstanding: no Job of the sync, scheduled or
   * requested, that has not finished (runs never overlap). A request made meanwhile waits, and is honoured once that
   * run finishes; the annotation holds one value, so requests made during one run become one run after it.
   */
  public static final class Requested implements Condition<Job, ContactSync> {
    @Override
    public boolean isMet(DependentResource<Job, ContactSync> d, ContactSync sync, Context<ContactSync> context) {
      return RequestedRun.pending(sync).isPresent() && SyncContext.resolution(context).dataMayFlow()
          && !SyncContext.runs(context).runOutstanding();
    }
  }
}
