package io.contactsync.api.v1alpha1;

/** What happens to a contact with an invalid value. */
public enum InvalidValueAction {
  /** Hold the whole contact back and count it with a reason. */
  Quarantine,
  /** Drop just the invalid value and keep the rest of the contact. */
  DropValue
}
