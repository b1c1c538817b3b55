package io.contactsync.sync.config;

/**
 * One thing wrong with a ContactSync, with a CamelCase reason a status condition can carry and a message that says
 * what to fix. Never holds contact data or secret values.
 */
public record Violation(String reason, String message) {
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String POLICY_NOT_FOUND = "PolicyNotFound";
  public static final String POLICY_ACCESS_DENIED = "PolicyAccessDenied";
  public static final String POLICY_INVALID = "PolicyInvalid";
  public static final String DESTINATION_NOT_ALLOWED = "DestinationNotAllowed";
  public static final String INSECURE_TRANSPORT = "InsecureTransport";

  @Override
  public String toString() { return reason + ": " + message; }
}
