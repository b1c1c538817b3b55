package io.contactsync.privacy.policy;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.sanitize.QuarantineReason;

/**
 * The result of applying a policy to one contact: either the contact as it may leave, or a quarantine with its
 * reason and the field path that caused it (never the value).
 */
public record PolicyOutcome(Contact contact, QuarantineReason reason, String fieldPath, int droppedValues) {
  public boolean quarantined() { return reason != null; }
}
