package io.contactsync.sync.connector.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.Ownership;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one inetOrgPerson entry per record, uid=&lt;record id&gt; under the base DN: added when new, modified with only
 * the attributes that differ, left alone when equal. Entries are visible as they are written (LDAP has no
 * transactions here); a repeated run changes nothing more. Every entry carries this sync's mark as a businessCategory
 * value (inetOrgPerson allows it, multi-valued, and the mapping writes no field there); deletes and sweeps touch only
 * entries with this sync's mark, and wait until commit so the mass-deletion guard can refuse them all first.
 */
public final class LdapDestination implements ContactDestination {
  private static final Pattern OWN_UID = Pattern.compile("[A-Za-z0-9_-]{22}");
  /** The attribute that holds the owner mark. */
  public static final String OWNER_ATTRIBUTE = "businessCategory";
  private final String name;
  private final Ownership ownership;
  private final String ownerValue;
  private final Set<String> deleting = new HashSet<>();
  private final LdapConnector spec;
  private final LdapEndpoint endpoint;
  private final LdapMapping mapping;
  private final LdapHeldBack heldBack;
  private final Map<String, Entry> existing = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private LDAPConnection connection;
  private long created;
  private long updated;
  private long unchanged;
  private long deleted;
  private long ownedAtBegin;

  public LdapDestination(String name, Ownership ownership, LdapConnector spec, Credentials credentials) {
    this.name = name;
    this.ownership = ownership;
    this.ownerValue = "contactsync-owner:" + ownership.mark();
    this.spec = spec;
    this.endpoint = new LdapEndpoint("destination '" + name + "'", spec, credentials);
    this.mapping = new LdapMapping(spec.getAttributes());
    this.heldBack = new LdapHeldBack("destination '" + name + "' (" + target() + ")");
  }

  @Override
  public String target() {
    return endpoint.where() + " " + spec.getBaseDn();
  }

  @Override
  public void begin() throws IOException {
    existing.clear();
    seen.clear();
    deleting.clear();
    created = updated = unchanged = deleted = 0;
    heldBack.clear();
    connection = endpoint.connect();
    List<String> attributes = new ArrayList<>(mapping.writtenAttributes());
    attributes.add("uid");
    attributes.add(OWNER_ATTRIBUTE);
    try {
      for (SearchResultEntry e : connection.search(spec.getBaseDn(), SearchScope.ONE, "(uid=*)",
          attributes.toArray(String[]::new)).getSearchEntries()) {
        existing.put(e.getAttributeValue("uid"), e);
      }
    } catch (LDAPException e) {
      close();
      throw endpoint.failure("cannot list the entries", e);
    }
    ownedAtBegin = existing.keySet().stream().filter(this::ours).count();
  }

  @Override
  public void upsert(List<Contact> records) throws IOException {
    for (Contact c : records) {
      List<Attribute> attributes = new ArrayList<>(mapping.toAttributes(c));
      attributes.add(new Attribute("uid", c.getId()));
      attributes.add(new Attribute(OWNER_ATTRIBUTE, ownerValue)); // the last writer owns the entry
      String dn = dn(c.getId());
      Entry desired = new Entry(dn, attributes);
      Entry current = existing.get(c.getId());
      seen.add(c.getId());
      try {
        if (current == null) {
          connection.add(desired);
          existing.put(c.getId(), desired);
          created++;
        } else {
          List<Modification> changes = Entry.diff(current, desired, true, false, markedAttributes());
          if (changes.isEmpty()) {
            unchanged++;
          } else {
            connection.modify(dn, changes);
            existing.put(c.getId(), desired);
            updated++;
          }
        }
      } catch (LDAPException e) {
        refused(c.getId(), desired, e);
      }
    }
  }

  @Override
  public void delete(Collection<String> recordIds) throws IOException {
    for (String id : recordIds) {
      seen.add(id);
      if (ours(id)) deleting.add(id);
    }
  }

  @Override
  public void retain(Collection<String> recordIds) {
    seen.addAll(recordIds);
  }

  @Override
  public WriteCounts commit(boolean sweep) throws IOException {
    try {
      Set<String> doomed = new HashSet<>(deleting);
      if (sweep) {
        for (String uid : existing.keySet()) if (!seen.contains(uid) && ours(uid)) doomed.add(uid);
      }
      ownership.checkDeletes(name, doomed.size(), ownedAtBegin);
      for (String uid : doomed) {
        connection.delete(dn(uid));
        existing.remove(uid);
        deleted++;
      }
      heldBack.logTotals();
      return new WriteCounts(created, updated, unchanged, deleted, heldBack.byReason());
    } catch (LDAPException e) {
      throw endpoint.failure("cannot delete an entry", e);
    } finally {
      close();
    }
  }

  /** Whether the entry carries this sync's mark: the only entries it deletes. */
  private boolean ours(String uid) {
    Entry e = existing.get(uid);
    return e != null && OWN_UID.matcher(uid).matches() && e.hasAttributeValue(OWNER_ATTRIBUTE, ownerValue);
  }

  private String[] markedAttributes() {
    List<String> attributes = new ArrayList<>(mapping.writtenAttributes());
    attributes.add(OWNER_ATTRIBUTE);
    return attributes.toArray(String[]::new);
  }

  /**
   * An entry the server refused for itself is held back and the run goes on; it keeps its last version, and being
   * seen, it is not swept. Any other failure ends the run, naming the entry and the attribute the server names.
   */
  private void refused(String recordId, Entry desired, LDAPException e) throws IOException {
    List<String> attributes = new ArrayList<>(mapping.writtenAttributes());
    desired.getAttributes().forEach(a -> attributes.add(a.getName()));
    LdapRefusal refusal = LdapRefusal.of(e, attributes);
    if (refusal != null) {
      heldBack.add(recordId, refusal);
      return;
    }
    close();
    String attribute = LdapRefusal.attributeNamed(e, attributes);
    throw endpoint.failure("cannot write the entry uid=" + recordId + (attribute == null ? "" : " (" + attribute + ")"), e);
  }

  private String dn(String uid) {
    try {
      return new DN(new RDN("uid", uid), new DN(spec.getBaseDn())).toString();
    } catch (LDAPException e) {
      throw new IllegalArgumentException("the base DN " + spec.getBaseDn() + " is not a DN");
    }
  }

  private void close() {
    if (connection != null) connection.close();
    connection = null;
  }
}
