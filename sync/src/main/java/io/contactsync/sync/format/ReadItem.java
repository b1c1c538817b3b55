package io.contactsync.sync.format;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.sanitize.QuarantineReason;

/**
 * One record of a source: a contact, or a record that could not become one, with its reason and a locator
 * (line 17, card 3) that points at it without repeating its content.
 */
public record ReadItem(Contact contact, QuarantineReason reason, String locator) {
  public static ReadItem of(Contact contact, String locator) {
    return new ReadItem(contact, null, locator);
  }

  public static ReadItem quarantined(QuarantineReason reason, String locator) {
    return new ReadItem(null, reason, locator);
  }

  public boolean quarantined() { return reason != null; }
}
