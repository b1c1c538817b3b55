package io.contactsync.api.v1alpha1;

/** File formats of the file connector. */
public enum FileFormat {
  /** One canonical contact as JSON per line. */
  Jsonl,
  /** Comma-separated values with a header of canonical field paths. */
  Csv,
  /** vCard 3.0 or 4.0 when read; 4.0 when written. */
  Vcard
}
