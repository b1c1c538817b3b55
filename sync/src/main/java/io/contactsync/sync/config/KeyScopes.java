package io.contactsync.sync.config;

import io.contactsync.api.v1alpha1.KeysSpec;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.TokenScope;
import io.contactsync.privacy.keys.KeyScope;

/**
 * The key scope of one destination of a job, from its policy's keys.tokenScope (default Namespace). The operator
 * derives a pod's keys with it, a local run derives the same, so both write the same outputs for the same scope.
 */
public final class KeyScopes {
  public static final TokenScope DEFAULT = TokenScope.Namespace;

  private KeyScopes() {}

  public static TokenScope tokenScope(PrivacyPolicySpec policy) {
    KeysSpec keys = policy == null ? null : policy.getKeys();
    return keys == null || keys.getTokenScope() == null ? DEFAULT : keys.getTokenScope();
  }

  public static KeyScope of(JobConfig job, JobConfig.Destination destination) {
    return of(tokenScope(destination.policy()), SyncValidation.namespaceOf(destination.policyRef(), job.namespace()),
        destination.policyRef().getName(), job.namespace(), job.name(), destination.name());
  }

  public static KeyScope of(TokenScope scope, String policyNamespace, String policyName, String namespace, String sync,
      String destination) {
    return KeyScope.of(kind(scope), policyNamespace, policyName, namespace, sync, destination);
  }

  public static KeyScope.Kind kind(TokenScope scope) {
    return switch (scope) {
      case Policy -> KeyScope.Kind.POLICY;
      case Namespace -> KeyScope.Kind.NAMESPACE;
      case Destination -> KeyScope.Kind.DESTINATION;
    };
  }
}
