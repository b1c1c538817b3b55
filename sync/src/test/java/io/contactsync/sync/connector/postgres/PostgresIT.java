package io.contactsync.sync.connector.postgres;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PostgresColumn;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.TestPostgres;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.CheckpointStore;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.pipeline.SyncRun;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL connector against a real server (TLS, SCRAM): see .ci/servers/postgres.sh. */
class PostgresIT {
  static final String URL = System.getenv("CONTACTSYNC_TEST_POSTGRES_URL");
  @TempDir Path dir;
  String table;
  FileKeyStore keys;
  CheckpointStore checkpoints;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(URL != null, "no PostgreSQL: run eval \"$(.ci/servers/postgres.sh)\" first (.ci/run does)");
    table = "contacts_" + Long.toString(System.nanoTime(), 36);
    keys = new FileKeyStore(dir.resolve("state"));
    checkpoints = new CheckpointStore(dir.resolve("state"));
    writeCredentials(dir.resolve("credentials"), "pg-creds", System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"),
        System.getenv("CONTACTSYNC_TEST_POSTGRES_PASSWORD"), System.getenv("CONTACTSYNC_TEST_POSTGRES_CA"));
  }

  static String verified() {
    return URL + "?sslmode=verify-full";
  }

  static Connection admin() throws Exception {
    return TestPostgres.connect();
  }


  PostgresConnector pg(String url, String credentials) {
    PostgresConnector pg = new PostgresConnector();
    pg.setUrl(url);
    pg.setTable(table);
    pg.setCreateTable(true);
    pg.setCredentials(secretCredentials(credentials));
    pg.getColumns().add(new PostgresColumn("name.given", "given_name"));
    pg.getColumns().add(new PostgresColumn("emails[0].value", "email_token"));
    return pg;
  }

  JobConfig fileToPostgres(PostgresConnector pg, SyncMode mode) {
    PrivacyPolicy policy = SyncFixtures.policy("team", "p");
    JobConfig base = SyncFixtures.job(dir, "in.jsonl", "unused.jsonl", policy, mode, DeletePolicy.Propagate);
    DestinationSpec d = new DestinationSpec();
    d.setName("db");
    d.setPrivacyPolicyRef(new PolicyReference("p", "team"));
    d.setPostgres(pg);
    return new JobConfig(base.namespace(), base.name(), mode, DeletePolicy.Propagate, base.source(),
        List.of(new JobConfig.Destination("db", d.getPrivacyPolicyRef(), policy.getSpec(), d)), dir.toString());
  }

  RunSummary run(JobConfig job) throws Exception {
    SyncRun.Outcome outcome = new SyncRun(job, keys::writerKeys, CredentialStore.perSecretName(dir.resolve("credentials")),
        Clock.systemUTC()).run(checkpoints.load(job.namespace(), job.name()));
    checkpoints.save(job.namespace(), job.name(), outcome.checkpoint());
    return outcome.summary();
  }

  void writeSource(List<Contact> contacts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(dir.resolve("in.jsonl"), out.toByteArray());
  }

  List<Contact> contacts(int n) {
    List<Contact> list = new ArrayList<>();
    new SyntheticContacts(9, n).forEachRemaining(c -> {
      if (c.getEmails().get(0).getValue().contains("@") && c.getPhones().get(0).getValue().length() > 8) list.add(c);
    });
    return list;
  }

  long count(String where) throws Exception {
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table + (where.isEmpty() ? "" : " WHERE " + where))) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aSyncUpsertsPolicyAppliedRowsOnceAndSweepsDeletedOnes() throws Exception {
    List<Contact> source = contacts(500);
    writeSource(source);
    RunSummary first = run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full));
    long created = first.destinations().get(0).created();
    assertThat(created + first.destinations().get(0).quarantinedTotal()).isEqualTo(source.size());
    assertThat(created).isGreaterThan(source.size() * 9L / 10);
    assertThat(count("")).isEqualTo(created);
    assertThat(count("email_token LIKE 'tok\\_%' AND contact->'emails'->0->>'value' = email_token")).isEqualTo(created);
    assertThat(count("contact ? 'notes'")).as("notes are dropped by the policy").isZero();
    assertThat(count("given_name IS NOT NULL")).isEqualTo(created);

    RunSummary again = run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full));
    assertThat(again.destinations().get(0).unchanged()).isEqualTo(created);
    assertThat(again.destinations().get(0).created()).isZero();
    assertThat(count("")).as("a repeated run creates no duplicates").isEqualTo(created);

    writeSource(source.subList(10, source.size()));
    RunSummary swept = run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full));
    long gone = swept.destinations().get(0).deleted();
    assertThat(gone).isBetween(8L, 10L);
    assertThat(count("")).isEqualTo(created - gone);
  }

  /** Issue 17, observation 7: a created table says what it holds, and the incremental read has its index. */
  @Test
  void aCreatedTableHasCommentsAndTheSyncedAtIndexAndKeepsADbasOwnComment() throws Exception {
    writeSource(contacts(50));
    run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full));
    try (Connection c = admin(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = '" + table + "'")) {
        List<String> indexes = new ArrayList<>();
        while (r.next()) indexes.add(r.getString(1));
        assertThat(indexes).anySatisfy(i -> assertThat(i).endsWith("(synced_at, id)"));
      }
      try (ResultSet r = s.executeQuery("SELECT obj_description('" + table + "'::regclass, 'pg_class'), "
          + "col_description('" + table + "'::regclass, 1), col_description('" + table + "'::regclass, "
          + "(SELECT attnum FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attname = 'given_name'))")) {
        r.next();
        assertThat(r.getString(1)).startsWith("Contacts written by contactsync");
        assertThat(r.getString(2)).startsWith("Record id:");
        assertThat(r.getString(3)).contains("field name.given");
      }
      s.execute("COMMENT ON TABLE " + table + " IS 'our CRM copy'");
      s.execute("SET enable_seqscan = off"); // the table is small: ask whether the index serves, not whether it pays
      try (ResultSet r = s.executeQuery("EXPLAIN SELECT id FROM " + table
          + " WHERE (synced_at, id::text) > (now() - interval '1 day', '') ORDER BY synced_at, id::text")) {
        StringBuilder plan = new StringBuilder();
        while (r.next()) plan.append(r.getString(1)).append('\n');
        assertThat(plan.toString()).contains(table + "_synced_at_id").doesNotContain("Seq Scan");
      }
    }
    run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full));
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT obj_description('" + table + "'::regclass, 'pg_class')")) {
      r.next();
      assertThat(r.getString(1)).as("a later run leaves a DBA's comment alone").isEqualTo("our CRM copy");
    }
  }

  @Test
  void aPostgresSourceReadsIncrementallyByItsCursor() throws Exception {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + "_src (id text PRIMARY KEY, \"name.given\" text, \"emails[0].value\" text, "
          + "updated_at timestamptz NOT NULL)");
      s.execute("INSERT INTO " + table + "_src SELECT 'c' || g, 'Given' || g, 'user' || g || '@example.com', "
          + "timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, 200) g");
    }
    PostgresConnector src = new PostgresConnector();
    src.setUrl(verified());
    src.setTable(table + "_src");
    src.setCursorColumn("updated_at");
    src.setCredentials(secretCredentials("pg-creds"));
    SourceSpec sourceSpec = new SourceSpec();
    sourceSpec.setPostgres(src);
    PostgresSource reader = new PostgresSource(src, CredentialStore.perSecretName(dir.resolve("credentials"))
        .forEndpoint("source", src.getCredentials()));
    List<Contact> read = new ArrayList<>();
    var sink = new io.contactsync.sync.connector.ContactSource.Sink() {
      @Override public void accept(io.contactsync.sync.format.ReadItem item) { read.add(item.contact()); }
      @Override public void deleted(String sourceId) {}
    };
    var full = reader.read(Map.of(), sink);
    assertThat(read).hasSize(200);
    assertThat(read.get(0).getName().getGiven()).isEqualTo("Given1");
    assertThat(full.fullSnapshot()).isTrue();
    assertThat(full.checkpoint()).containsEntry("postgres.cursor", "2026-01-01T03:20:00Z");

    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("UPDATE " + table + "_src SET \"name.given\" = 'Changed', updated_at = timestamptz '2026-02-01' WHERE id = 'c7'");
      s.execute("INSERT INTO " + table + "_src VALUES ('c999', 'New', 'new@example.com', timestamptz '2026-02-02')");
    }
    read.clear();
    var incremental = reader.read(full.checkpoint(), sink);
    assertThat(incremental.fullSnapshot()).isFalse();
    assertThat(read).as("(updated_at, id) is a keyset: the last row of the previous run is not read again")
        .extracting(Contact::getId).containsExactly("c7", "c999");
    assertThat(read.get(0).getName().getGiven()).isEqualTo("Changed");
  }

  @Test
  void aRunIntoAnEmptyTableCopiesStraightInWhileOtherWritersWait() throws Exception {
    // the owner's own table, whose synced_at has no default: the run gives every row its transaction's start
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id text PRIMARY KEY, contact jsonb NOT NULL, given_name text,"
          + " email_token text, synced_at timestamptz NOT NULL)");
    }
    PostgresConnector spec = pg(verified(), "pg-creds");
    spec.setCreateTable(false);
    PostgresDestination destination = new PostgresDestination("db", io.contactsync.sync.connector.Ownership.of("team", "job", null), spec,
        CredentialStore.perSecretName(dir.resolve("credentials")).forEndpoint("db", spec.getCredentials()));
    List<Contact> batch = contacts(20);
    destination.begin();
    destination.upsert(batch);
    destination.retain(List.of("kept-by-nobody"));
    try (Connection other = admin(); Statement s = other.createStatement()) {
      s.execute("SET lock_timeout = '300ms'");
      assertThatThrownBy(() -> s.execute("INSERT INTO " + table + " (id, contact, synced_at) VALUES ('x', '{}', now())"))
          .as("another writer waits for the run").hasMessageContaining("lock timeout");
      assertThat(count("")).as("readers still read, and see nothing before the commit").isZero();
    }
    var counts = destination.commit(true);
    assertThat(counts.created()).isEqualTo(batch.size());
    assertThat(counts.deleted()).isZero();
    assertThat(count("")).isEqualTo(batch.size());
    assertThat(count("synced_at = (SELECT min(synced_at) FROM " + table + ")")).isEqualTo(batch.size());
    assertThat(count("given_name IS NOT NULL")).as("the declared columns are copied too").isEqualTo(batch.size());

    destination.begin(); // not empty now: the merge path, which leaves equal rows alone
    destination.upsert(batch);
    var again = destination.commit(true);
    assertThat(again.unchanged()).isEqualTo(batch.size());
    assertThat(again.created()).isZero();
  }

  @Test
  void aFailedRunLeavesTheTableAsItWas() throws Exception {
    writeSource(contacts(100));
    run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full));
    long before = count("");
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + table + " ADD CONSTRAINT no_new_rows CHECK (given_name <> 'Nobody')");
    }
    Contact nobody = contacts(1).get(0);
    nobody.setId("brand-new");
    nobody.getName().setGiven("Nobody");
    List<Contact> next = new ArrayList<>(contacts(100).subList(0, 50));
    next.add(nobody);
    writeSource(next);
    assertThatThrownBy(() -> run(fileToPostgres(pg(verified(), "pg-creds"), SyncMode.Full)))
        .isInstanceOf(IOException.class).hasMessageContaining("destination 'db'").hasMessageContaining("cannot write a batch");
    assertThat(count("")).as("no sweep, no partial batch: the transaction rolled back").isEqualTo(before);
  }

  @Test
  void wrongCredentialsPlaintextAndADownServerGiveOneClearLine() throws Exception {
    writeCredentials(dir.resolve("credentials"), "bad-creds", System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"),
        "not-the-password-canary", System.getenv("CONTACTSYNC_TEST_POSTGRES_CA"));
    writeSource(contacts(5));

    assertThatThrownBy(() -> run(fileToPostgres(pg(verified(), "bad-creds"), SyncMode.Full)))
        .hasMessage("destination 'db' (" + where() + "): cannot connect: authentication failed: check username and "
            + "password in the credentials Secret")
        .hasMessageNotContaining("not-the-password-canary");

    PostgresConnector plaintext = pg(URL + "?sslmode=disable", "pg-creds");
    plaintext.setAllowInsecureTransport(true);
    assertThatThrownBy(() -> run(fileToPostgres(plaintext, SyncMode.Full)))
        .hasMessageContaining("cannot connect: the server refuses unencrypted connections: use sslmode=verify-full");

    String down = URL.replaceAll(":\\d+/", ":1/") + "?sslmode=verify-full";
    assertThatThrownBy(() -> run(fileToPostgres(pg(down, "pg-creds"), SyncMode.Full)))
        .hasMessageContaining("cannot connect").hasMessageContaining("check that the server is up and reachable");
  }

  static String where() {
    return "postgres " + URL.substring("jdbc:postgresql://".length());
  }
}
