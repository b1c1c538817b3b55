package io.contactsync.sync.connector.postgres;

import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.format.ContactFields;
import io.contactsync.sync.format.ReadItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads a table or a query. Each row is one contact: from a json/jsonb column named contact (the canonical JSON),
 * or from columns named by canonical field paths ("name.given", "emails[0].value"); an id column gives its identity.
 * With a cursor column, an incremental run reads only rows whose cursor is at or after the last one seen (rows at
 * the boundary are read again, which keyed writes make harmless); without one, or in a full run, it reads all
 * rows, and a record the run did not see is deleted at the destinations. The read sees one snapshot; when writing
 * transactions were open at that snapshot, the next run reads a timestamp cursor from {@link #LOOKBACK} before the
 * last value seen: such a transaction may stamp its rows with its start (updated_at = now()), below a value this run
 * already read, and commit after it, and its rows would otherwise never be read.
 */
public final class PostgresSource implements ContactSource {
  static final String CURSOR = "postgres.cursor";
  static final String CURSOR_TYPE = "postgres.cursorType";
  static final String LAST_ID = "postgres.lastId";
  /** "true" when writing transactions were open at the snapshot the run read. */
  static final String WRITERS_OPEN = "postgres.writersOpen";
  /** How long a writing transaction may stay open and its rows still be read by the next incremental run. */
  static final Duration LOOKBACK = Duration.ofMinutes(5);
  private static final int FETCH_SIZE = 2000;
  private final PostgresEndpoint endpoint;
  private final PostgresConnector spec;

  public PostgresSource(PostgresConnector spec, Credentials credentials) {
    this.endpoint = new PostgresEndpoint("the source", spec, credentials);
    this.spec = spec;
  }

  @Override
  public String identity() {
    return "postgres:" + endpoint.where().substring("postgres ".length()) + "/"
        + (spec.getQuery() != null ? "query" : spec.getTable());
  }

  @Override
  public Result read(Map<String, String> checkpoint, Sink sink) throws IOException {
    String cursorColumn = spec.getCursorColumn();
    boolean incremental = cursorColumn != null && checkpoint.containsKey(CURSOR);
    boolean lookback = incremental && isTimestamp(checkpoint.get(CURSOR_TYPE)) && "true".equals(checkpoint.get(WRITERS_OPEN));
    // with an id column, (cursor, id) is a keyset: rows sharing the last cursor value are not read again
    boolean keyset = incremental && !lookback && checkpoint.containsKey(LAST_ID);
    String base = spec.getQuery() != null ? spec.getQuery() : "SELECT * FROM " + spec.getTable();
    String sql = "SELECT * FROM (" + base + ") AS source"
        + (keyset ? " WHERE (" + cursorColumn + ", id::text) > (?, ?)" : incremental ? " WHERE " + cursorColumn + " >= ?" : "")
        + (cursorColumn != null ? " ORDER BY " + cursorColumn + (keyset || hasId(checkpoint) ? ", id::text" : "") : "");
    Map<String, String> next = new HashMap<>(checkpoint);
    try (Connection c = endpoint.connect()) {
      // one snapshot for the question below and the read; a read-only transaction takes no transaction id itself
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      if (cursorColumn != null) next.put(WRITERS_OPEN, Boolean.toString(writersOpen(c)));
      read(c, idOrdered(sql, c, base, cursorColumn), checkpoint, lookback, keyset, incremental, sink, next);
      c.commit();
    } catch (SQLException e) {
      throw endpoint.failure("cannot read", e);
    }
    return new Result(!incremental, false, next);
  }

  /** Whether any writing transaction was open at this transaction's snapshot. */
  private static boolean writersOpen(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM txid_snapshot_xip(txid_current_snapshot())")) {
      r.next();
      return r.getLong(1) > 0;
    }
  }

  private void read(Connection c, String sql, Map<String, String> checkpoint, boolean lookback, boolean keyset,
      boolean incremental, Sink sink, Map<String, String> next) throws SQLException, IOException {
    String cursorColumn = spec.getCursorColumn();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setFetchSize(FETCH_SIZE);
      if (lookback) p.setObject(1, timestamp(checkpoint.get(CURSOR)).minus(LOOKBACK));
      else if (incremental) bindCursor(p, checkpoint.get(CURSOR), checkpoint.get(CURSOR_TYPE));
      if (keyset) p.setString(2, checkpoint.get(LAST_ID));
      try (ResultSet rows = p.executeQuery()) {
        Mapping mapping = Mapping.of(rows.getMetaData(), cursorColumn);
        long n = 0;
        Object last = null;
        String lastId = null;
        int lastType = Types.OTHER;
        while (rows.next()) {
          n++;
          sink.accept(mapping.item(rows, "row " + n));
          if (mapping.cursorIndex > 0) {
            Object value = rows.getObject(mapping.cursorIndex);
            if (value != null) {
              last = value;
              lastType = rows.getMetaData().getColumnType(mapping.cursorIndex);
              lastId = mapping.idIndex > 0 ? rows.getString(mapping.idIndex) : null;
            }
          }
        }
        if (last != null) {
          next.put(CURSOR, last instanceof Timestamp t ? t.toInstant().toString() : last.toString());
          next.put(CURSOR_TYPE, Integer.toString(lastType));
          if (lastId != null) next.put(LAST_ID, lastId); else next.remove(LAST_ID);
        }
      }
    }
  }

  /** Whether the last run saw an id column (then rows are ordered by it after the cursor, for the keyset). */
  private static boolean hasId(Map<String, String> checkpoint) {
    return checkpoint.containsKey(LAST_ID);
  }

  /** Orders by id after the cursor when the source has an id column, so the last (cursor, id) is a keyset. */
  private static String idOrdered(String sql, Connection c, String base, String cursorColumn) throws SQLException {
    if (cursorColumn == null || sql.contains(", id::text")) return sql;
    try (PreparedStatement probe = c.prepareStatement("SELECT * FROM (" + base + ") AS source LIMIT 0");
        ResultSet r = probe.executeQuery()) {
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        if (r.getMetaData().getColumnLabel(i).equalsIgnoreCase("id")) return sql + ", id::text";
      }
    }
    return sql;
  }

  private static boolean isTimestamp(String type) {
    int sqlType = type == null ? Types.VARCHAR : Integer.parseInt(type);
    return sqlType == Types.TIMESTAMP || sqlType == Types.TIMESTAMP_WITH_TIMEZONE;
  }

  private static OffsetDateTime timestamp(String value) {
    return OffsetDateTime.parse(value.endsWith("Z") || value.contains("+") ? value : value + "Z");
  }

  private static void bindCursor(PreparedStatement p, String value, String type) throws SQLException {
    int sqlType = type == null ? Types.VARCHAR : Integer.parseInt(type);
    switch (sqlType) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> p.setObject(1, timestamp(value));
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> p.setLong(1, Long.parseLong(value));
      case Types.NUMERIC, Types.DECIMAL -> p.setBigDecimal(1, new BigDecimal(value));
      default -> p.setString(1, value);
    }
  }

  /** How a result set's columns become a contact. */
  private static final class Mapping {
    int contactIndex = -1;
    int idIndex = -1;
    int cursorIndex = -1;
    final List<Integer> fieldIndexes = new ArrayList<>();
    final List<BiConsumer<Contact, String>> setters = new ArrayList<>();

    static Mapping of(ResultSetMetaData meta, String cursorColumn) throws SQLException {
      Mapping m = new Mapping();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String name = meta.getColumnLabel(i);
        if (name.equalsIgnoreCase("contact")) m.contactIndex = i;
        else if (name.equalsIgnoreCase("id")) m.idIndex = i;
        if (name.equalsIgnoreCase(cursorColumn)) m.cursorIndex = i;
        BiConsumer<Contact, String> setter = ContactFields.setter(name);
        if (setter != null && !name.equalsIgnoreCase("id")) {
          m.fieldIndexes.add(i);
          m.setters.add(setter);
        }
      }
      return m;
    }

    ReadItem item(ResultSet row, String locator) throws SQLException {
      Contact contact;
      if (contactIndex > 0) {
        String json = row.getString(contactIndex);
        try {
          contact = json == null ? new Contact() : ContactJson.parse(json);
        } catch (ContactJson.InvalidContactJsonException e) {
          return ReadItem.quarantined(QuarantineReason.UNPARSEABLE, locator);
        }
      } else {
        contact = new Contact();
      }
      for (int i = 0; i < fieldIndexes.size(); i++) {
        String value = row.getString(fieldIndexes.get(i));
        if (value != null && !value.isEmpty()) setters.get(i).accept(contact, value);
      }
      if (idIndex > 0) contact.setId(row.getString(idIndex));
      if (contact.getId() == null || contact.getId().isBlank()) return ReadItem.quarantined(QuarantineReason.MISSING_ID, locator);
      ContactFields.dropEmptyEntries(contact);
      return ReadItem.of(contact, locator);
    }
  }
}
