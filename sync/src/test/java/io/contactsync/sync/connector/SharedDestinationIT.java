package io.contactsync.sync.connector;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.TestPostgres;
import io.contactsync.sync.LocalRun;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two syncs of one namespace share a destination (issue 17, observation 1): each keeps its own records, a record both
 * write belongs to the last writer, records nobody marked survive, and a run that would delete most of a sync's own
 * records deletes nothing. Against Radicale, slapd and PostgreSQL.
 */
class SharedDestinationIT {
  @TempDir Path dir;
  List<Contact> contacts;

  @FunctionalInterface
  interface Count {
    long get() throws Exception;
  }

  @BeforeEach
  void setUp() throws Exception {
    contacts = new ArrayList<>();
    new SyntheticContacts(21, 40).forEachRemaining(c -> {
      if (c.getEmails().get(0).getValue().contains("@") && c.getPhones().get(0).getValue().length() > 8) contacts.add(c);
    });
    write("a.jsonl", contacts.subList(0, 10));
    write("b.jsonl", contacts.subList(10, 20));
  }

  @Test
  void cardDav() throws Exception {
    String base = System.getenv("CONTACTSYNC_TEST_CARDDAV_URL");
    Assumptions.assumeTrue(base != null, "no CardDAV server: run eval \"$(.ci/servers/radicale.sh)\" first");
    writeCredentials(dir.resolve("credentials"), "creds", System.getenv("CONTACTSYNC_TEST_CARDDAV_USER"),
        System.getenv("CONTACTSYNC_TEST_CARDDAV_PASSWORD"), System.getenv("CONTACTSYNC_TEST_CARDDAV_CA"));
    HttpClient http = HttpClient.newBuilder().sslContext(TlsTrust.context(CredentialStore.perSecretName(
        dir.resolve("credentials")).forEndpoint("test", secretCredentials("creds")))).build();
    String book = base + "shared-" + Long.toString(System.nanoTime(), 36) + "/";
    assertThat(dav(http, "MKCOL", book, "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" "
        + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/>"
        + "</d:resourcetype></d:prop></d:set></d:mkcol>").statusCode()).isEqualTo(201);
    CardDavConnector c = new CardDavConnector();
    c.setUrl(book);
    c.setCredentials(secretCredentials("creds"));
    DestinationSpec d = destination();
    d.setCarddav(c);
    Count cards = () -> dav(http, "PROPFIND", book, "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop>"
        + "<d:getetag/></d:prop></d:propfind>").body().split("\\.vcf</").length - 1;
    // a card a person put in the book: no mark, never deleted
    assertThat(dav(http, "PUT", book + "by-hand.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:by-hand\r\nFN:By Hand\r\n"
        + "END:VCARD\r\n").statusCode()).isEqualTo(201);
    twoSyncsKeepTheirOwn(d, cards, 1);
  }

