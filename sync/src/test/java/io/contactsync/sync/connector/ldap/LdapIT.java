package io.contactsync.sync.connector.ldap;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.LocalRun;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.format.ReadItem;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LDAP connector against OpenLDAP slapd with syncprov and TLS required: see .ci/servers/slapd.sh. */
class LdapIT {
  static final String URL = System.getenv("CONTACTSYNC_TEST_LDAP_URL");
  @TempDir Path dir;
  String ou;
  LDAPConnection admin;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(URL != null, "no LDAP server: run eval \"$(.ci/servers/slapd.sh)\" first (.ci/run does)");
    writeCredentials(dir.resolve("credentials"), "ldap-creds", System.getenv("CONTACTSYNC_TEST_LDAP_BIND_DN"),
        System.getenv("CONTACTSYNC_TEST_LDAP_PASSWORD"), System.getenv("CONTACTSYNC_TEST_LDAP_CA"));
    admin = new LdapEndpoint("test", ldap(URL, "dc=example,dc=com"), credentials("ldap-creds")).connect();
    ou = "ou=t" + Long.toString(System.nanoTime(), 36) + "," + System.getenv("CONTACTSYNC_TEST_LDAP_BASE");
    admin.add(ou, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", ou.substring(3, ou.indexOf(','))));
  }

  @AfterEach
  void close() {
    if (admin != null) admin.close();
  }

  Credentials credentials(String name) throws Exception {
    return CredentialStore.perSecretName(dir.resolve("credentials")).forEndpoint("source", secretCredentials(name));
  }


  static LdapConnector ldap(String url, String baseDn) {
    LdapConnector c = new LdapConnector();
    c.setUrl(url);
    c.setBaseDn(baseDn);
    c.setCredentials(secretCredentials("ldap-creds"));
    return c;
  }

