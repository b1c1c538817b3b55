package io.contactsync.sync.connector.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.sync.format.ContactFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * inetOrgPerson and the canonical contact. Multi-valued attributes (mail, telephoneNumber) map to list entries;
 * a configured override maps any field path to any attribute (single-valued).
 */
final class LdapMapping {
  private static final Map<String, String> SINGLE = new LinkedHashMap<>();
  static {
    SINGLE.put("formattedName", "cn");
    SINGLE.put("name.given", "givenName");
    SINGLE.put("name.family", "sn");
    SINGLE.put("nickname", "displayName");
    SINGLE.put("organization", "o");
    SINGLE.put("title", "title");
    SINGLE.put("notes", "description");
    SINGLE.put("addresses[0].street", "street");
    SINGLE.put("addresses[0].locality", "l");
    SINGLE.put("addresses[0].region", "st");
    SINGLE.put("addresses[0].postalCode", "postalCode");
    SINGLE.put("custom.employeeNumber", "employeeNumber");
    SINGLE.put("custom.department", "departmentNumber");
  }
  /** Phone attributes and the phone type each stands for. */
  private static final Map<String, String> PHONES = Map.of("telephoneNumber", "work", "mobile", "mobile", "homePhone", "home");

  private final Map<String, String> single;

  LdapMapping(Map<String, String> overrides) {
    this.single = new LinkedHashMap<>(SINGLE);
    if (overrides != null) overrides.forEach((field, attribute) -> {
      single.values().remove(attribute);
      single.put(field, attribute);
    });
  }

  /** Every attribute a read needs. */
  String[] attributes() {
    List<String> all = new ArrayList<>(single.values());
    all.add("mail");
    all.addAll(PHONES.keySet());
    all.add("entryUUID");
    all.add("modifyTimestamp");
    return all.toArray(String[]::new);
  }

  Contact toContact(Entry entry) {
    Contact c = new Contact();
    single.forEach((field, attribute) -> {
      String v = entry.getAttributeValue(attribute);
      if (v != null) ContactFields.setter(field).accept(c, v);
    });
    String[] mails = entry.getAttributeValues("mail");
    if (mails != null) for (String m : mails) c.getEmails().add(new TypedValue("work", m));
    PHONES.forEach((attribute, type) -> {
      String[] numbers = entry.getAttributeValues(attribute);
      if (numbers != null) for (String n : numbers) c.getPhones().add(new TypedValue(type, n));
    });
    ContactFields.dropEmptyEntries(c);
    return c;
  }

  /**
   * The attributes of an entry for a contact (objectClass, cn and sn always: inetOrgPerson requires them). Values
   * of one attribute (an override may add to mail or a phone attribute) are merged, and each goes once that the
   * attribute's equality rule counts equal to another: home and work the same address, work and fax one number.
   */
  List<Attribute> toAttributes(Contact c) {
    Map<String, String> fields = ContactFields.flatten(c);
    // attribute names are case-insensitive in LDAP
    Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    single.forEach((field, attribute) -> {
      String v = fields.get(field);
      if (v != null) values.computeIfAbsent(attribute, a -> new ArrayList<>()).add(v);
    });
    values.putIfAbsent("cn", List.of(c.getId()));
    values.putIfAbsent("sn", List.of(c.getId()));
    List<String> mails = c.getEmails().stream().map(TypedValue::getValue).filter(v -> v != null).toList();
    if (!mails.isEmpty()) values.computeIfAbsent("mail", a -> new ArrayList<>()).addAll(mails);
    PHONES.forEach((attribute, type) -> {
      List<String> numbers = c.getPhones().stream().filter(p -> p.getValue() != null
          && (type.equals(p.getType()) || (type.equals("work") && !PHONES.containsValue(String.valueOf(p.getType())))))
          .map(TypedValue::getValue).toList();
      if (!numbers.isEmpty()) values.computeIfAbsent(attribute, a -> new ArrayList<>()).addAll(numbers);
    });
    List<Attribute> out = new ArrayList<>();
    out.add(new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"));
    values.forEach((attribute, v) -> out.add(new Attribute(attribute, LdapEquality.distinct(attribute, v))));
    return out;
  }

  /** Every attribute this mapping writes, so an update can remove the ones a contact no longer has. */
  List<String> writtenAttributes() {
    List<String> all = new ArrayList<>(single.values());
    all.add("mail");
    all.addAll(PHONES.keySet());
    return all;
  }
}
