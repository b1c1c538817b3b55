package io.contactsync.operator.status;

import io.contactsync.sync.config.Violation;

/** Condition types and their CamelCase reasons, in one place; docs/troubleshooting.md explains each. */
public final class Reasons {
  public static final String READY = "Ready";
  public static final String POLICY_RESOLVED = "PolicyResolved";
  public static final String LAST_RUN_SUCCEEDED = "LastRunSucceeded";

  public static final String RECONCILED = "Reconciled";
  public static final String SUSPENDED = "Suspended";
  public static final String POLICIES_RESOLVED = "PoliciesResolved";
  public static final String COMPILED = "Compiled";
  public static final String NO_RUN_YET = "NoRunYet";
  public static final String RUN_SUCCEEDED = "RunSucceeded";
  public static final String RUN_FAILED = "RunFailed";
  public static final String DEPENDENTS_FAILED = "DependentsFailed";

  public static final String INVALID_SPEC = Violation.INVALID_SPEC;
  public static final String POLICY_NOT_FOUND = Violation.POLICY_NOT_FOUND;
  public static final String POLICY_ACCESS_DENIED = Violation.POLICY_ACCESS_DENIED;
  public static final String POLICY_INVALID = Violation.POLICY_INVALID;
  public static final String DESTINATION_NOT_ALLOWED = Violation.DESTINATION_NOT_ALLOWED;
  public static final String INSECURE_TRANSPORT = Violation.INSECURE_TRANSPORT;
  public static final String POLICY_KEYS_MISSING = "PolicyKeysMissing";
  public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
  public static final String ENDPOINT_NOT_ACCEPTED = "EndpointNotAccepted";
  public static final String EGRESS_NOT_ALLOWED = "EgressNotAllowed";
  public static final String SEALED_VALUE_INVALID = "SealedValueInvalid";
  public static final String NAME_TAKEN = "NameTaken";
  public static final String ACCESS_BINDINGS_UNSUPPORTED = "AccessBindingsUnsupported";
  public static final String KEYS_SECRET_NOT_OWNED = "KeysSecretNotOwned";
  public static final String KEY_READER_NOT_ALLOWED = "KeyReaderNotAllowed";
  public static final String POLICY_IN_OPERATOR_NAMESPACE = "PolicyInOperatorNamespace";
  public static final String SCHEDULE_TOO_FREQUENT = "ScheduleTooFrequent";
  public static final String RESOURCES_TOO_LARGE = "ResourcesTooLarge";
  public static final String TIMEOUT_TOO_LONG = "TimeoutTooLong";

  private Reasons() {}
}
