package io.contactsync.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * config/samples/local-servers/run.sh with the packaged executable, against PostgreSQL, Radicale and slapd:
 * every sample runs, and a second pass reads only what changed (nothing).
 */
class ServerSamplesIT {
  private static final Path SCRIPT = Path.of("..", "config", "samples", "local-servers", "run.sh").toAbsolutePath().normalize();
  /**
   * The test servers keep their data in /tmp across test runs, and so do the samples' destinations their records. A
   * state (keys, checkpoints) made anew each run would give every record a new id, which the mass-deletion guard
   * rightly refuses; so the state lives beside the servers' data, as long as it does.
   */
  private final Path state = Path.of(System.getProperty("java.io.tmpdir"), "contactsync-server-samples");

  private String run() throws Exception {
    Files.createDirectories(state);
    Path log = state.resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).directory(SCRIPT.getParent().toFile());
    builder.environment().put("CONTACTSYNC", Path.of(System.getProperty("java.home"), "bin", "java") + " -jar "
        + Path.of("target", "contactsync.jar").toAbsolutePath());
    builder.environment().put("STATE", state.resolve("state").toString());
    Process p = builder.start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void everySampleRunsAgainstTheTestServersAndASecondPassIsIncremental() throws Exception {
    Assumptions.assumeTrue(System.getenv("CONTACTSYNC_TEST_POSTGRES_URL") != null
        && System.getenv("CONTACTSYNC_TEST_CARDDAV_URL") != null && System.getenv("CONTACTSYNC_TEST_LDAP_URL") != null,
        "no test servers: run .ci/servers/*.sh first (.ci/run does)");
    String first = run();
    assertThat(first).contains("Synced default/seed-crm (Full)", "Synced default/crm-to-book (Incremental)",
        "Synced default/seed-directory (Full)", "Synced default/directory-to-marketing (Incremental)",
        "Synced default/book-to-file (Incremental)");
    String second = run();
    assertThat(second).contains("Synced default/directory-to-marketing (Incremental) in")
        .containsPattern("directory-to-marketing \\(Incremental\\) in [0-9.]+ s: read 0 contact records")
        .containsPattern("book-to-file \\(Incremental\\) in [0-9.]+ s: read 0 contact records")
        .containsPattern("crm-to-book \\(Incremental\\) in [0-9.]+ s: read 0 contact records");
  }
}
