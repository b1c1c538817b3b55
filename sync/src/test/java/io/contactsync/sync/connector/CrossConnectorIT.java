package io.contactsync.sync.connector;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.TestPostgres;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.format.VcardFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.CheckpointStore;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.pipeline.SyncRun;
import io.contactsync.sync.sample.SyntheticContacts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL to CardDAV and CardDAV to PostgreSQL through a policy: dropped fields are absent at the destination,
 * and tokens, hashes and masks are exactly what the engine makes of the source values.
 */
class CrossConnectorIT {
  static final String PG = System.getenv("CONTACTSYNC_TEST_POSTGRES_URL");
  static final String DAV = System.getenv("CONTACTSYNC_TEST_CARDDAV_URL");
  @TempDir Path dir;
  String suffix;
  List<Contact> people;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(PG != null && DAV != null, "no PostgreSQL or CardDAV server: .ci/run starts them");
    suffix = Long.toString(System.nanoTime(), 36);
    writeCredentials(dir.resolve("credentials"), "pg", System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"), System.getenv("CONTACTSYNC_TEST_POSTGRES_PASSWORD"),
        System.getenv("CONTACTSYNC_TEST_POSTGRES_CA"));
    writeCredentials(dir.resolve("credentials"), "dav", System.getenv("CONTACTSYNC_TEST_CARDDAV_USER"), System.getenv("CONTACTSYNC_TEST_CARDDAV_PASSWORD"),
        System.getenv("CONTACTSYNC_TEST_CARDDAV_CA"));
    people = new ArrayList<>();
    new SyntheticContacts(31, 40).forEachRemaining(c -> {
      if (c.getEmails().get(0).getValue().contains("@") && c.getPhones().get(0).getValue().length() > 8) people.add(c);
    });
  }

  Connection pg() throws Exception {
    return TestPostgres.connect();
  }

  HttpResponse<String> dav(String method, String url, String body) throws Exception {
    Credentials c = CredentialStore.perSecretName(dir.resolve("credentials")).forEndpoint("x", secretCredentials("dav"));
    String auth = Base64.getEncoder().encodeToString((c.text("username").orElseThrow() + ":" + c.text("password").orElseThrow())
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + auth);
    r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
        : r.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/xml");
    if (method.equals("PROPFIND") || method.equals("REPORT")) r.header("Depth", "1");
    return HttpClient.newBuilder().sslContext(TlsTrust.context(c)).build().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  String newBook() throws Exception {
    String book = DAV + "cross-" + suffix + "/";
    dav("MKCOL", book, "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\">"
        + "<d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>");
    return book;
  }

  RunSummary run(SourceSpec source, DestinationSpec destination) throws Exception {
    PrivacyPolicy policy = SyncFixtures.policy("team", "p");
    JobConfig job = new JobConfig("team", "cross", SyncMode.Full, DeletePolicy.Propagate, source,
        List.of(new JobConfig.Destination(destination.getName(), new PolicyReference("p", "team"), policy.getSpec(), destination)),
        dir.toString());
    SyncRun.Outcome outcome = new SyncRun(job, new FileKeyStore(dir.resolve("state"))::writerKeys,
        CredentialStore.perSecretName(dir.resolve("credentials")), Clock.systemUTC()).run(
            new CheckpointStore(dir.resolve("state")).load("team", "cross"));
    return outcome.summary();
  }

  /** What the engine makes of each source contact, by record id. */
  Map<String, Contact> expected(String sourceIdentity, List<Contact> source) throws Exception {
    CompiledPolicy policy = PolicyCompiler.compile(PolicyDefinitions.from(SyncFixtures.policy("team", "p").getSpec()),
        // the run's keys: the policy's, derived for the sync's namespace (the default token scope)
        FileKeyStore.load(dir.resolve("state/keys/team/p")).forScope(io.contactsync.privacy.keys.KeyScope.namespace("team", "p", "team")));
    Map<String, Contact> out = new HashMap<>();
    for (Contact c : source) {
      var outcome = policy.apply(c);
      if (outcome.quarantined()) continue;
      String id = policy.recordId(sourceIdentity, c.getId());
      outcome.contact().setId(id);
      out.put(id, outcome.contact());
    }
    return out;
  }

  @Test
  void postgresToCardDav() throws Exception {
    String table = "cross_src_" + suffix;
    try (Connection c = pg(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id text PRIMARY KEY, contact jsonb)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?::jsonb)")) {
        for (Contact person : people) {
          p.setString(1, person.getId());
          p.setString(2, ContactJson.write(person));
          p.addBatch();
        }
        p.executeBatch();
      }
    }
    PostgresConnector from = new PostgresConnector();
    from.setUrl(PG + "?sslmode=verify-full");
    from.setTable(table);
    from.setCredentials(secretCredentials("pg"));
    SourceSpec source = new SourceSpec();
    source.setPostgres(from);
    String book = newBook();
    CardDavConnector to = new CardDavConnector();
    to.setUrl(book);
    to.setCredentials(secretCredentials("dav"));
    DestinationSpec d = new DestinationSpec();
    d.setName("book");
    d.setCarddav(to);
    run(source, d);

    Map<String, Contact> expected = expected(new io.contactsync.sync.connector.postgres.PostgresSource(from, Credentials.none())
        .identity(), people);
    String multiget = "<?xml version=\"1.0\"?><c:addressbook-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\">"
        + "<d:prop><c:address-data/></d:prop></c:addressbook-query>";
    String cards = dav("REPORT", book, multiget).body();
    List<Contact> written = new ArrayList<>();
    for (String part : cards.split("BEGIN:VCARD")) {
      if (!part.contains("END:VCARD")) continue;
      String vcard = "BEGIN:VCARD" + part.substring(0, part.indexOf("END:VCARD")) + "END:VCARD\r\n";
      written.add(VcardFormat.parse(vcard.replace("&#13;", "")));
    }
    assertThat(written).hasSize(expected.size());
    for (Contact card : written) {
      Contact want = expected.get(card.getId());
      assertThat(want).as("card %s is one of the expected records", card.getId()).isNotNull();
      assertThat(card.getEmails().get(0).getValue()).isEqualTo(want.getEmails().get(0).getValue()).startsWith("tok_");
      assertThat(card.getOrganization()).isEqualTo(want.getOrganization());
      assertThat(card.getNotes()).as("dropped by the policy").isNull();
      assertThat(card.getBirthday()).isNull();
    }
  }

  @Test
  void cardDavToPostgres() throws Exception {
    String book = newBook();
    for (int i = 0; i < people.size(); i++) dav("PUT", book + "p" + i + ".vcf", VcardFormat.write(people.get(i)));
    CardDavConnector from = new CardDavConnector();
    from.setUrl(book);
    from.setCredentials(secretCredentials("dav"));
    SourceSpec source = new SourceSpec();
    source.setCarddav(from);
    String table = "cross_dst_" + suffix;
    PostgresConnector to = new PostgresConnector();
    to.setUrl(PG + "?sslmode=verify-full");
    to.setTable(table);
    to.setCreateTable(true);
    to.setCredentials(secretCredentials("pg"));
    DestinationSpec d = new DestinationSpec();
    d.setName("db");
    d.setPostgres(to);
    run(source, d);

    List<Contact> asRead = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Contact c = VcardFormat.parse(VcardFormat.write(people.get(i)));
      c.setId(URI.create(book + "p" + i + ".vcf").getPath());
      asRead.add(c);
    }
    Map<String, Contact> expected = expected(new io.contactsync.sync.connector.carddav.CardDavSource(from, Credentials.none())
        .identity(), asRead);
    Map<String, Contact> rows = new HashMap<>();
    try (Connection c = pg(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, contact FROM " + table)) {
      while (r.next()) rows.put(r.getString(1), ContactJson.parse(r.getString(2)));
    }
    assertThat(rows).hasSameSizeAs(expected);
    expected.forEach((id, want) -> {
      Contact row = rows.get(id);
      assertThat(row).as("row %s", id).isNotNull();
      assertThat(row.getEmails().get(0).getValue()).isEqualTo(want.getEmails().get(0).getValue());
      assertThat(row.getPhones().get(0).getValue()).isEqualTo(want.getPhones().get(0).getValue()).matches("\\*+\\d{4}");
      assertThat(row.getNotes()).isNull();
      assertThat(row.getCustom()).isEmpty();
    });
  }
}
