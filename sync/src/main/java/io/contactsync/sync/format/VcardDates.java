package io.contactsync.sync.format;

import ezvcard.property.DateOrTimeProperty;
import java.time.LocalDate;

/** BDAY and ANNIVERSARY as the canonical contact holds dates: 2009-08-08, --02-03 (no year), or the text given. */
final class VcardDates {
  private VcardDates() {}

  static String read(DateOrTimeProperty d) {
    if (d == null) return null;
    if (d.getDate() != null) {
      try {
        return LocalDate.from(d.getDate()).toString();
      } catch (RuntimeException e) {
        return d.getDate().toString();
      }
    }
    if (d.getPartialDate() != null) return d.getPartialDate().toISO8601(true);
    return d.getText() == null || d.getText().isBlank() ? null : d.getText();
  }
}
