package io.contactsync.sync.connector.ldap;

import io.contactsync.privacy.sanitize.QuarantineReason;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries a run held back because the server refused them: counted by reason for the run's summary, and named
 * in the log by record id (a keyed hash) and attribute, never by a value. The first few get a line each, so a
 * policy that makes every entry unfit does not flood the log; the rest are totalled by reason and attribute.
 */
final class LdapHeldBack {
  private static final Logger LOG = LoggerFactory.getLogger(LdapHeldBack.class);
  static final int LINES = 20;
  private final String where;
  private final Map<String, Long> byReason = new TreeMap<>();
  private final Map<String, Long> byAttribute = new TreeMap<>();
  private long count;

  LdapHeldBack(String where) {
    this.where = where;
  }

  void add(String recordId, LdapRefusal refusal) {
    count++;
    byReason.merge(refusal.reason().code(), 1L, Long::sum);
    String attribute = refusal.attribute() == null ? "an attribute the server does not name" : refusal.attribute();
    byAttribute.merge(refusal.reason().code() + " " + attribute, 1L, Long::sum);
    if (count > LINES) return;
    LOG.warn("{}: the entry uid={} is held back ({}): the server refused {} ({}); {}; an entry written before keeps"
        + " its last version", where, recordId, refusal.reason().code(), attribute, refusal.code().getName(),
        hint(refusal.reason()));
  }

  /** Counts by reason code, for the destination's summary. */
  Map<String, Long> byReason() {
    return new TreeMap<>(byReason);
  }

  /** The totals, when more entries were held back than had a line of their own. */
  void logTotals() {
    if (count > LINES) LOG.warn("{}: {} entries held back in all ({} named above): {}", where, count, LINES, byAttribute);
  }

  void clear() {
    count = 0;
    byReason.clear();
    byAttribute.clear();
  }

  private static String hint(QuarantineReason reason) {
    return reason == QuarantineReason.VALUE_REFUSED
        ? "the value the policy produces does not fit that attribute (a masked phone number in telephoneNumber, say):"
            + " change the policy or map the field to another attribute"
        : "the directory's schema does not have or allow that attribute in an inetOrgPerson entry: map the field to"
            + " another attribute or extend the schema";
  }
}