  void person(int i, String given, String mail) throws Exception {
    admin.add("uid=p" + i + "," + ou, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "p" + i),
        new Attribute("cn", given + " Person"), new Attribute("sn", "Person"), new Attribute("givenName", given),
        new Attribute("mail", mail), new Attribute("telephoneNumber", "+1 201 555 01" + String.format("%02d", i)));
  }

  @Test
  void aDirectoryIsReadIncrementallyWithContentSyncCookies() throws Exception {
    for (int i = 0; i < 20; i++) person(i, "Given" + i, "p" + i + "@example.com");
    LdapSource reader = new LdapSource(ldap(URL, ou), credentials("ldap-creds"));
    List<Contact> read = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    ContactSource.Sink sink = new ContactSource.Sink() {
      @Override public void accept(ReadItem item) { read.add(item.contact()); }
      @Override public void deleted(String sourceId) { deleted.add(sourceId); }
    };
    var full = reader.read(Map.of(), sink);
    assertThat(full.fullSnapshot()).isTrue();
    assertThat(full.checkpoint()).containsKey("ldap.cookie");
    assertThat(read).hasSize(20);
    Contact first = read.stream().filter(c -> "Given3".equals(c.getName().getGiven())).findFirst().orElseThrow();
    assertThat(first.getEmails().get(0).getValue()).isEqualTo("p3@example.com");
    assertThat(first.getPhones().get(0).getValue()).isEqualTo("+1 201 555 0103");
    assertThat(first.getFormattedName()).isEqualTo("Given3 Person");
    String uuidOf7 = read.stream().filter(c -> "Given7".equals(c.getName().getGiven())).findFirst().orElseThrow().getId();

    admin.modify("uid=p3," + ou, new Modification(ModificationType.REPLACE, "givenName", "Renamed"));
    admin.delete("uid=p7," + ou);
    person(99, "New", "new@example.com");
    read.clear();
    var delta = reader.read(full.checkpoint(), sink);
    assertThat(read).extracting(c -> c.getName().getGiven()).containsExactlyInAnyOrder("Renamed", "New");
    assertThat(deleted).containsExactly(uuidOf7);
    assertThat(delta.fullSnapshot()).isFalse();
  }

  @Test
  void aFileSyncWritesEntriesOnceUpdatesOnlyWhatChangedAndSweeps() throws Exception {
    List<Contact> source = new ArrayList<>();
    new SyntheticContacts(17, 30).forEachRemaining(c -> {
      if (c.getEmails().get(0).getValue().contains("@") && c.getPhones().get(0).getValue().length() > 8) source.add(c);
    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(source, out);
    Files.write(dir.resolve("in.jsonl"), out.toByteArray());
    PrivacyPolicy policy = SyncFixtures.policy("team", "p");
    // telephoneNumber's syntax has no '*': mask with a letter instead
    policy.getSpec().getRules().stream().filter(r -> r.getMask() != null).forEach(r -> r.getMask().setCharacter("x"));
    DestinationSpec d = new DestinationSpec();
    d.setName("directory");
    d.setPrivacyPolicyRef(new PolicyReference("p", "team"));
    d.setLdap(ldap(System.getenv("CONTACTSYNC_TEST_LDAP_STARTTLS_URL"), ou));
    SourceSpec file = SyncFixtures.sync("team", "l", "in.jsonl").getSpec().getSource();
    JobConfig job = new JobConfig("team", "l", SyncMode.Full, DeletePolicy.Propagate, file,
        List.of(new JobConfig.Destination("directory", d.getPrivacyPolicyRef(), policy.getSpec(), d)), dir.toString());

    RunSummary first = run(job);
    long created = first.destinations().get(0).created();
    assertThat(created + first.destinations().get(0).quarantinedTotal()).isEqualTo(source.size());
    assertThat(entries("(mail=tok_*)")).isEqualTo(created);
    RunSummary again = run(job);
    assertThat(again.destinations().get(0).unchanged()).isEqualTo(created);
    assertThat(again.destinations().get(0).updated()).isZero();

    Files.write(dir.resolve("in.jsonl"), Files.readAllLines(dir.resolve("in.jsonl")).subList(3, source.size()));
    RunSummary swept = run(job);
    assertThat(swept.destinations().get(0).deleted()).isBetween(2L, 3L);
    assertThat(entries("(uid=*)")).isEqualTo(created - swept.destinations().get(0).deleted());
  }

  RunSummary run(JobConfig job) throws Exception {
    return LocalRun.of(job, dir);
  }

  long entries(String filter) throws Exception {
    return admin.search(ou, SearchScope.ONE, filter, "uid").getEntryCount();
  }

  @Test
  void aValueThatDoesNotFitItsAttributeHoldsBackItsEntryOnly() throws Exception {
    Contact masked = new Contact();
    masked.setId("AAAAAAAAAAAAAAAAAAAAAA");
    masked.setFormattedName("Masked");
    masked.getPhones().add(new io.contactsync.privacy.contact.TypedValue("work", "*****0113"));
    Contact next = new Contact();
    next.setId("BBBBBBBBBBBBBBBBBBBBBB");
    next.setFormattedName("Next");
    LdapDestination d = new LdapDestination("directory", io.contactsync.sync.connector.Ownership.of("team", "job", null), ldap(URL, ou), credentials("ldap-creds"));
    d.begin();
    d.upsert(List.of(masked, next));
    assertThat(d.commit(false)).isEqualTo(new ContactDestination.WriteCounts(1, 0, 0, 0, Map.of("ValueRefused", 1L)));
    assertThat(entries("(uid=*)")).isEqualTo(1);
  }

  /**
   * A directory entry may refer the client to another server (a referral object, RFC 3296). Chasing it would send
   * the bind credentials there and take entries from a server no policy checked: a listener on 127.0.0.1 that the
   * referral names records whether anything connected to it.
   */
  @Test
  void referralsAreNotChasedSoNothingReachesTheServerTheyName() throws Exception {
    try (ServerSocket elsewhere = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      AtomicInteger contacted = new AtomicInteger();
      Thread listener = new Thread(() -> {
        while (true) {
          try (Socket s = elsewhere.accept()) {
            contacted.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      listener.setDaemon(true);
      listener.start();
      person(1, "Ada", "ada@example.com");
      String moved = "ou=moved," + ou;
      admin.add(moved, new Attribute("objectClass", "referral", "extensibleObject"), new Attribute("ou", "moved"),
          new Attribute("ref", "ldap://127.0.0.1:" + elsewhere.getLocalPort() + "/ou=people,dc=elsewhere"));

      List<Contact> read = new ArrayList<>();
      ContactSource.Sink sink = new ContactSource.Sink() {
        @Override public void accept(ReadItem item) { read.add(item.contact()); }
        @Override public void deleted(String sourceId) {}
      };
      new LdapSource(ldap(URL, ou), credentials("ldap-creds")).read(Map.of(), sink);
      assertThat(read).as("the entries of the checked server only").extracting(c -> c.getName().getGiven())
          .containsExactly("Ada");
      assertThatThrownBy(() -> new LdapSource(ldap(URL, "ou=below," + moved), credentials("ldap-creds")).read(Map.of(), sink))
          .as("a base the server refers elsewhere is a failure, not a chase").isInstanceOf(IOException.class);
      Thread.sleep(500); // a chase would connect at once
      assertThat(contacted.get()).as("connections to the referred server").isZero();
    }
  }

  @Test
  void plaintextWrongCredentialsAndADownServerGiveOneClearLine() throws Exception {
    LdapConnector plaintext = ldap(System.getenv("CONTACTSYNC_TEST_LDAP_STARTTLS_URL"), ou);
    plaintext.setAllowInsecureTransport(true);
    assertThatThrownBy(() -> new LdapSource(plaintext, credentials("ldap-creds")).read(Map.of(), null))
        .hasMessageContaining("cannot connect: the server requires TLS");
    writeCredentials(dir.resolve("credentials"), "bad", System.getenv("CONTACTSYNC_TEST_LDAP_BIND_DN"), "wrong-canary",
        System.getenv("CONTACTSYNC_TEST_LDAP_CA"));
    assertThatThrownBy(() -> new LdapSource(ldap(URL, ou), credentials("bad")).read(Map.of(), null))
        .hasMessageContaining("authentication failed").hasMessageNotContaining("wrong-canary");
    assertThatThrownBy(() -> new LdapSource(ldap(URL.replaceAll(":\\d+$", ":1"), ou), credentials("ldap-creds")).read(Map.of(), null))
        .hasMessageContaining("check that the server is up and reachable");
    assertThatThrownBy(() -> new LdapSource(ldap(URL, ou), Credentials.none()).read(Map.of(), null))
        .hasMessageContaining("TLS failed");
  }
}
