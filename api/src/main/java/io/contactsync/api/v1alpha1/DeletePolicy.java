package io.contactsync.api.v1alpha1;

/** What a deletion at the source does to the destinations. */
public enum DeletePolicy {
  /** Delete the destination record too. */
  Propagate,
  /** Keep the destination record. */
  Ignore
}
