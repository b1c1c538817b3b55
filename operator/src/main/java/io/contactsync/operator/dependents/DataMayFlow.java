package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.ContactSync;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Holds while nothing stops data from flowing. When it does not, the data-plane objects (CronJob, Secret, job
 * ConfigMap) are deleted: no data and no key leaves under a policy that does not allow it.
 */
public final class DataMayFlow implements Condition<Object, ContactSync> {
  @Override
  public boolean isMet(DependentResource<Object, ContactSync> dependent, ContactSync primary, Context<ContactSync> context) {
    return SyncContext.resolution(context).dataMayFlow();
  }
}
