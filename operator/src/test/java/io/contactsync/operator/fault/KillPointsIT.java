package io.contactsync.operator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.operator.fault.Worker.Kill;
import io.contactsync.sync.ReliabilityRow;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker killed with SIGKILL at 20 random points of its runs, each after the source changed (deletes, edits,
 * adds), and run again: the destination then equals the expected set exactly (no duplicate, nothing missing, nothing
 * stale), and the checkpoint never moves ahead of what the destination holds, so no rerun skips data. PostgreSQL
 * commits a run in one transaction, so a killed run leaves the old or the new set; CardDAV has no transactions, so a
 * killed run leaves each card whole, old or new. A failure names the seed: -Dfault.seed=N repeats its kill points.
 */
class KillPointsIT {
  private static final int KILLS = 20;
  private static final long SEED = Long.getLong("fault.seed", System.nanoTime());
  @TempDir java.nio.file.Path work;

  @Test
  void postgresUnder50000Contacts() throws Exception {
    PostgresTable.assumeAvailable();
    PostgresTable table = PostgresTable.unique("kill");
    LocalJob job = LocalJob.create(work, SEED, 50_000,
        table.destination(System.getenv(PostgresTable.ENV + "_URL"), "pg-creds"), "pg-creds", PostgresTable.ENV);
    killAndRerun(job, 0.01, table::rows, true, "kill-points-postgres", "PostgreSQL, 50,000 contacts");
  }

  @Test
  void radicaleUnder150Contacts() throws Exception {
    RadicaleBook.assumeAvailable();
    RadicaleBook book = RadicaleBook.create();
    LocalJob job = LocalJob.create(work, SEED, 150, book.destination("dav-creds"), "dav-creds", RadicaleBook.ENV);
    // CardDAV writes only what changed, so a round changes more for its writes to span the run; Radicale takes
    // longer per card the fuller its address book, hence the smaller book
    killAndRerun(job, 0.1, book::cards, false, "kill-points-carddav", "Radicale (CardDAV), 150 contacts");
  }

  private void killAndRerun(LocalJob job, double churn, Callable<Map<String, String>> destination, boolean transactional,
      String rowFile, String described) throws Exception {
    Worker worker = new Worker(job.folder());
    Duration flowing = worker.runToSuccess();
    Map<String, String> committed = job.expected();
    assertThat(destination.call()).as("the first run").isEqualTo(committed);
    Random random = new Random(SEED);
    Map<Kill, Integer> kills = new EnumMap<>(Kill.class);
    long changes = 0;
    for (int round = 1; round <= KILLS; round++) {
      job.change(churn, 2 * churn, churn, round);
      Map<String, String> expected = job.expected();
      changes += difference(committed, expected);
      String checkpoint = job.checkpoint();
      Duration delay = Duration.ofNanos((long) (random.nextDouble() * flowing.toNanos()));
      Kill kill = worker.killWhileReading(delay);
      kills.merge(kill, 1, Integer::sum);

      String at = String.format("round %d, killed %d ms into reading (%s), seed %d", round, delay.toMillis(), kill, SEED);
      Map<String, String> killed = destination.call();
      if (transactional) {
        assertThat(killed.equals(committed) || killed.equals(expected)).as("%s: the old or the new set, nothing between", at).isTrue();
      } else {
        for (var card : killed.entrySet()) {
          assertThat(card.getValue()).as("%s: card %s is the old or the new version", at, card.getKey())
              .isIn(committed.get(card.getKey()), expected.get(card.getKey()));
        }
      }
      if (!job.checkpoint().equals(checkpoint)) {
        assertThat(killed).as("%s: the checkpoint moved, so the destination holds the new set", at).isEqualTo(expected);
      }
      worker.runToSuccess();
      assertThat(destination.call()).as("%s: the rerun leaves exactly the expected set", at).isEqualTo(expected);
      committed = expected;
    }
    int whileWriting = kills.getOrDefault(Kill.WHILE_WRITING, 0);
    System.out.printf("%s: %d SIGKILLs %s; seed %d%n", described, KILLS, kills, SEED);
    assertThat(whileWriting).as("kills that hit a run before it committed (%s)", kills).isGreaterThanOrEqualTo(KILLS / 2);
    ReliabilityRow.write(rowFile, "worker killed with SIGKILL mid-run, then rerun: " + described,
        KILLS + " random kill points (" + whileWriting + " before the commit, " + kills.getOrDefault(Kill.AFTER_COMMIT, 0)
            + " after it, " + kills.getOrDefault(Kill.AFTER_EXIT, 0) + " too late), each after the source changed; "
            + changes + " records deleted, changed or added",
        (transactional ? "after each kill the table held the old or the new set" : "after each kill every card was whole, old or new")
            + "; the checkpoint never moved ahead of the destination; each rerun left exactly the expected set", "0");
  }

  private static long difference(Map<String, String> before, Map<String, String> after) {
    long d = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
    for (var e : after.entrySet()) if (!e.getValue().equals(before.get(e.getKey()))) d++;
    return d;
  }
}
