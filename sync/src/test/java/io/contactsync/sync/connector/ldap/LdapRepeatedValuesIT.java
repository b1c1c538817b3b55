package io.contactsync.sync.connector.ldap;

import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.sync.LocalRun;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.pipeline.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, observation 2: a contact with a value repeated (the same email as home and work, the same number as work
 * and fax) failed the whole run with "attribute or value exists", and no later contact was written. Against the real
 * slapd: repeated values reach it once, and an entry it still refuses is held back while the run goes on.
 */
class LdapRepeatedValuesIT {
  @TempDir Path dir;
  String ou;
  LDAPConnection admin;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(LdapIT.URL != null, "no LDAP server: run eval \"$(.ci/servers/slapd.sh)\" first (.ci/run does)");
    writeCredentials(dir.resolve("credentials"), "ldap-creds", System.getenv("CONTACTSYNC_TEST_LDAP_BIND_DN"),
        System.getenv("CONTACTSYNC_TEST_LDAP_PASSWORD"), System.getenv("CONTACTSYNC_TEST_LDAP_CA"));
    admin = new LdapEndpoint("test", LdapIT.ldap(LdapIT.URL, "dc=example,dc=com"),
        CredentialStore.perSecretName(dir.resolve("credentials")).forEndpoint("test", SyncFixtures.secretCredentials("ldap-creds")))
        .connect();
    ou = "ou=r" + Long.toString(System.nanoTime(), 36) + "," + System.getenv("CONTACTSYNC_TEST_LDAP_BASE");
    admin.add(ou, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", ou.substring(3, ou.indexOf(','))));
  }

  @AfterEach
  void close() {
    if (admin != null) admin.close();
  }

  @Test
  void repeatedValuesAreWrittenOnceAndTheContactsAfterThemToo() throws Exception {
    Contact grace = contact("src-2", "Grace", "Hopper");
    grace.getEmails().add(new TypedValue("home", "grace@example.com"));
    grace.getEmails().add(new TypedValue("work", " Grace@Example.COM"));
    grace.getPhones().add(new TypedValue("work", "+1 201 555 0102"));
    grace.getPhones().add(new TypedValue("fax", "+1-201-555-0102"));
    grace.getPhones().add(new TypedValue("mobile", "+1 201 555 0102"));
    Contact alan = contact("src-3", "Alan", "Turing");
    alan.getEmails().add(new TypedValue("home", "alan@example.com"));
    alan.getEmails().add(new TypedValue("work", "alan@example.com"));
    alan.getPhones().add(new TypedValue("work", "+44 20 7946 0087"));
    alan.getPhones().add(new TypedValue("fax", "+44 20 7946 0087"));
    jsonl(List.of(contact("src-1", "Ada", "Lovelace"), grace, alan, contact("src-4", "Edsger", "Dijkstra")));
    JobConfig job = job("in.jsonl", SyncFixtures.rawCopy(), Map.of());

    RunSummary first = run(job);
    assertThat(first.destinations().get(0).created()).isEqualTo(4);
    assertThat(first.destinations().get(0).quarantined()).isEmpty();
    SearchResultEntry g = only("(givenName=Grace)");
    assertThat(g.getAttributeValues("mail")).as("one of two addresses equal but for case and space").hasSize(1);
    assertThat(g.getAttributeValues("telephoneNumber")).as("work and fax, equal but for spaces and hyphens").hasSize(1);
    assertThat(g.getAttributeValues("mobile")).as("another attribute keeps its own").hasSize(1);
    SearchResultEntry a = only("(givenName=Alan)");
    assertThat(a.getAttributeValues("mail")).containsExactly("alan@example.com");
    assertThat(a.getAttributeValues("telephoneNumber")).hasSize(1);
    only("(givenName=Edsger)");

    RunSummary again = run(job);
    assertThat(again.destinations().get(0).unchanged()).as("a collapsed entry is not rewritten every run").isEqualTo(4);
  }

  @Test
  void theAndroidExportSyncsIntoTheDirectory() throws Exception {
    Path corpus = Path.of(getClass().getResource("/corpus/vcard-clients/John_Doe_ANDROID.vcf").toURI());
    Files.copy(corpus, dir.resolve("android.vcf"));
    JobConfig job = job("android.vcf", SyncFixtures.rawCopy(), Map.of());

    RunSummary first = run(job);
    assertThat(first.read()).isEqualTo(6);
    assertThat(first.destinations().get(0).quarantined()).isEmpty();
    assertThat(first.destinations().get(0).created()).isEqualTo(6);
    SearchResultEntry bob = only("(mail=bob@company.com)");
    assertThat(bob.getAttributeValues("telephoneNumber")).as("TEL;WORK and TEL;WORK;FAX, one number").containsExactly("123456");
    assertThat(bob.getAttributeValues("mobile")).containsExactly("123456");
    assertThat(run(job).destinations().get(0).unchanged()).isEqualTo(6);
  }

