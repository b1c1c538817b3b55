package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.desired.SyncSecret;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.util.List;
import io.contactsync.operator.resolve.SyncResolution;
import io.contactsync.operator.resolve.TakenNames;
import io.contactsync.operator.runs.RunState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** What the reconciler resolved once per reconcile, handed to the dependents through JOSDK's context. */
public final class SyncContext {
  private SyncContext() {}

  public static void put(Context<ContactSync> context, SyncResolution resolution, RunState runs, OperatorSettings settings) {
    context.managedWorkflowAndDependentResourceContext().put(SyncResolution.class, resolution);
    context.managedWorkflowAndDependentResourceContext().put(RunState.class, runs);
    context.managedWorkflowAndDependentResourceContext().put(OperatorSettings.class, settings);
  }

  /** The names of the sync's objects that somebody else's objects hold: those the workflow leaves alone. */
  public static void putTakenNames(Context<ContactSync> context, TakenNames taken) {
    context.managedWorkflowAndDependentResourceContext().put(TakenNames.class, taken);
  }

  static TakenNames takenNames(Context<ContactSync> context) {
    return context.managedWorkflowAndDependentResourceContext().get(TakenNames.class, TakenNames.class).orElse(TakenNames.NONE);
  }

  /** Where the sync Secret's keys appear in a sync pod; the CronJob and requested runs mount the same. */
  static List<KeyToPath> secretItems(ContactSync sync, Context<ContactSync> context) {
    SyncResolution r = resolution(context);
    return SyncSecret.volumeItems(SyncSecret.desired(sync, r.policies(), r.policyKeys(), r.credentials()));
  }

  static RunState runs(Context<ContactSync> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(RunState.class, RunState.class);
  }

  static SyncResolution resolution(Context<ContactSync> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(SyncResolution.class, SyncResolution.class);
  }

  static OperatorSettings settings(Context<ContactSync> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(OperatorSettings.class, OperatorSettings.class);
  }
}
