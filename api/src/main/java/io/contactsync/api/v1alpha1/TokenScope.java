package io.contactsync.api.v1alpha1;

/**
 * How far a policy's Tokenize and Hash outputs join. A sync pod holds keys derived for its scope only, so it can
 * reveal (detokenize) only what was made in that scope.
 */
public enum TokenScope {
  /** The policy's own keys: the same value gives the same token in every namespace and sync using the policy. */
  Policy,
  /** Keys derived per namespace: tokens join across the syncs of one namespace, never across namespaces. */
  Namespace,
  /** Keys derived per destination of a sync: tokens join within that one destination only. */
  Destination
}
