package io.contactsync.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.sync.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's ContactSync, policy and seed (config/samples/quickstart) against a real PostgreSQL: the seed makes
 * the CRM table, the sync moves it through the policy into the marketing table, and the second run reads nothing.
 * Only the database address changes (the test server speaks TLS only), and a schema of its own keeps it apart.
 */
class QuickstartSyncIT {
  private static final Path QUICKSTART = Path.of("..", "config", "samples", "quickstart").toAbsolutePath().normalize();
  private static final String DEMO_URL = "jdbc:postgresql://demo-db.contactsync-demo.svc.cluster.local:5432/crm?sslmode=disable";

  @TempDir Path work;

  @Test
  void theSeedGoesThroughThePolicyIntoTheMarketingTable() throws Exception {
    String url = System.getenv("CONTACTSYNC_TEST_POSTGRES_URL");
    Assumptions.assumeTrue(url != null, "no test PostgreSQL: run .ci/servers/postgres.sh first (.ci/run does)");
    String schema = "quickstart_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    try (Connection db = TestPostgres.connect()) {
      try (Statement sql = db.createStatement()) {
        sql.execute("CREATE SCHEMA " + schema);
        sql.execute("SET search_path TO " + schema);
        sql.execute(Files.readString(QUICKSTART.resolve("seed.sql")));
      }

      Path sync = work.resolve("contactsync.yaml");
      String testUrl = url + "?sslmode=verify-full&currentSchema=" + schema;
      String manifest = Files.readString(QUICKSTART.resolve("contactsync.yaml"));
      assertThat(manifest).contains(DEMO_URL);
      Files.writeString(sync, manifest.replace(DEMO_URL, testUrl));
      Path credentials = Files.createDirectories(work.resolve("credentials/demo-db"));
      Files.writeString(credentials.resolve("username"), System.getenv("CONTACTSYNC_TEST_POSTGRES_USER"));
      Files.writeString(credentials.resolve("password"), System.getenv("CONTACTSYNC_TEST_POSTGRES_PASSWORD"));
      Files.copy(Path.of(System.getenv("CONTACTSYNC_TEST_POSTGRES_CA")), credentials.resolve("ca.crt"));
      String[] args = {"sync", "--local", "-f", sync.toString(), "-f", QUICKSTART.resolve("privacypolicy.yaml").toString(),
          "--state-dir", work.resolve("state").toString(), "--credentials-dir", work.resolve("credentials").toString()};

      CliRun first = CliRun.of(args);
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).contains("read 5 contact records", "written 4", "quarantined 1 (InvalidEmail 1)");

      List<String> rows = new ArrayList<>();
      try (Statement sql = db.createStatement();
          ResultSet result = sql.executeQuery("SELECT email_token, contact::text FROM " + schema + ".marketing_contacts ORDER BY 1")) {
        while (result.next()) rows.add(result.getString(1) + " " + result.getString(2));
      }
      assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).startsWith("tok_"));
      assertThat(String.join("\n", rows)).as("what the policy drops or transforms never arrives")
          .doesNotContain("ada@example.com", "prefers email", "Example Analytics", "1985-12-10", "555-0101", "+12025550101")
          .contains("Ada", "1985", "0101");

      CliRun second = CliRun.of(args);
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("read 0 contact records");
    } finally {
      try (Connection db = TestPostgres.connect(); Statement sql = db.createStatement()) {
        sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
