package io.contactsync.privacy.sanitize;

/** Why a contact was held back. The code is CamelCase and is what summaries, status and metrics show. */
public enum QuarantineReason {
  /** An email address that is not valid syntax. */
  INVALID_EMAIL("InvalidEmail"),
  /** A phone number that is not valid for its region. */
  INVALID_PHONE("InvalidPhone"),
  /** A value longer than the policy's maxFieldLength. */
  FIELD_TOO_LONG("FieldTooLong"),
  /** A record the reader could not parse. */
  UNPARSEABLE("Unparseable"),
  /** A second contact with an id already seen in the same run. */
  DUPLICATE_ID("DuplicateId"),
  /** A record with no identity and nothing to derive one from. */
  MISSING_ID("MissingId"),
  /** A value the destination refused: its syntax, its length or another constraint on it. */
  VALUE_REFUSED("ValueRefused"),
  /** A record that does not fit the destination's schema: an attribute it does not know or allow there. */
  SCHEMA_VIOLATION("SchemaViolation");

  private final String code;

  QuarantineReason(String code) {
    this.code = code;
  }

  public String code() { return code; }
}
