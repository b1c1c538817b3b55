package io.contactsync.sync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The test PostgreSQL that .ci/servers/postgres.sh starts, reached as the connector reaches it: TLS, host verified. */
public final class TestPostgres {
  private TestPostgres() {}

  /** Its JDBC URL, or null when the server's environment is not set. */
  public static String url() {
    return System.getenv("CONTACTSYNC_TEST_POSTGRES_URL");
  }

  /** A connection with the test user, for setting up and checking what the tests write. */
  public static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"));
    p.setProperty("password", System.getenv("CONTACTSYNC_TEST_POSTGRES_PASSWORD"));
    p.setProperty("sslmode", "verify-full");
    p.setProperty("sslrootcert", System.getenv("CONTACTSYNC_TEST_POSTGRES_CA"));
    return DriverManager.getConnection(url(), p);
  }
}
