package io.contactsync.api.v1alpha1;

/** What a rule does to the fields it names. */
public enum PolicyAction {
  /** Pass the value unchanged. */
  Keep,
  /** The value never leaves. */
  Drop,
  /** Replace the value with a fixed marker. */
  Redact,
  /** Replace all but the first/last characters (see mask). */
  Mask,
  /** Keyed HMAC-SHA256: irreversible, equal inputs give equal outputs (joinable). */
  Hash,
  /** Deterministic AES-SIV: joinable and reversible by key readers. */
  Tokenize,
  /** Randomized HPKE to the policy's public key: reversible by key readers only (pods cannot), not joinable. */
  Encrypt,
  /** Coarsen: a date to its year or month, a string to a prefix (see generalize). */
  Generalize
}
