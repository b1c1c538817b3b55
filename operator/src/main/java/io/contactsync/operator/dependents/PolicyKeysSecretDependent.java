package io.contactsync.operator.dependents;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.PolicyKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;

/**
 * A policy's keys: created once, and never updated by a reconcile (this dependent is no Updater), so key material
 * is never regenerated. Rotation is an explicit act that adds keys.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.KEYS_COMPONENT_SELECTOR))
public final class PolicyKeysSecretDependent extends KubernetesDependentResource<Secret, PrivacyPolicy>
    implements Creator<Secret, PrivacyPolicy>, GarbageCollected<PrivacyPolicy> {
  public PolicyKeysSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    return PolicyKeysSecret.desired(policy, PolicyKeys.generate());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(PrivacyPolicy policy, Context<PrivacyPolicy> context) {
    return new ResourceID(Names.policyKeysSecret(policy), policy.getMetadata().getNamespace());
  }
}
