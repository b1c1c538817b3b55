package io.contactsync.operator.cli;

import io.contactsync.sync.cli.ContactSyncCli;
import picocli.CommandLine;

/** The entry point of the contactsync executable. */
public final class ContactSyncMain {
  private ContactSyncMain() {}

  /** Every command: the worker's, the operator, sealing, revealing and the operator's sealing keys. */
  public static CommandLine commandLine() {
    CommandLine cli = ContactSyncCli.commandLine(new OperatorCommand(), new SealCommand(), new RevealCommand());
    cli.getSubcommands().get("keys").addSubcommand(new SealingKeyCommands.PublicKey())
        .addSubcommand(new SealingKeyCommands.Rotate());
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
