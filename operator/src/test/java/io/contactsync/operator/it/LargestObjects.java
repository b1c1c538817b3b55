package io.contactsync.operator.it;

import io.contactsync.api.v1alpha1.ApiLimits;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.ContactSyncSpec;
import io.contactsync.api.v1alpha1.CredentialsRef;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.EgressPort;
import io.contactsync.api.v1alpha1.EgressRule;
import io.contactsync.api.v1alpha1.KeysSpec;
import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.api.v1alpha1.PolicyAccess;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PolicyRule;
import io.contactsync.api.v1alpha1.PostgresColumn;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.api.v1alpha1.SyncAccess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ContactSyncs and PrivacyPolicies as large as the schema admits, for the operator's heap: every list and map full,
 * every string at its maxLength. Free text is Cyrillic, which a Java string holds in two bytes a character (Latin-1
 * text takes one); patterned strings are the longest their pattern allows. Of exclusive fields the largest is set
 * (an LDAP source, PostgreSQL destinations, sealed credentials), as a oneOf leaves one.
 */
final class LargestObjects {
  static final int POLICY_RULES = ApiLimits.RULES;
  private static final String[] CREDENTIAL_KEYS = {"username", "password", "token", "signingKey", "ca.crt"};

  private LargestObjects() {}

  static PrivacyPolicy policy(String namespace, int index) {
    PrivacyPolicy policy = new PrivacyPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(policyName(index)).withNamespace(namespace).build());
    PrivacyPolicySpec spec = new PrivacyPolicySpec();
    spec.setDefaultAction(PolicyAction.Drop);
    List<PolicyRule> rules = new ArrayList<>();
    for (int r = 0; r < ApiLimits.RULES; r++) {
      PolicyRule rule = new PolicyRule();
      rule.setAction(PolicyAction.Keep);
      List<String> fields = new ArrayList<>();
      // custom.<64 characters>, the longest path the field pattern admits, each once in the policy
      for (int f = 0; f < ApiLimits.RULE_FIELDS; f++) fields.add("custom." + padded(String.format("r%02df%02d", r, f), 64, 'k'));
      rule.setFields(fields);
      rules.add(rule);
    }
    spec.setRules(rules);
    KeysSpec keys = new KeysSpec();
    keys.setSecretName(padded(String.format("keys-%03d-", index), ApiLimits.OBJECT_NAME, 'k'));
    spec.setKeys(keys);
    PolicyAccess access = new PolicyAccess();
    List<String> namespaces = new ArrayList<>(List.of(namespace));
    List<String> hosts = new ArrayList<>();
    List<Subject> readers = new ArrayList<>();
    for (int i = namespaces.size(); i < ApiLimits.POLICY_ACCESS_ENTRIES; i++) namespaces.add(padded("ns" + i + "-", ApiLimits.DNS_LABEL, 'n'));
    for (int i = 0; i < ApiLimits.POLICY_ACCESS_ENTRIES; i++) {
      hosts.add("*." + padded("h" + i + "-", ApiLimits.HOST_PATTERN - 8, 'h') + ":65535");
      readers.add(subject(Subject.Kind.User, i, null));
    }
    access.setNamespaces(namespaces);
    access.setDestinations(hosts);
    access.setKeyReaders(readers);
    spec.setAccess(access);
    policy.setSpec(spec);
    return policy;
  }

  /** A sync whose destinations go through {@link ApiLimits#DESTINATIONS} of the policies, from the index-th on. */
  static ContactSync sync(String namespace, int index, int policies) {
    ContactSync sync = new ContactSync();
    sync.setMetadata(new ObjectMetaBuilder().withName(padded(String.format("sync-%03d-", index), ApiLimits.SYNC_NAME, 's'))
        .withNamespace(namespace).build());
    ContactSyncSpec spec = new ContactSyncSpec();
    spec.setSchedule(schedule());
    spec.setTimeZone(text(ApiLimits.TIME_ZONE));
    spec.setResources(resources());
    SourceSpec source = new SourceSpec();
    LdapConnector ldap = new LdapConnector();
    ldap.setUrl(url("ldaps://ldap.example.com/"));
    ldap.setBaseDn(text(ApiLimits.LDAP_TEXT));
    ldap.setFilter(text(ApiLimits.LDAP_TEXT));
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < ApiLimits.LDAP_ATTRIBUTES; i++) {
      attributes.put(padded("custom.a" + i + "-", ApiLimits.FIELD_PATH, 'a'), padded("attr" + i + "-", ApiLimits.LDAP_ATTRIBUTE, 'a'));
    }
    ldap.setAttributes(attributes);
    ldap.setCredentials(sealed());
    source.setLdap(ldap);
    spec.setSource(source);
    List<DestinationSpec> destinations = new ArrayList<>();
    for (int d = 0; d < ApiLimits.DESTINATIONS; d++) {
      DestinationSpec destination = new DestinationSpec();
      destination.setName(padded("d" + d + "-", ApiLimits.DNS_LABEL, 'd'));
      destination.setPrivacyPolicyRef(new PolicyReference(policyName((index + d) % policies), namespace));
      destination.setPostgres(postgres());
      destinations.add(destination);
    }
    spec.setDestinations(destinations);
    List<EgressRule> egress = new ArrayList<>();
    for (int e = 0; e < 32; e++) {
      EgressRule rule = new EgressRule();
      rule.setCidr(String.format("2001:0db8:%04x:0000:0000:0000:0000:0000/128", e));
      List<EgressPort> ports = new ArrayList<>();
      for (int p = 0; p < 16; p++) {
        EgressPort port = new EgressPort();
        port.setPort(60000 + p);
        port.setProtocol(EgressPort.Protocol.TCP);
        ports.add(port);
      }
      rule.setPorts(ports);
      egress.add(rule);
    }
    spec.setEgress(egress);
    SyncAccess access = new SyncAccess();
    List<Subject> viewers = new ArrayList<>();
    List<Subject> editors = new ArrayList<>();
    for (int i = 0; i < ApiLimits.SUBJECTS; i++) {
      viewers.add(subject(Subject.Kind.ServiceAccount, i, namespace));
      editors.add(subject(Subject.Kind.ServiceAccount, i + ApiLimits.SUBJECTS, namespace));
    }
    access.setViewers(viewers);
    access.setEditors(editors);
    spec.setAccess(access);
    sync.setSpec(spec);
    return sync;
  }

  static String policyName(int index) {
    return padded(String.format("policy-%03d-", index), ApiLimits.POLICY_NAME, 'p');
  }

  private static PostgresConnector postgres() {
    PostgresConnector postgres = new PostgresConnector();
    postgres.setUrl(url("jdbc:postgresql://pg.example.com:5432/crm?application_name="));
    postgres.setTable(padded("t", 63, 't') + "." + padded("t", 63, 't'));
    postgres.setCursorColumn(padded("c", 63, 'c') + "." + padded("c", 63, 'c'));
    postgres.setQuery(text(ApiLimits.SQL_QUERY));
    List<PostgresColumn> columns = new ArrayList<>();
    for (int c = 0; c < ApiLimits.POSTGRES_COLUMNS; c++) {
      columns.add(new PostgresColumn(padded("f" + c + "-", ApiLimits.FIELD_PATH, 'f'), padded("c" + c + "_", ApiLimits.SQL_COLUMN, 'c')));
    }
    postgres.setColumns(columns);
    postgres.setCredentials(sealed());
    return postgres;
  }

  /** Five sealed values of the largest size, which open nowhere: the sync is refused, after it was read and cached. */
  private static CredentialsRef sealed() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : CREDENTIAL_KEYS) values.put(key, padded("sealed.v2." + key.replace('.', '-'), ApiLimits.SEALED_VALUE, 'A'));
    CredentialsRef credentials = new CredentialsRef();
    credentials.setSealed(values);
    return credentials;
  }

  private static Subject subject(Subject.Kind kind, int index, String namespace) {
    Subject subject = new Subject();
    subject.setKind(kind);
    subject.setName(index + text(ApiLimits.SUBJECT_NAME - String.valueOf(index).length()));
    subject.setNamespace(namespace);
    return subject;
  }

  private static ResourceRequirements resources() {
    Map<String, Quantity> limits = new LinkedHashMap<>();
    Map<String, Quantity> requests = new LinkedHashMap<>();
    for (int i = 0; i < ApiLimits.RESOURCE_NAMES; i++) {
      String name = padded("r" + i + ".example.com", 253, 'r') + "/" + padded("gpu", 63, 'g');
      limits.put(name, new Quantity("1"));
      requests.put(name, new Quantity("1"));
    }
    return new ResourceRequirements(null, limits, requests);
  }

  /** Every minute listed, then weekdays over and over: a five-field cron of the largest size. */
  private static String schedule() {
    StringBuilder cron = new StringBuilder();
    for (int minute = 0; minute < 60; minute++) cron.append(minute).append(minute < 59 ? "," : " * * * 0");
    for (int day = 1; cron.length() + 2 <= ApiLimits.SCHEDULE; day++) cron.append(',').append(day % 7);
    return cron.toString();
  }

  private static String url(String prefix) {
    return prefix + text(ApiLimits.URL - prefix.length());
  }

  /** Free text: a character a Java string stores in two bytes. */
  private static String text(int length) {
    return "ж".repeat(length);
  }

  private static String padded(String start, int length, char fill) {
    return start + String.valueOf(fill).repeat(length - start.length());
  }
}
