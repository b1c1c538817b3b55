package io.contactsync.privacy.policy;

/** What an invalid value does to its contact. */
public enum InvalidValueHandling {
  /** Hold the whole contact back, with a reason. */
  QUARANTINE,
  /** Drop the value and keep the rest. */
  DROP_VALUE
}
