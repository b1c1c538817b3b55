package io.contactsync.api.v1alpha1;

/**
 * The size limits of both CRDs, sized for real use. Each cached object costs the operator heap, and a namespace
 * editor may create many: 41 ContactSyncs of 1.2 MB each (sealed values without a limit) raised its live heap from
 * 40 MB to 144 MB. With these limits 100 ContactSyncs and 100 PrivacyPolicies of the largest size admitted fit the
 * chart's heap (OperatorHeapIT), and the largest object stays under etcd's 1.5 MiB request limit (CrdSizeBoundsTest).
 * docs/security.md ("Bounded size") lists them with their reasons.
 */
public final class ApiLimits {
  /** A URL (RFC 3986 sets none; browsers and most servers stop near 2,000). */
  public static final int URL = 2048;
  /** A Kubernetes object name (DNS-1123 subdomain). */
  public static final int OBJECT_NAME = 253;
  /** A DNS-1123 label: namespaces, destination names. */
  public static final int DNS_LABEL = 63;
  /** A host name, or a *.suffix pattern, with an optional :port. */
  public static final int HOST_PATTERN = 253 + 6;
  /** A ContactSync name: the CronJob is named after it, and Kubernetes adds 11 characters to name its Jobs (63). */
  public static final int SYNC_NAME = 52;
  /** A PrivacyPolicy name: its key readers' Role is named {@code <name>-key-readers} (12 more, 253 in all). */
  public static final int POLICY_NAME = OBJECT_NAME - 12;

  /**
   * The plaintext a sealed value may hold: a password, token or signing key, or a CA bundle of two or three
   * certificates (a PEM RSA-4096 certificate is about 2 KiB). Larger bundles belong in a Secret (secretRef).
   */
  public static final int SEALED_PLAINTEXT = 4096;
  /**
   * A sealed.v2 value of {@link #SEALED_PLAINTEXT} bytes: "sealed.v2." and the URL-safe base64 (no padding) of the HPKE
   * ciphertext, which adds 53 bytes (Tink's 5-byte key prefix, the 32-byte X25519 encapsulated key, the 16-byte GCM
   * tag). 1 KiB seals to 1,447 characters, 4 KiB to 5,542; the limit leaves room for a few more bytes.
   */
  public static final int SEALED_VALUE = 5632;
  /** Sealed values per endpoint: the credential keys a connector reads (username, password, token, signingKey, ca.crt). */
  public static final int SEALED_KEYS = 5;
  /** A credential key: username, password, token, signingKey, ca.crt. */
  public static final int CREDENTIAL_KEY = 32;
  /** A resource name in requests or limits: a qualified name (a 253-character prefix, '/', 63 characters). */
  public static final int RESOURCE_NAME = 317;

  /** A cron schedule: five fields, a list of every minute (0,1,...,59) already takes 170 characters. */
  public static final int SCHEDULE = 256;
  /** An IANA time zone name (the longest is 32 characters). */
  public static final int TIME_ZONE = 64;
  /** A duration such as 1h30m. */
  public static final int DURATION = 32;
  /** A resource quantity such as 500m or 4Gi. */
  public static final int QUANTITY = 64;
  /** Resource names in requests or limits: cpu, memory, ephemeral-storage, hugepages-*, a device or two. */
  public static final int RESOURCE_NAMES = 8;
  /** A CIDR: the longest IPv6 form with an embedded IPv4 address and /128 takes 49 characters. */
  public static final int CIDR = 64;
  /** A local file path (local runs and tests). */
  public static final int FILE_PATH = 1024;
  /** An LDAP distinguished name or search filter. */
  public static final int LDAP_TEXT = 1024;
  /** An LDAP attribute description (a name or OID with options). */
  public static final int LDAP_ATTRIBUTE = 128;
  /** Attribute overrides of the inetOrgPerson mapping (17 by default): one per field path, and some custom ones. */
  public static final int LDAP_ATTRIBUTES = 32;
  /** A source query returning canonical columns: about thirty aliased columns and a join take 1 to 2 KiB. */
  public static final int SQL_QUERY = 4096;
  /** A SQL identifier, optionally schema-qualified (PostgreSQL cuts identifiers at 63 bytes). */
  public static final int SQL_IDENTIFIER = 127;
  /**
   * Destinations of one sync. Each may carry its own sealed credentials and query, and every one of them is cached
   * by the operator and rendered into the sync's job ConfigMap (at most 1 MiB); a fan-out wider than this is better
   * split into syncs of the same source.
   */
  public static final int DESTINATIONS = 8;
  /** Extra columns of a PostgreSQL destination, besides id and contact (the whole contact as jsonb). */
  public static final int POSTGRES_COLUMNS = 32;
  /** A field path, indexed for lists (emails[0].value, custom.<64 characters>). */
  public static final int FIELD_PATH = 128;
  /** A PostgreSQL column name. */
  public static final int SQL_COLUMN = 63;
  /** A user, group or service account name. */
  public static final int SUBJECT_NAME = 253;
  /** Rules of a policy: the canonical contact has about thirty field paths; one rule per field, and custom ones. */
  public static final int RULES = 64;
  /** Fields of one rule: every field path of the contact, and custom ones. */
  public static final int RULE_FIELDS = 32;
  /** Namespaces a policy admits, hosts it sends to, subjects that read its keys. */
  public static final int POLICY_ACCESS_ENTRIES = 64;
  /** Subjects of the unsupported spec.access lists (which must be empty). */
  public static final int SUBJECTS = 16;
  /** Conditions in a status (the operator writes three). */
  public static final int CONDITIONS = 8;
  /** A condition's message, as in metav1.Condition; the operator cuts longer ones (Conditions). */
  public static final int CONDITION_MESSAGE = 32768;
  /** An RFC 3339 time. */
  public static final int TIMESTAMP = 64;
  /** status.source: a connector kind and a host. */
  public static final int SOURCE_SUMMARY = 16 + URL;
  /** status.lastRunRequest copies the run-requested-at annotation, which the API server keeps under 256 KiB. */
  public static final int RUN_REQUEST = 256 * 1024;

  private ApiLimits() {}
}
