package io.contactsync.operator.cli;

import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.TestPostgres;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.manifest.Manifests;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process killed with SIGKILL at several points of a run into PostgreSQL: the table always holds a
 * committed state, and the next run leaves exactly the expected records: no duplicates, nothing missing, nothing
 * stale.
 */
class PostgresCrashIT {
  private static final Path JAR = Path.of("target", "contactsync.jar").toAbsolutePath();
  private static final String URL = System.getenv("CONTACTSYNC_TEST_POSTGRES_URL");
  @TempDir Path work;
  String table;

  @Test
  void killedRunsLeaveACommittedStateAndTheNextRunConverges() throws Exception {
    Assumptions.assumeTrue(URL != null, "no PostgreSQL: run eval \"$(.ci/servers/postgres.sh)\" first (.ci/run does)");
    table = "crash_" + Long.toString(System.nanoTime(), 36);
    writeCredentials(work.resolve("credentials"), "pg-creds", System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"),
        System.getenv("CONTACTSYNC_TEST_POSTGRES_PASSWORD"), System.getenv("CONTACTSYNC_TEST_POSTGRES_CA"));
    Files.copy(Path.of("..", "config", "samples", "local", "privacypolicy.yaml"), work.resolve("privacypolicy.yaml"));
    Files.writeString(work.resolve("contactsync.yaml"), String.join("\n",
        "apiVersion: contactsync.io/v1alpha1", "kind: ContactSync", "metadata: {name: crash}", "spec:",
        "  schedule: '@hourly'", "  mode: Full", "  deletes: Propagate", "  source: {file: {path: contacts.jsonl}}",
        "  destinations:", "    - name: db", "      privacyPolicyRef: {name: marketing-safe}", "      postgres:",
        "        url: " + URL + "?sslmode=verify-full", "        table: " + table, "        createTable: true",
        "        credentials: {secretRef: {name: pg-creds}}", ""));

    List<Contact> first = contacts(0, 12_000);
    write(first);
    assertThat(run(-1)).isZero();
    Set<String> committedFirst = ids();

    // a second version: 300 deleted, 500 changed, 400 new
    List<Contact> second = new ArrayList<>(first.subList(300, first.size()));
    for (int i = 0; i < 500; i++) second.get(i).setTitle("Changed " + i);
    second.addAll(contacts(100_000, 400));
    write(second);
    Set<String> expected = expectedIds(second);
    int killedWhileWriting = 0;
    for (long killAfterMs : new long[] {0, 150, 400, 700, 1100}) {
      run(killAfterMs);
      String log = Files.readString(work.resolve("run.log"));
      if (log.contains("reading file:") && !log.contains("Synced ")) killedWhileWriting++;
      Set<String> now = ids();
      assertThat(now.equals(committedFirst) || now.equals(expected))
          .as("after a kill at %d ms the table holds a committed state", killAfterMs).isTrue();
    }
    System.out.printf("crash safety: %d of 5 SIGKILLs hit a run in progress; the table held a committed state after each%n",
        killedWhileWriting);
    assertThat(killedWhileWriting).as("kills that hit a run in progress").isGreaterThanOrEqualTo(2);
    assertThat(run(-1)).isZero();
    assertThat(ids()).isEqualTo(expected);
    assertThat(count("contact->>'title' = '[REDACTED]'")).as("changed rows were rewritten, none stale").isEqualTo(expected.size());
    assertThat(count("")).as("no duplicates").isEqualTo(expected.size());
  }

  /** Runs the worker; with killAfterMs >= 0 it is killed with SIGKILL that long after it starts reading. */
  private int run(long killAfterMs) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "sync", "--local", "-f", work.toString(), "--state-dir", work.resolve("state").toString(),
        "--credentials-dir", work.resolve("credentials").toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile()).start();
    if (killAfterMs >= 0) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.isAlive() && !Files.readString(work.resolve("run.log")).contains("reading file:") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (!p.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        return -9;
      }
      return p.exitValue();
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(work.resolve("run.log"))).isZero();
    return 0;
  }

  private Set<String> expectedIds(List<Contact> source) throws Exception {
    var policy = Manifests.load(List.of(work.resolve("privacypolicy.yaml"))).policies().get(0).object();
    CompiledPolicy compiled = PolicyCompiler.compile(PolicyDefinitions.from(policy.getSpec()),
        FileKeyStore.load(work.resolve("state/keys/default/marketing-safe")));
    Set<String> ids = new HashSet<>();
    for (Contact c : source) {
      if (!compiled.apply(c).quarantined()) ids.add(compiled.recordId("file:contacts.jsonl", c.getId()));
    }
    return ids;
  }

  private static List<Contact> contacts(int offset, int n) {
    List<Contact> list = new ArrayList<>();
    SyntheticContacts generator = new SyntheticContacts(21, offset + n);
    for (int i = offset; i < offset + n; i++) list.add(generator.contact(i));
    return list;
  }

  private void write(List<Contact> contacts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(work.resolve("contacts.jsonl"), out.toByteArray());
  }

  private Connection connect() throws Exception {
    return TestPostgres.connect();
  }

  private Set<String> ids() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM " + table)) {
      while (r.next()) ids.add(r.getString(1));
    }
    return ids;
  }

  private long count(String where) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table + (where.isEmpty() ? "" : " WHERE " + where))) {
      r.next();
      return r.getLong(1);
    }
  }
}
