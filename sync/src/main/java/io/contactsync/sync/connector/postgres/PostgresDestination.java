package io.contactsync.sync.connector.postgres;

import io.contactsync.api.v1alpha1.PostgresColumn;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.Ownership;
import io.contactsync.sync.format.ContactFields;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts records into a table keyed by record id, in one transaction per run: readers see the previous state
 * until commit, a failed or killed run changes nothing, and a repeated run writes the same rows again. Batches go
 * through COPY into a temporary table, then one INSERT … ON CONFLICT that leaves unchanged rows alone. One batch is
 * written behind: while the server merges it, the pipeline prepares the next (the server's work is the larger half).
 * A run that finds the table empty (a first run, or one after the table was emptied) locks out other writers until it
 * commits and copies straight into the table: nothing is there to compare or sweep, and the stage and merge would
 * double the server's work. Columns: id (record id), contact (jsonb), the declared extra columns, synced_at, and
 * written_by: this sync's owner mark. Deletes and sweeps touch only rows with this sync's mark, never rows the
 * application or another sync wrote; in a table without written_by they touch nothing. The mass-deletion guard
 * checks the run's deletes before the commit and rolls the whole run back when they are too many.
 */
public final class PostgresDestination implements ContactDestination {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresDestination.class);
  private static final int MAX_IN_FLIGHT = 3;
  /** The column that holds the owner mark. */
  public static final String OWNER_COLUMN = "written_by";
  private final String name;
  private final Ownership ownership;
  /** Whether the table has written_by: without it the run writes but deletes nothing. */
  private boolean marked;
  private long ownedAtBegin;
  private final PostgresEndpoint endpoint;
  private final PostgresConnector spec;
  private final List<PostgresColumn> columns;
  private Connection connection;
  /** The one thread that talks to the server, so that a batch is written while the next is prepared. */
  private ExecutorService writer;
  private final ArrayDeque<Future<Void>> inFlight = new ArrayDeque<>();
  private long created;
  private long updated;
  private long unchanged;
  private long deleted;
  /** Whether this run found the table empty and holds it: batches are copied straight in. */
  private boolean copyStraightIn;
  /** The transaction's start, which every row of the run carries as synced_at (what now() gives the merge). */
  private String syncedAt;

  public PostgresDestination(String name, Ownership ownership, PostgresConnector spec, Credentials credentials) {
    this.name = name;
    this.ownership = ownership;
    this.endpoint = new PostgresEndpoint("destination '" + name + "'", spec, credentials);
    this.spec = spec;
    this.columns = spec.getColumns() == null ? List.of() : List.copyOf(spec.getColumns());
  }

  @Override
  public String target() {
    return endpoint.where() + " table " + spec.getTable();
  }

  @Override
  public void begin() throws IOException {
    created = updated = unchanged = deleted = 0;
    connection = endpoint.connect();
    writer = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "contactsync-postgres-writer");
      thread.setDaemon(true);
      return thread;
    });
    try (Statement s = connection.createStatement()) {
      if (Boolean.TRUE.equals(spec.getCreateTable())) {
        boolean existed = tableExists(s);
        s.execute(createTable());
        if (!existed) for (String comment : PostgresTableSchema.comments(spec.getTable(), columns)) s.execute(comment);
        // a table this connector created before it marked rows gets the column, its old rows unmarked
        s.execute("ALTER TABLE " + spec.getTable() + " ADD COLUMN IF NOT EXISTS written_by text");
        s.execute(PostgresTableSchema.syncedAtIndex(spec.getTable()));
      }
      marked = hasOwnerColumn(s);
      if (!marked) LOG.warn("destination '{}': the table has no written_by column, so this run deletes nothing; "
          + "add it (ALTER TABLE … ADD COLUMN written_by text) to let deletes and sweeps remove this sync's rows", name);
      ownedAtBegin = marked ? ownedRows(s) : 0;
      copyStraightIn = takeIfEmpty(s);
      if (!copyStraightIn) { // the merge path's stage, and the ids it has seen for the sweep
        s.execute("CREATE TEMPORARY TABLE contactsync_stage (id text PRIMARY KEY, contact jsonb NOT NULL"
            + extraColumns(" text") + ") ON COMMIT DROP");
        s.execute("CREATE TEMPORARY TABLE contactsync_seen (id text PRIMARY KEY) ON COMMIT DROP");
      }
    } catch (SQLException e) {
      abort();
      throw endpoint.failure("cannot prepare the table", e);
    }
  }

  @Override
  public void upsert(List<Contact> records) throws IOException {
    if (records.isEmpty()) return;
    String csv = csv(records);
    if (copyStraightIn) {
      writeBehind(() -> created += connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY " + spec.getTable() + " (id, contact" + extraColumns("") + ", synced_at" + (marked ? ", written_by" : "")
              + ") FROM STDIN WITH (FORMAT csv)",
          new StringReader(csv)));
      return;
    }
    writeBehind(() -> {
      connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY contactsync_stage FROM STDIN WITH (FORMAT csv)", new StringReader(csv));
      try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(merge())) {
        r.next();
        created += r.getLong(1);
        updated += r.getLong(2);
        unchanged += r.getLong(3);
      }
      try (Statement s = connection.createStatement()) {
        s.execute("INSERT INTO contactsync_seen SELECT id FROM contactsync_stage ON CONFLICT DO NOTHING");
        s.execute("TRUNCATE contactsync_stage");
      }
    });
  }

  /** Server work, done in order on the writer thread. */
  private interface ServerWork {
    void run() throws SQLException, IOException;
  }

  /**
   * Queues server work behind what is in flight: a batch and the retains that follow it need not wait for each other,
   * and at most a few pieces wait, so memory stays flat.
   */
  private void writeBehind(ServerWork work) throws IOException {
    while (!inFlight.isEmpty() && (inFlight.peek().isDone() || inFlight.size() >= MAX_IN_FLIGHT)) awaitOldest();
    inFlight.add(writer.submit(() -> {
      work.run();
      return null;
    }));
  }

  /** Waits for all work in flight; a failure fails the run here. */
  private void awaitWritten() throws IOException {
    while (!inFlight.isEmpty()) awaitOldest();
  }

  private void awaitOldest() throws IOException {
    try {
      inFlight.remove().get();
    } catch (ExecutionException e) {
      abort();
      if (e.getCause() instanceof SQLException sql) throw endpoint.failure("cannot write a batch", sql);
      throw endpoint.failure("cannot write a batch", new SQLException(e.getCause().getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new IOException("interrupted while writing to " + target());
    }
  }

  @Override
  public void delete(Collection<String> recordIds) throws IOException {
    Object[] ids = recordIds.toArray();
    writeBehind(() -> {
      if (marked) {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + spec.getTable()
            + " WHERE id = ANY (?) AND written_by = ?")) {
          p.setArray(1, connection.createArrayOf("text", ids));
          p.setString(2, ownership.mark());
          deleted += p.executeUpdate();
        }
      }
      if (!copyStraightIn) seen(ids);
    });
  }

  @Override
  public void retain(Collection<String> recordIds) throws IOException {
    if (copyStraightIn) return; // the table held nothing to keep, and a sweep has nothing to find
    Object[] ids = recordIds.toArray();
    writeBehind(() -> seen(ids));
  }

  private void seen(Object[] ids) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT INTO contactsync_seen SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")) {
      p.setArray(1, connection.createArrayOf("text", ids));
      p.execute();
    }
  }

  @Override
  public WriteCounts commit(boolean sweep) throws IOException {
    awaitWritten();
    try {
      if (sweep && !copyStraightIn && marked) {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + spec.getTable() + " t WHERE "
            + "t.written_by = ? AND NOT EXISTS (SELECT 1 FROM contactsync_seen s WHERE s.id = t.id)")) {
          p.setString(1, ownership.mark());
          deleted += p.executeUpdate();
        }
      }
      ownership.checkDeletes(name, deleted, ownedAtBegin); // refused: the finally rolls every write back
      connection.commit();
      return new WriteCounts(created, updated, unchanged, deleted);
    } catch (SQLException e) {
      throw endpoint.failure("cannot commit", e);
    } finally {
      abort();
    }
  }

  private boolean tableExists(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT to_regclass('" + spec.getTable().replace("'", "''") + "') IS NOT NULL")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  private boolean hasOwnerColumn(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '"
        + spec.getTable().replace("'", "''") + "'::regclass AND attname = 'written_by' AND NOT attisdropped)")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  private long ownedRows(Statement s) throws SQLException {
    // the mark is [A-Za-z0-9_-] only, safe as a literal
    try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + spec.getTable() + " WHERE written_by = '"
        + ownership.mark() + "'")) {
      r.next();
      return r.getLong(1);
    }
  }

  private boolean isEmpty(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + spec.getTable() + ")")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /**
   * Whether the table is empty; if so, other writers wait until this run commits (readers still read) and the run
   * notes its transaction's start for synced_at. It looks again under the lock: a row written in between sends the
   * run down the merge path after all.
   */
  private boolean takeIfEmpty(Statement s) throws SQLException {
    if (!isEmpty(s)) return false;
    s.execute("LOCK TABLE " + spec.getTable() + " IN SHARE ROW EXCLUSIVE MODE");
    if (!isEmpty(s)) return false;
    try (ResultSet r = s.executeQuery("SELECT now()::text")) {
      r.next();
      syncedAt = r.getString(1);
    }
    return true;
  }

  /** Rolls back what is not committed and lets go of the connection. */
  private void abort() {
    if (writer != null) {
      writer.shutdownNow(); // work still queued or running fails on the closed connection; nothing of it commits
      writer = null;
    }
    inFlight.clear();
    if (connection == null) return;
    try {
      if (!connection.getAutoCommit()) connection.rollback();
    } catch (SQLException ignored) {
      // the connection is being closed anyway; the server rolls back an open transaction
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to do
    }
    connection = null;
  }

  /** The batch as CSV for COPY, made on the caller's thread. */
  private String csv(List<Contact> records) {
    StringBuilder csv = new StringBuilder(records.size() * 512);
    for (Contact c : records) {
      csv.append(quote(c.getId())).append(',').append(quote(ContactJson.write(c)));
      if (!columns.isEmpty()) {
        Map<String, String> fields = ContactFields.flatten(c);
        for (PostgresColumn col : columns) csv.append(',').append(quote(fields.get(col.getField())));
      }
      if (copyStraightIn) csv.append(',').append(syncedAt);
      if (copyStraightIn && marked) csv.append(',').append(ownership.mark());
      csv.append('\n');
    }
    return csv.toString();
  }

  /**
   * Inserts new rows, updates changed ones, leaves equal ones alone, and counts each kind. A row the statement
   * inserted has no deleting transaction yet (xmax = 0); one it updated has; an equal row is not returned. Nothing
   * joins the whole table, so a batch costs the same however large the table has grown.
   */
  private String merge() {
    String table = spec.getTable();
    StringBuilder cols = new StringBuilder();
    StringBuilder sets = new StringBuilder();
    for (PostgresColumn c : columns) {
      cols.append(", ").append(c.getColumn());
      sets.append(", ").append(c.getColumn()).append(" = EXCLUDED.").append(c.getColumn());
    }
    // the last writer owns the row: an equal row with another mark (or none) is written, to take it
    String owner = marked ? ", written_by" : "";
    String mark = marked ? ", '" + ownership.mark() + "'" : "";
    return "WITH written AS (INSERT INTO " + table + " (id, contact" + cols + ", synced_at" + owner + ") SELECT id, contact"
        + cols + ", now()" + mark + " FROM contactsync_stage ON CONFLICT (id) DO UPDATE SET contact = EXCLUDED.contact"
        + sets + ", synced_at = EXCLUDED.synced_at" + (marked ? ", written_by = EXCLUDED.written_by" : "") + " WHERE ("
        + table + ".contact" + prefixed(columns, table + ".") + (marked ? ", " + table + ".written_by" : "")
        + ") IS DISTINCT FROM (EXCLUDED.contact" + prefixed(columns, "EXCLUDED.") + (marked ? ", EXCLUDED.written_by" : "")
        + ") RETURNING (xmax = 0) AS inserted) "
        + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), "
        + "(SELECT count(*) FROM contactsync_stage) - count(*) FROM written";
  }

  private String createTable() {
    return "CREATE TABLE IF NOT EXISTS " + spec.getTable() + " (id text PRIMARY KEY, contact jsonb NOT NULL"
        + extraColumns(" text") + ", synced_at timestamptz NOT NULL DEFAULT now(), written_by text)";
  }

  private String extraColumns(String type) {
    StringBuilder out = new StringBuilder();
    for (PostgresColumn c : columns) out.append(", ").append(c.getColumn()).append(type);
    return out.toString();
  }

  private static String prefixed(List<PostgresColumn> columns, String prefix) {
    StringBuilder out = new StringBuilder();
    for (PostgresColumn c : columns) out.append(", ").append(prefix).append(c.getColumn());
    return out.toString();
  }

  /** A CSV field for COPY: quoted; an absent value is an empty unquoted field (NULL). */
  private static String quote(String value) {
    if (value == null) return "";
    return '"' + value.replace("\"", "\"\"") + '"';
  }

}