  @Test
  void ldap() throws Exception {
    String url = System.getenv("CONTACTSYNC_TEST_LDAP_URL");
    Assumptions.assumeTrue(url != null, "no LDAP server: run eval \"$(.ci/servers/slapd.sh)\" first");
    writeCredentials(dir.resolve("credentials"), "creds", System.getenv("CONTACTSYNC_TEST_LDAP_BIND_DN"),
        System.getenv("CONTACTSYNC_TEST_LDAP_PASSWORD"), System.getenv("CONTACTSYNC_TEST_LDAP_CA"));
    String ou = "ou=s" + Long.toString(System.nanoTime(), 36) + "," + System.getenv("CONTACTSYNC_TEST_LDAP_BASE");
    LdapConnector l = new LdapConnector();
    l.setUrl(url);
    l.setBaseDn(ou);
    l.setCredentials(secretCredentials("creds"));
    URI ldaps = URI.create(url);
    try (LDAPConnection admin = new LDAPConnection(TlsTrust.context(CredentialStore.perSecretName(dir.resolve("credentials"))
        .forEndpoint("test", secretCredentials("creds"))).getSocketFactory(), ldaps.getHost(), ldaps.getPort(),
        System.getenv("CONTACTSYNC_TEST_LDAP_BIND_DN"), System.getenv("CONTACTSYNC_TEST_LDAP_PASSWORD"))) {
      admin.add(ou, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", ou.substring(3, ou.indexOf(','))));
      // an entry someone else keeps under the same base, with an id of the connector's shape: never deleted
      admin.add("uid=AAAAAAAAAAAAAAAAAAAAAA," + ou, new Attribute("objectClass", "inetOrgPerson"),
          new Attribute("uid", "AAAAAAAAAAAAAAAAAAAAAA"), new Attribute("cn", "Kept"), new Attribute("sn", "Kept"));
      DestinationSpec d = destination();
      d.setLdap(l);
      twoSyncsKeepTheirOwn(d, () -> admin.search(ou, SearchScope.ONE, "(uid=*)", "uid").getEntryCount(), 1);
    }
  }

  @Test
  void postgres() throws Exception {
    String table = "shared_" + Long.toString(System.nanoTime(), 36);
    DestinationSpec d = postgresInto(table);
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      // the application's own table, which has its own rows; createTable adds written_by
      s.execute("CREATE TABLE " + table + " (id text PRIMARY KEY, contact jsonb NOT NULL, "
          + "synced_at timestamptz NOT NULL DEFAULT now())");
      s.execute("INSERT INTO " + table + " (id, contact) VALUES ('app-1', '{}')");
    }
    twoSyncsKeepTheirOwn(d, () -> {
      try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
        r.next();
        return r.getLong(1);
      }
    }, 1);
  }

  /** Rows written before owner marks have none: the first run marks those it writes and deletes no unmarked row. */
  @Test
  void anUpgradeAdoptsWhatTheSyncWritesAndDeletesNothingUnmarked() throws Exception {
    String table = "upgraded_" + Long.toString(System.nanoTime(), 36);
    DestinationSpec d = postgresInto(table);
    long own = run(job("a", "a.jsonl", d)).destinations().get(0).created();
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + table + " DROP COLUMN written_by"); // the table as the previous version left it
    }
    write("a.jsonl", contacts.subList(0, 8));
    RunSummary upgraded = run(job("a", "a.jsonl", d));
    assertThat(upgraded.destinations().get(0).updated()).as("each row written is marked").isEqualTo(own - 2);
    assertThat(upgraded.destinations().get(0).deleted()).as("the two rows no longer in the source are unmarked").isZero();
    write("a.jsonl", contacts.subList(0, 7));
    assertThat(run(job("a", "a.jsonl", d)).destinations().get(0).deleted()).as("a marked row is swept").isEqualTo(1);
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE written_by IS NULL), count(*) FROM " + table)) {
      r.next();
      assertThat(r.getLong(1)).as("left unmarked: what no sync writes any more").isEqualTo(2);
      assertThat(r.getLong(2)).isEqualTo(own - 1);
    }
  }

  /** The story every destination must tell; {@code others} records in it belong to nobody. */
  void twoSyncsKeepTheirOwn(DestinationSpec d, Count count, long others) throws Exception {
    RunSummary a = run(job("a", "a.jsonl", d));
    long ownA = a.destinations().get(0).created();
    assertThat(ownA).isPositive();
    RunSummary b = run(job("b", "b.jsonl", d));
    long ownB = b.destinations().get(0).created();
    assertThat(b.destinations().get(0).deleted()).as("b deletes none of a's records").isZero();
    assertThat(count.get()).isEqualTo(others + ownA + ownB);
    assertThat(run(job("a", "a.jsonl", d)).destinations().get(0).deleted()).as("nor a of b's, nor others'").isZero();
    assertThat(count.get()).isEqualTo(others + ownA + ownB);

    // a third sync reads the same source: its records are a's, the last writer takes them, nothing is deleted
    RunSummary c = run(job("c", "a.jsonl", d));
    assertThat(c.destinations().get(0).updated()).as("c takes a's records").isEqualTo(ownA);
    write("a.jsonl", contacts.subList(0, 9));
    assertThat(run(job("a", "a.jsonl", d)).destinations().get(0).deleted())
        .as("a record c wrote last is c's: a's sweep leaves it").isZero();
    assertThat(count.get()).isEqualTo(others + ownA + ownB);

    // b's source loses 9 of its 10: the guard (50%) refuses, nothing is deleted, the checkpoint stays
    write("b.jsonl", contacts.subList(10, 11));
    assertThatThrownBy(() -> run(job("b", "b.jsonl", d))).isInstanceOf(Ownership.MassDeleteException.class)
        .hasMessageContaining("nothing was deleted").hasMessageContaining("maxDeletePercent 50%");
    assertThat(count.get()).isEqualTo(others + ownA + ownB);
    d.setMaxDeletePercent(100);
    assertThat(run(job("b", "b.jsonl", d)).destinations().get(0).deleted()).as("allowed by the spec").isEqualTo(ownB - 1);
    assertThat(count.get()).isEqualTo(others + ownA + 1);
    d.setMaxDeletePercent(null);
  }

  JobConfig job(String name, String source, DestinationSpec d) {
    PrivacyPolicy policy = SyncFixtures.policy("team", "p");
    // telephoneNumber's syntax has no '*'
    policy.getSpec().getRules().stream().filter(r -> r.getMask() != null).forEach(r -> r.getMask().setCharacter("x"));
    return new JobConfig("team", name, SyncMode.Full, DeletePolicy.Propagate,
        SyncFixtures.sync("team", name, source).getSpec().getSource(),
        List.of(new JobConfig.Destination(d.getName(), d.getPrivacyPolicyRef(), policy.getSpec(), d)), dir.toString());
  }

  /** The shared destination as a PostgreSQL table (created by the connector when missing), skipped without a server. */
  DestinationSpec postgresInto(String table) throws Exception {
    String url = System.getenv("CONTACTSYNC_TEST_POSTGRES_URL");
    Assumptions.assumeTrue(url != null, "no PostgreSQL: run eval \"$(.ci/servers/postgres.sh)\" first");
    writeCredentials(dir.resolve("credentials"), "creds", System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"),
        System.getenv("CONTACTSYNC_TEST_POSTGRES_PASSWORD"), System.getenv("CONTACTSYNC_TEST_POSTGRES_CA"));
    PostgresConnector pg = new PostgresConnector();
    pg.setUrl(url + "?sslmode=verify-full");
    pg.setTable(table);
    pg.setCreateTable(true);
    pg.setCredentials(secretCredentials("creds"));
    DestinationSpec d = destination();
    d.setPostgres(pg);
    return d;
  }

  static DestinationSpec destination() {
    DestinationSpec d = new DestinationSpec();
    d.setName("shared");
    d.setPrivacyPolicyRef(new PolicyReference("p", "team"));
    return d;
  }

  RunSummary run(JobConfig job) throws Exception {
    return LocalRun.of(job, dir);
  }

  void write(String file, List<Contact> list) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(list, out);
    Files.write(dir.resolve(file), out.toByteArray());
  }

  static HttpResponse<String> dav(HttpClient http, String method, String url, String body) throws Exception {
    String auth = Base64.getEncoder().encodeToString((System.getenv("CONTACTSYNC_TEST_CARDDAV_USER") + ":"
        + System.getenv("CONTACTSYNC_TEST_CARDDAV_PASSWORD")).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + auth)
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", method.equals("PUT") ? "text/vcard" : "application/xml");
    if (method.equals("PROPFIND")) r.header("Depth", "1");
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
