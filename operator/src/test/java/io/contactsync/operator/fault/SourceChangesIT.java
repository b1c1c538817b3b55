package io.contactsync.operator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.sync.ReliabilityRow;
import io.contactsync.sync.TestPostgres;
import io.contactsync.sync.sample.SyntheticContacts;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL source changed while the first run reads it: four writers add, edit and delete rows in overlapping
 * transactions that stamp updated_at with their start time and commit later, out of order (the case a naive
 * "updated_at after the last one seen" cursor loses). The next incremental run brings every add and edit; the next
 * full run also every delete. The destination then equals the source exactly.
 */
class SourceChangesIT {
  private static final int ROWS = 50_000;
  private static final int WRITERS = 4;
  @TempDir Path work;

  @Test
  void changesDuringARunArriveWithTheNextRuns() throws Exception {
    PostgresTable.assumeAvailable();
    String url = System.getenv(PostgresTable.ENV + "_URL");
    URI server = URI.create(url.substring("jdbc:".length()));
    String source = "changing_" + Long.toString(System.nanoTime(), 36);
    String identity = "postgres:" + server.getHost() + ":" + server.getPort() + server.getPath() + "/" + source;
    seed(source);
    PostgresTable table = PostgresTable.unique("changed");
    LocalJob job = LocalJob.withSource(work, 5, String.join("\n", "  source:", "    postgres:",
        "      url: " + url + "?sslmode=verify-full", "      table: " + source, "      cursorColumn: updated_at",
        "      credentials: {secretRef: {name: pg-creds}}"), table.destination(url, "pg-creds"), "pg-creds", PostgresTable.ENV);
    Worker worker = new Worker(work);
    // writing before, while and after the run takes its snapshot, so that some transactions are open across it
    List<Writer> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) writers.add(new Writer(source, i));
    writers.forEach(Thread::start);
    Thread.sleep(500);
    Process run = worker.startReading();
    assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
    for (Writer w : writers) w.finish();
    assertThat(run.exitValue()).as(worker.output()).isZero();
    long updates = writers.stream().mapToLong(w -> w.updates.get()).sum();
    long inserts = writers.stream().mapToLong(w -> w.inserts.get()).sum();
    long deletes = writers.stream().mapToLong(w -> w.deletes.get()).sum();
    assertThat(updates).as("edits made while the run read").isPositive();
    assertThat(inserts).as("adds").isPositive();
    assertThat(deletes).as("deletes").isPositive();

    Map<String, String> expected = job.expected(rows(source), identity);
    worker.runToSuccess();
    Map<String, String> afterIncremental = table.rows();
    for (var e : expected.entrySet()) {
      assertThat(afterIncremental.get(e.getKey())).as("record %s after the next incremental run", e.getKey()).isEqualTo(e.getValue());
    }
    job.mode("Full");
    worker.runToSuccess();
    assertThat(table.rows()).as("after the next full run, deletes too").isEqualTo(expected);
    ReliabilityRow.write("source-changes-postgres", "PostgreSQL source changed while a run reads it",
        "the first run of a 50,000-row table; " + WRITERS + " writers in overlapping transactions committing out of order: "
            + updates + " edits, " + inserts + " adds, " + deletes + " deletes",
        "the run succeeds; the next incremental run brings every add and edit, the next full run every delete; the"
            + " destination then equals the source exactly", "0");
  }

  private static void seed(String table) throws Exception {
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id text PRIMARY KEY, contact jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, contact) VALUES (?, ?::jsonb)")) {
        SyntheticContacts generator = new SyntheticContacts(5, ROWS);
        for (int i = 0; i < ROWS; i++) {
          Contact contact = generator.contact(i);
          insert.setString(1, contact.getId());
          insert.setString(2, ContactJson.write(contact));
          insert.addBatch();
          if (i % 5000 == 4999) insert.executeBatch();
        }
      }
      c.commit();
    }
  }

  private static List<Contact> rows(String table) throws Exception {
    List<Contact> contacts = new ArrayList<>();
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, contact FROM " + table)) {
      while (r.next()) {
        Contact contact = ContactJson.parse(r.getString(2));
        contact.setId(r.getString(1));
        contacts.add(contact);
      }
    }
    return contacts;
  }

  /** One writer: transactions of a few edits, an add or a delete, held open a while so that they overlap. */
  private static final class Writer extends Thread {
    final AtomicLong updates = new AtomicLong();
    final AtomicLong inserts = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    private final String table;
    private final int number;
    private volatile boolean running = true;
    private volatile Exception failure;

    Writer(String table, int number) {
      this.table = table;
      this.number = number;
    }

    void finish() throws Exception {
      running = false;
      join(30_000);
      if (failure != null) throw failure;
    }

    @Override
    public void run() {
      Random random = new Random(number);
      SyntheticContacts generator = new SyntheticContacts(100 + number, 1_000_000);
      try (Connection c = TestPostgres.connect()) {
        c.setAutoCommit(false);
        for (int n = 0; running; n++) {
          int op = random.nextInt(100);
          if (op < 60) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET contact = jsonb_set(contact, '{name}',"
                + " coalesce(contact->'name', '{}'::jsonb) || jsonb_build_object('family', ?::text)), updated_at = now() WHERE id = ?")) {
              // in id order, so that writers holding rows of each other wait instead of deadlocking
              for (int id : random.ints(5, 0, ROWS).sorted().distinct().toArray()) {
                p.setString(1, "Concurrent" + number + "x" + n);
                p.setString(2, sourceId(id));
                p.addBatch();
              }
              updates.addAndGet(sum(p.executeBatch()));
            }
          } else if (op < 85) {
            Contact contact = generator.contact(n);
            contact.setId("added-" + number + "-" + n);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, contact) VALUES (?, ?::jsonb)")) {
              p.setString(1, contact.getId());
              p.setString(2, ContactJson.write(contact));
              inserts.addAndGet(p.executeUpdate());
            }
          } else {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
              p.setString(1, sourceId(random.nextInt(ROWS)));
              deletes.addAndGet(p.executeUpdate());
            }
          }
          Thread.sleep(random.nextInt(40)); // held open: a later transaction may commit first
          c.commit();
        }
      } catch (Exception e) {
        failure = e;
      }
    }

    private static String sourceId(int i) {
      return String.format(java.util.Locale.ROOT, "synthetic-5-%07d", i);
    }

    private static long sum(int[] counts) {
      long total = 0;
      for (int count : counts) total += Math.max(count, 0);
      return total;
    }
  }
}
