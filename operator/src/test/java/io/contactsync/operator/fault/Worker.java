package io.contactsync.operator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sync worker as its own process, the jar the image runs, on a local job folder (contactsync.yaml and its policy,
 * credentials/, state/): a process can be killed with SIGKILL as a pod is. Output goes to run.log in the folder.
 */
final class Worker {
  private static final Path JAR = Path.of("target", "contactsync.jar").toAbsolutePath();
  /** What the worker logs once its source is open and records start to flow. */
  static final String READING = "reading ";
  /** What the worker prints when every destination has committed. */
  static final String SYNCED = "Synced ";

  private final Path work;

  Worker(Path work) {
    this.work = work;
  }

  Path log() {
    return work.resolve("run.log");
  }

  String output() throws IOException {
    return Files.exists(log()) ? Files.readString(log()) : "";
  }

  Process start() throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "sync", "--local", "-f", work.toString(), "--state-dir", work.resolve("state").toString(),
        "--credentials-dir", work.resolve("credentials").toString())
        .redirectErrorStream(true).redirectOutput(log().toFile()).start();
  }

  /** Runs to the end, which must succeed; returns how long records flowed (from {@link #READING} to exit). */
  Duration runToSuccess() throws Exception {
    Process p = start();
    long reading = awaitReading(p);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
    assertThat(p.exitValue()).as(output()).isZero();
    return Duration.ofNanos(System.nanoTime() - reading);
  }

  /** How a run met its SIGKILL. */
  enum Kill { WHILE_WRITING, AFTER_COMMIT, AFTER_EXIT }

  /** Starts a run and kills it with SIGKILL the delay after records start to flow. */
  Kill killWhileReading(Duration delay) throws Exception {
    Process p = startReading();
    if (p.waitFor(delay.toNanos(), TimeUnit.NANOSECONDS)) return Kill.AFTER_EXIT;
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output().contains(SYNCED) ? Kill.AFTER_COMMIT : Kill.WHILE_WRITING;
  }

  /** Starts a run and returns once records flow. */
  Process startReading() throws Exception {
    Process p = start();
    awaitReading(p);
    return p;
  }

  private long awaitReading(Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!output().contains(READING)) {
      assertThat(p.isAlive()).as("the worker died before reading: %s", output()).isTrue();
      assertThat(System.nanoTime()).as("the worker starts reading within 60 s").isLessThan(deadline);
      Thread.sleep(2);
    }
    return System.nanoTime();
  }
}
