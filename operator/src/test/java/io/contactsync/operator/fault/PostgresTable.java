package io.contactsync.operator.fault;

import io.contactsync.sync.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** A destination table of the test PostgreSQL as the fault tests compare it: record id to family name. */
record PostgresTable(String name) {
  static final String ENV = "CONTACTSYNC_TEST_POSTGRES";

  static void assumeAvailable() {
    Assumptions.assumeTrue(System.getenv(ENV + "_URL") != null,
        "no PostgreSQL: run eval \"$(.ci/servers/postgres.sh)\" first (.ci/run does)");
  }

  static PostgresTable unique(String prefix) {
    return new PostgresTable(prefix + "_" + Long.toString(System.nanoTime(), 36));
  }

  /** The destination's YAML for {@link LocalJob}: this table, created by the first run, TLS verified. */
  String destination(String url, String secret) {
    return String.join("\n", "      postgres:", "        url: " + url + "?sslmode=verify-full", "        table: " + name,
        "        createTable: true", "        credentials: {secretRef: {name: " + secret + "}}");
  }

  /** Every row; a duplicate id would be a primary-key violation, so the map is the whole table. */
  Map<String, String> rows() throws Exception {
    Map<String, String> rows = new HashMap<>();
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, coalesce(contact->'name'->>'family', '') FROM " + name)) {
      while (r.next()) rows.put(r.getString(1), r.getString(2));
    }
    return rows;
  }
}
