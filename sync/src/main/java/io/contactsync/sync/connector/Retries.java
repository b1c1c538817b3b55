package io.contactsync.sync.connector;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a connector retries what may pass (a server restarting, a receiver busy): exponential
 * backoff from base, with jitter so that many workers do not retry in step, never waiting longer than cap.
 */
public record Retries(int attempts, Duration base, Duration cap) {
  /** For a webhook's batch: about 15 s in all before the run fails. */
  public static final Retries WEBHOOK = new Retries(6, Duration.ofMillis(500), Duration.ofSeconds(30));
  /** For connecting to a database: about 7 s, enough for a restart or a fail-over, short of hiding an outage. */
  public static final Retries CONNECT = new Retries(5, Duration.ofMillis(500), Duration.ofSeconds(4));

  /** The wait after the given failed attempt (1 for the first): between half and all of base * 2^(attempt-1). */
  public Duration backoff(int attempt) {
    long full = base.toMillis() << Math.min(attempt - 1, 10);
    return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
  }

  /** Sleeps the wait, or the cap if that is shorter. */
  public void pause(Duration wait) throws IOException {
    try {
      Thread.sleep(Math.min(wait.toMillis(), cap.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry");
    }
  }
}
