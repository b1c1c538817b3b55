package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Holds while the operator may make a policy's keys Secret and key-reader grants (see PolicyGrants.refusal, which
 * the reconciler decides once per reconcile and hands over here through JOSDK's context).
 */
public final class PolicyAdmission implements Condition<Object, PrivacyPolicy> {
  private static final String KEY = "policy-admitted";
  private static final String READER_NAMES_FREE = "reader-names-free";

  public static void put(Context<PrivacyPolicy> context, boolean admitted) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, admitted);
  }

  /** Whether {@code <policy>-key-readers} is free for the operator's Role and RoleBinding (PolicyGrants.readerNamesTaken). */
  public static void putReaderNamesFree(Context<PrivacyPolicy> context, boolean free) {
    context.managedWorkflowAndDependentResourceContext().put(READER_NAMES_FREE, free);
  }

  static boolean readerNamesFree(Context<PrivacyPolicy> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(READER_NAMES_FREE, Boolean.class);
  }

  static boolean admitted(Context<PrivacyPolicy> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, Boolean.class);
  }

  @Override
  public boolean isMet(DependentResource<Object, PrivacyPolicy> dependent, PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    return admitted(context);
  }
}
