package io.contactsync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One row of docs/reliability.md's table, written by the test that produced it into target/reliability/ of its
 * module; docs/reliability.md says how to collect them.
 */
public final class ReliabilityRow {
  private ReliabilityRow() {}

  /** Writes the row: fault or input class, cases tried, outcome, data lost. */
  public static void write(String file, String faultClass, String cases, String outcome, String dataLost) throws IOException {
    Path rows = Files.createDirectories(Path.of("target", "reliability"));
    Files.writeString(rows.resolve(file + ".md"), "| " + faultClass + " | " + cases + " | " + outcome + " | " + dataLost + " |\n");
  }
}
