package io.contactsync.sync.connector.postgres;

import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.Retries;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL endpoint: connects with the endpoint's credentials and CA, and turns failures into one line that
 * names the endpoint, what failed and what to check (never the password). A refused or dropped connection is tried
 * again with backoff (Retries.CONNECT), so a server restart or fail-over as the run starts does not fail it.
 */
final class PostgresEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresEndpoint.class);
  private static final Retries RETRIES = Retries.CONNECT;
  private final String label;
  private final PostgresConnector spec;
  private final Credentials credentials;

  PostgresEndpoint(String label, PostgresConnector spec, Credentials credentials) {
    this.label = label;
    this.spec = spec;
    this.credentials = credentials;
  }

  /** Where, for people: host, port and database, without credentials or parameters. */
  String where() {
    URI uri = URI.create(spec.getUrl().substring("jdbc:".length()));
    return "postgres " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
  }

  Connection connect() throws IOException {
    Properties props = new Properties();
    credentials.text("username").ifPresent(u -> props.setProperty("user", u));
    credentials.text("password").ifPresent(p -> props.setProperty("password", p));
    props.setProperty("ApplicationName", "contactsync");
    props.setProperty("connectTimeout", "15");
    props.setProperty("socketTimeout", "300");
    if (credentials.bytes("ca.crt").isPresent()) props.setProperty("sslrootcert", caFile().toString());
    for (int attempt = 1; ; attempt++) {
      try {
        Connection c = DriverManager.getConnection(spec.getUrl(), props);
        c.setAutoCommit(false);
        return c;
      } catch (SQLException e) {
        if (!mayPass(e) || attempt == RETRIES.attempts()) {
          throw failure(attempt == 1 ? "cannot connect" : "cannot connect after " + attempt + " attempts", e);
        }
        Duration wait = RETRIES.backoff(attempt);
        LOG.warn("{} ({}): cannot connect (attempt {} of {}: {}), trying again in {} ms", label, where(), attempt,
            RETRIES.attempts(), firstLine(e), wait.toMillis());
        RETRIES.pause(wait);
      }
    }
  }

  /** Refused, dropped, or the server starting up or shutting down: what a restart or fail-over looks like. */
  private static boolean mayPass(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean tls = firstLine(e).contains("SSL") || firstLine(e).contains("certificate");
    return (state.equals("08001") || state.equals("08006") || state.equals("57P03")) && !tls;
  }

  IOException failure(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String hint;
    if (state.equals("28000") && firstLine(e).contains("no encryption")) {
      hint = "the server refuses unencrypted connections: use sslmode=verify-full";
    } else if (state.equals("28000") && firstLine(e).contains("pg_hba.conf")) {
      hint = "the server's pg_hba.conf admits no such connection (user, database, host or TLS)";
    } else if (state.equals("28P01") || state.equals("28000")) {
      hint = "authentication failed: check username and password in the credentials Secret";
    } else if (state.startsWith("08")) {
      hint = firstLine(e) + ": check that the server is up and reachable"
          + (firstLine(e).contains("SSL") || firstLine(e).contains("certificate") ? ", and its certificate against ca.crt" : "");
    } else if (state.equals("3D000")) {
      hint = "the database does not exist";
    } else if (state.equals("42P01")) {
      hint = "the table does not exist: create it, or set createTable: true";
    } else if (state.equals("42501")) {
      hint = "permission denied: grant the user the rights it needs";
    } else {
      hint = firstLine(e) + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }
    return new IOException(label + " (" + where() + "): " + what + ": " + hint);
  }

  /** A server message's first line; PostgreSQL puts details (which could quote values) on further lines. */
  private static String firstLine(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private Path caFile() throws IOException {
    Path file = Files.createTempFile("contactsync-pg-ca", ".crt",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, credentials.bytes("ca.crt").orElseThrow());
    file.toFile().deleteOnExit();
    return file;
  }
}
