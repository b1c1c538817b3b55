package io.contactsync.api.v1alpha1;

/** How much of the source a run reads. */
public enum SyncMode {
  /** Start from the checkpoint and read only what changed (falls back to a full read when the source cannot say). */
  Incremental,
  /** Read everything on every run. */
  Full
}
