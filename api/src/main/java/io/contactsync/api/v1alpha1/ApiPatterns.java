package io.contactsync.api.v1alpha1;

/** Regular expressions the CRD schema enforces; kept in the RE2/Java common subset so the API server and tests agree. */
public final class ApiPatterns {
  /** Five cron fields, or one of the macros CronJob accepts. Deeper checks happen in the validator. */
  public static final String CRON =
      "^(@(annually|yearly|monthly|weekly|daily|midnight|hourly)|([0-9A-Za-z*?,/-]+[ \\t]+){4}[0-9A-Za-z*?,/-]+)$";
  /** Field paths of the canonical contact; must match the privacy engine's FieldPath parser (tested). */
  public static final String FIELD_PATH =
      "^(name(\\.(prefix|given|middle|family|suffix))?|formattedName|nickname"
          + "|emails\\[\\](\\.(type|types|value|pref|label))?|phones\\[\\](\\.(type|types|value|pref|label))?"
          + "|addresses\\[\\](\\.(type|types|poBox|extended|street|locality|region|postalCode|country|pref|label))?"
          + "|(urls|impp|languages|keys|related)\\[\\](\\.(type|types|value|pref|label))?"
          + "|anniversary|kind|gender|photo|geo|timeZone|organizationUnits|otherTitles"
          + "|otherOrganizations\\[\\](\\.(name|units))?"
          + "|organization|title|birthday|notes|categories|updatedAt|custom\\.(\\*|[A-Za-z0-9_-]{1,64}))$";
  /** A DNS-1123 label: destination names end up in object names and labels. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
  /** A DNS-1123 subdomain, as Kubernetes object names are. */
  public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";
  /**
   * A Go-style duration such as 90s, 30m or 1h30m, at most 9 digits per part: the operator's duration reader refuses
   * more.
   */
  public static final String DURATION = "^([0-9]{1,9}(s|m|h))+$";
  /** An ISO 3166-1 alpha-2 region code. */
  public static final String REGION = "^[A-Z]{2}$";
  public static final String HTTP_URL = "^https?://[^\\s]+$";
  public static final String LDAP_URL = "^ldaps?://[^\\s]+$";
  public static final String JDBC_POSTGRES_URL = "^jdbc:postgresql://[^\\s]+$";
  /** A host name or a wildcard host such as *.marketing.svc.cluster.local. */
  public static final String HOST_PATTERN = "^(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$";
  /** An LDAP attribute description (RFC 4512): a name or an OID, with options such as ;binary. */
  public static final String LDAP_ATTRIBUTE = "^[A-Za-z0-9][A-Za-z0-9.;-]*$";
  /** A SQL identifier, optionally schema-qualified. */
  public static final String SQL_IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?$";

  private ApiPatterns() {}
}
