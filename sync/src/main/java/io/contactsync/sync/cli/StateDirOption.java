package io.contactsync.sync.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where local runs keep keys and checkpoints. */
public final class StateDirOption {
  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where local keys and checkpoints live (default: $CONTACTSYNC_STATE_DIR, else "
          + "$XDG_STATE_HOME/contactsync, else ~/.local/state/contactsync).")
  Path stateDir;

  public Path resolve() {
    if (stateDir != null) return stateDir;
    String explicit = System.getenv("CONTACTSYNC_STATE_DIR");
    if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("contactsync");
  }
}
