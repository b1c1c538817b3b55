package io.contactsync.operator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.sync.ReliabilityRow;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination that goes away in the middle of a run, or answers that it is busy: the worker retries what may pass,
 * with backoff and a bound; a run it cannot finish fails with one line that says which destination and why (no
 * personal data), leaves the destination consistent and the checkpoint where it was; the next run completes exactly.
 * PostgreSQL and the webhook receiver sit behind a {@link CuttableProxy}, which closes every connection at once and
 * refuses new ones, as a crashed server or a partition does.
 */
class DestinationDownIT {
  @TempDir Path work;

  @Test
  void postgresLostMidRunFailsTheRunAndTheTableKeepsItsCommittedSet() throws Exception {
    PostgresTable.assumeAvailable();
    URI server = URI.create(System.getenv(PostgresTable.ENV + "_URL").substring("jdbc:".length()));
    try (CuttableProxy proxy = new CuttableProxy(server.getHost(), server.getPort())) {
      PostgresTable table = PostgresTable.unique("down");
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath();
      LocalJob job = LocalJob.create(work, 7, 50_000, table.destination(url, "pg-creds"), "pg-creds", PostgresTable.ENV);
      Worker worker = new Worker(work);
      worker.runToSuccess();
      Map<String, String> committed = job.expected();
      job.change(0.01, 0.02, 0.01, 1);
      Map<String, String> expected = job.expected();
      String checkpoint = job.checkpoint();

      Process run = worker.startReading();
      long flowing = proxy.bytesToServer();
      while (run.isAlive() && proxy.bytesToServer() < flowing + (4 << 20)) Thread.sleep(5);
      assertThat(run.isAlive()).as("the run is still writing when the server goes").isTrue();
      proxy.cut();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ends soon after").isTrue();
      String output = worker.output();
      assertThat(run.exitValue()).as(output).isNotZero();
      assertThat(output).contains("destination 'out' (postgres 127.0.0.1:" + proxy.port()).contains("check that the server is up");
      assertThat(output).as("no personal data in the failure").doesNotContain(job.emails()).doesNotContain("Round1x");
      assertThat(table.rows()).as("the table keeps its committed set").isEqualTo(committed);
      assertThat(job.checkpoint()).as("the checkpoint did not move").isEqualTo(checkpoint);

      proxy.restore();
      worker.runToSuccess();
      assertThat(table.rows()).as("the next run completes exactly").isEqualTo(expected);

      // down as the next run starts, back after its first failed attempt: the worker waits for it instead of failing
      job.change(0.01, 0.02, 0.01, 2);
      proxy.cut();
      Process waiting = worker.start();
      // back once the worker has met the outage (a fixed delay loses the race on a busy machine)
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(50))
          .until(() -> worker.output().contains("cannot connect (attempt 1 of 5") || !waiting.isAlive());
      proxy.restore();
      assertThat(waiting.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(waiting.exitValue()).as(worker.output()).isZero();
      assertThat(worker.output()).contains("cannot connect (attempt 1 of 5", "trying again in");
      assertThat(table.rows()).isEqualTo(job.expected());
      ReliabilityRow.write("destination-down-postgres", "PostgreSQL gone mid-run (every connection cut, new ones refused)",
          "a 50,000-contact run cut after 4 MiB written; the server down as a run starts, back after its first failed attempt",
          "the cut run fails naming the destination and what to check, no personal data; the table keeps its committed set,"
              + " the checkpoint stays; the next run completes exactly. A server down as a run starts is waited for"
              + " (5 attempts, backoff from 0.5 s) and the run completes", "0");
    }
  }

  @Test
  void aWebhookAnswering503And429IsWaitedForAndEveryRecordArrivesOnce() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answer(n -> n >= 3 && n <= 5 ? 503 : n == 7 ? 429 : 200);
      LocalJob job = LocalJob.create(work, 11, 10_000, webhook(receiver.port()), null, null);
      Worker worker = new Worker(work);
      worker.runToSuccess();
      assertThat(receiver.refused()).isEqualTo(4);
      assertThat(receiver.records()).isEqualTo(job.expected());
      assertThat(worker.output()).doesNotContain(job.emails());
      ReliabilityRow.write("destination-busy-webhook", "webhook answering 503 and 429 mid-run",
          "a 10,000-contact run: 3 batches answered 503, one 429 with Retry-After",
          "each batch retried with backoff (Retry-After honoured) and accepted; the run succeeds, every record arrives", "0");
    }
  }

  @Test
  void aWebhookClosedMidRunFailsTheRunAfterItsRetriesAndTheNextRunDelivers() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(); CuttableProxy proxy = new CuttableProxy("127.0.0.1", receiver.port())) {
      LocalJob job = LocalJob.create(work, 13, 10_000, webhook(proxy.port()), null, null);
      Worker worker = new Worker(work);
      worker.runToSuccess();
      job.change(0, 0.05, 0.01, 1); // a webhook is never swept, so this source only changes and adds
      Map<String, String> expected = job.expected();
      String checkpoint = job.checkpoint();

      int before = receiver.requests();
      Process run = worker.startReading();
      while (run.isAlive() && receiver.requests() < before + 3) Thread.sleep(2);
      proxy.cut();
      long cut = System.nanoTime();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - cut);
      String output = worker.output();
      assertThat(run.exitValue()).as(output).isNotZero();
      assertThat(output).contains("destination 'out'", "still failing after 6 attempts (last: connection refused)");
      assertThat(output).as("no personal data in the failure").doesNotContain(job.emails()).doesNotContain("Round1x");
      assertThat(seconds).as("bounded: the retries give up within their budget").isBetween(5L, 30L);
      assertThat(job.checkpoint()).as("the checkpoint did not move").isEqualTo(checkpoint);

      proxy.restore();
      worker.runToSuccess();
      assertThat(receiver.records()).as("the next run delivers every record").isEqualTo(expected);
      ReliabilityRow.write("destination-down-webhook", "webhook receiver gone mid-run (connections cut, new ones refused)",
          "a 10,000-contact run cut after its third batch",
          "retried 6 times with backoff over " + seconds + " s, then the run fails naming the destination and the last"
              + " problem, no personal data; the checkpoint stays; the next run delivers every record", "0");
    }
  }

  private static String webhook(int port) {
    return String.join("\n", "      webhook:", "        url: http://127.0.0.1:" + port + "/hook", "        allowInsecureTransport: true");
  }
}