  /**
   * Values the server refuses: a number with '*' (no telephoneNumber syntax), an attribute the schema does not have.
   * Each such entry is held back and counted by reason; the log names the entry's record id and the attribute, never
   * the value; the other entries are written, and an entry written before keeps its last good version.
   */
  @Test
  void anEntryTheServerRefusesIsHeldBackNamingTheAttributeAndTheRunGoesOn() throws Exception {
    Contact ada = contact("src-1", "Ada", "Lovelace");
    ada.getPhones().add(new TypedValue("work", "+12015550101"));
    Contact grace = contact("src-2", "Grace", "Hopper");
    grace.getCustom().put("badge", "B-0042");
    Contact alan = contact("src-3", "Alan", "Turing");
    jsonl(List.of(ada, grace, alan));
    JobConfig job = job("in.jsonl", SyncFixtures.rawCopy(), Map.of("custom.badge", "badgeNumber"));

    String[] log = new String[1];
    RunSummary first = logged(job, log);
    assertThat(first.destinations().get(0).created()).isEqualTo(2);
    assertThat(first.destinations().get(0).quarantined()).containsExactly(Map.entry("SchemaViolation", 1L));
    assertThat(log[0]).contains("badgeNumber").doesNotContain("B-0042").doesNotContain("Grace");
    only("(givenName=Alan)");

    ada.getPhones().get(0).setValue("*****0101");
    jsonl(List.of(ada, alan));
    RunSummary second = logged(job, log);
    assertThat(second.destinations().get(0).quarantined()).containsExactly(Map.entry("ValueRefused", 1L));
    assertThat(second.destinations().get(0).deleted()).as("a held-back entry is not swept").isZero();
    assertThat(log[0]).contains("telephoneNumber", "invalid attribute syntax").doesNotContain("0101").doesNotContain("Ada");
    assertThat(only("(givenName=Ada)").getAttributeValues("telephoneNumber")).as("the last good version")
        .containsExactly("+12015550101");
  }

  /** A failure that is not the entry's ends the run as before, and names the entry by record id, never a value. */
  @Test
  void aFailureOfTheRunNamesTheEntryByItsRecordId() throws Exception {
    Contact grace = contact("AAAAAAAAAAAAAAAAAAAAAA", "Grace", "Hopper");
    LdapDestination d = new LdapDestination("directory", io.contactsync.sync.connector.Ownership.of("team", "job", null), LdapIT.ldap(LdapIT.URL, ou),
        CredentialStore.perSecretName(dir.resolve("credentials")).forEndpoint("d", SyncFixtures.secretCredentials("ldap-creds")));
    d.begin();
    // another writer adds the entry after the run listed the directory
    admin.add("uid=AAAAAAAAAAAAAAAAAAAAAA," + ou, new Attribute("objectClass", "inetOrgPerson"),
        new Attribute("uid", "AAAAAAAAAAAAAAAAAAAAAA"), new Attribute("cn", "x"), new Attribute("sn", "x"));
    assertThatThrownBy(() -> d.upsert(List.of(grace)))
        .hasMessage("destination 'directory' (" + d.target().replace(" " + ou, "")
            + "): cannot write the entry uid=AAAAAAAAAAAAAAAAAAAAAA: entry already exists");
  }

  static Contact contact(String id, String given, String family) {
    Contact c = new Contact();
    c.setId(id);
    c.setName(new Name(null, given, null, family, null));
    c.setFormattedName(given + " " + family);
    return c;
  }


  void jsonl(List<Contact> contacts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(dir.resolve("in.jsonl"), out.toByteArray());
  }

  JobConfig job(String source, PrivacyPolicySpec policy, Map<String, String> attributes) {
    DestinationSpec d = new DestinationSpec();
    d.setName("directory");
    d.setPrivacyPolicyRef(new PolicyReference("raw", "team"));
    d.setLdap(LdapIT.ldap(System.getenv("CONTACTSYNC_TEST_LDAP_STARTTLS_URL"), ou));
    if (!attributes.isEmpty()) d.getLdap().setAttributes(attributes);
    return new JobConfig("team", "r", SyncMode.Full, DeletePolicy.Propagate,
        SyncFixtures.sync("team", "r", source).getSpec().getSource(),
        List.of(new JobConfig.Destination("directory", d.getPrivacyPolicyRef(), policy, d)), dir.toString());
  }

  RunSummary run(JobConfig job) throws Exception {
    return LocalRun.of(job, dir);
  }

  /** A run with what it logged (slf4j-simple writes to System.err) put in log[0]. */
  RunSummary logged(JobConfig job, String[] log) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return run(job);
    } finally {
      System.setErr(err);
      log[0] = captured.toString(StandardCharsets.UTF_8);
      err.print(log[0]);
    }
  }

  SearchResultEntry only(String filter) throws Exception {
    List<SearchResultEntry> found = admin.search(ou, SearchScope.ONE, filter, "*").getSearchEntries();
    assertThat(found).as(filter).hasSize(1);
    return found.get(0);
  }
}
