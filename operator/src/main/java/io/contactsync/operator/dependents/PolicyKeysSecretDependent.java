package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.PolicyKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A policy's keys: created once. The desired Secret is derived from the actual one, so a reconcile never
 * regenerates key material; it changes only when the policy requests a rotation, which adds keys.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.KEYS_COMPONENT_SELECTOR, itemStore = LeanItemStore.class))
public final class PolicyKeysSecretDependent extends KubernetesDependentResource<Secret, PrivacyPolicy>
    implements Creator<Secret, PrivacyPolicy>, Updater<Secret, PrivacyPolicy>, GarbageCollected<PrivacyPolicy> {
  public PolicyKeysSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    return PolicyKeysSecret.desired(policy, getSecondaryResource(policy, context).orElse(null), PolicyKeys::generate);
  }

  /**
   * Never deletes. When the policy is not admitted (PolicyAdmission) the workflow would delete the dependent; but
   * what it would find may be all that opens old data, or (for a name the policy does not own) not ours at all.
   * Deleting the policy removes its keys Secret through its owner reference.
   */
  @Override
  public void delete(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
  }

  @Override
  protected ResourceID targetSecondaryResourceID(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    return new ResourceID(Names.policyKeysSecret(policy), policy.getMetadata().getNamespace());
  }
}
