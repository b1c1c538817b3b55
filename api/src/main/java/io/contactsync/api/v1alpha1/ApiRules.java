package io.contactsync.api.v1alpha1;

import java.util.List;
import java.util.Map;

/**
 * The cross-field rules of both CRDs as CEL (x-kubernetes-validations), which API servers from 1.25 on check at
 * admission. Older servers drop the rules; the operator's validation (SyncValidation) checks the same and says so in
 * status. Only {@code rule} and {@code message} are used: reason, fieldPath and messageExpression need 1.27 or 1.28.
 * Every rule is cheap and bounded, as the API server's cost estimate requires. The "exactly one of" rules also have a
 * structural twin every server runs, a oneOf of required properties (CrdFinisher adds it), whose message is plainer.
 */
public final class ApiRules {
  public static final String SOURCE_CONNECTOR =
      "[has(self.carddav), has(self.ldap), has(self.postgres), has(self.file)].filter(c, c).size() == 1";
  public static final String SOURCE_CONNECTOR_MESSAGE =
      "source: set exactly one connector block (carddav, ldap, postgres or file)";

  public static final String DESTINATION_CONNECTOR = "[has(self.carddav), has(self.ldap), has(self.postgres), "
      + "has(self.file), has(self.webhook)].filter(c, c).size() == 1";
  public static final String DESTINATION_CONNECTOR_MESSAGE =
      "destination: set exactly one connector block (carddav, ldap, postgres, file or webhook)";

  /** An empty sealed map counts as none, as in SyncValidation. */
  public static final String ONE_CREDENTIAL_SOURCE =
      "has(self.secretRef) != (has(self.sealed) && size(self.sealed) > 0)";
  public static final String ONE_CREDENTIAL_SOURCE_MESSAGE =
      "credentials: set exactly one of secretRef (a Secret) and sealed (values sealed with 'contactsync seal')";

  /** Object keys have no maxLength in a structural schema; these bound them where CEL runs. */
  public static final String CREDENTIAL_KEYS = "self.all(k, size(k) <= " + ApiLimits.CREDENTIAL_KEY + ")";
  public static final String CREDENTIAL_KEYS_MESSAGE = "credential keys may have at most " + ApiLimits.CREDENTIAL_KEY
      + " characters (username, password, token, signingKey, ca.crt)";
  public static final String FIELD_PATH_KEYS = "self.all(k, size(k) <= " + ApiLimits.FIELD_PATH + ")";
  public static final String FIELD_PATH_KEYS_MESSAGE = "field paths may have at most " + ApiLimits.FIELD_PATH + " characters";
  public static final String RESOURCE_KEYS = "self.all(k, size(k) <= " + ApiLimits.RESOURCE_NAME + ")";
  public static final String RESOURCE_KEYS_MESSAGE = "resource names may have at most " + ApiLimits.RESOURCE_NAME + " characters";

  public static final String SYNC_NAME = "size(self.metadata.name) <= " + ApiLimits.SYNC_NAME;
  public static final String SYNC_NAME_MESSAGE = "metadata.name may have at most " + ApiLimits.SYNC_NAME
      + " characters: the sync's CronJob is named after it, and Kubernetes adds 11 to name its Jobs";

  public static final String POLICY_NAME = "size(self.metadata.name) <= " + ApiLimits.POLICY_NAME;
  public static final String POLICY_NAME_MESSAGE = "metadata.name may have at most " + ApiLimits.POLICY_NAME
      + " characters: the policy's key readers get a Role named <name>-key-readers";

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String IPV4 = "(" + OCTET + "\\\\.){3}" + OCTET;
  /** An IPv4 CIDR with octets up to 255 and a prefix up to 32, or an IPv6 CIDR (hex groups) with a prefix up to 128. */
  public static final String CIDR = "self.matches('^" + IPV4 + "/(3[0-2]|[12]?[0-9])$') || self.matches("
      + "'^[0-9a-fA-F:]*:[0-9a-fA-F:]*(:" + IPV4 + ")?/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$')";
  public static final String CIDR_MESSAGE = "cidr must be an IPv4 CIDR (octets 0-255, prefix 0-32, e.g. 203.0.113.0/24) "
      + "or an IPv6 CIDR (prefix 0-128, e.g. 2001:db8::/32)";

  /** The rules that say "exactly one of these properties", with those properties. */
  public static final Map<String, List<String>> EXACTLY_ONE = Map.of(
      SOURCE_CONNECTOR, List.of("carddav", "ldap", "postgres", "file"),
      DESTINATION_CONNECTOR, List.of("carddav", "ldap", "postgres", "file", "webhook"),
      ONE_CREDENTIAL_SOURCE, List.of("secretRef", "sealed"));

  private ApiRules() {}
}
