package io.contactsync.operator.cli;

import io.contactsync.sync.cli.ContactSyncCli;
import picocli.CommandLine;

/** The entry point of the contactsync executable. */
public final class ContactSyncMain {
  private ContactSyncMain() {}

  /** Every command: the worker's, the operator and sealing. */
  public static CommandLine commandLine() {
    return ContactSyncCli.commandLine(new OperatorCommand(), new SealCommand());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
