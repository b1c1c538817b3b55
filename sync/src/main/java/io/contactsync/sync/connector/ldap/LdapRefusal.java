package io.contactsync.sync.connector.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import io.contactsync.privacy.sanitize.QuarantineReason;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write the server refused for the entry itself: a value's syntax or a constraint on it, an attribute its schema
 * does not have or allow. Such an entry is held back and the run goes on. Every other failure (the connection, the
 * bind, access, a busy, unavailable or unwilling server, an entry that appeared meanwhile) is the run's: it stops
 * and the next run repeats the work.
 *
 * @param attribute the attribute the server names, or null
 */
record LdapRefusal(QuarantineReason reason, ResultCode code, String attribute) {
  private static final Set<ResultCode> VALUE = Set.of(ResultCode.INVALID_ATTRIBUTE_SYNTAX,
      ResultCode.CONSTRAINT_VIOLATION, ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, ResultCode.INAPPROPRIATE_MATCHING);
  private static final Set<ResultCode> SCHEMA = Set.of(ResultCode.UNDEFINED_ATTRIBUTE_TYPE,
      ResultCode.OBJECT_CLASS_VIOLATION, ResultCode.NO_SUCH_ATTRIBUTE, ResultCode.NAMING_VIOLATION,
      ResultCode.NOT_ALLOWED_ON_RDN, ResultCode.OBJECT_CLASS_MODS_PROHIBITED);
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  /** The refusal of the entry, or null when the failure is the run's. */
  static LdapRefusal of(LDAPException e, Collection<String> attributes) {
    ResultCode code = e.getResultCode();
    QuarantineReason reason = VALUE.contains(code) ? QuarantineReason.VALUE_REFUSED
        : SCHEMA.contains(code) ? QuarantineReason.SCHEMA_VIOLATION : null;
    return reason == null ? null : new LdapRefusal(reason, code, attributeNamed(e, attributes));
  }

  /**
   * The first of the entry's attributes that the server's diagnostic names ("telephoneNumber: value #0 invalid per
   * syntax", "object class 'inetOrgPerson' requires attribute 'sn'"), or null. Only a name the entry was written
   * with is ever returned, so no value of the diagnostic gets out.
   */
  static String attributeNamed(LDAPException e, Collection<String> attributes) {
    String diagnostic = e.getDiagnosticMessage();
    if (diagnostic == null) return null;
    Matcher words = WORD.matcher(diagnostic);
    while (words.find()) {
      for (String a : attributes) if (a.equalsIgnoreCase(words.group())) return a;
    }
    return null;
  }
}
