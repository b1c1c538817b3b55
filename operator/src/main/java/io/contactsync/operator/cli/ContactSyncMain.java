package io.contactsync.operator.cli;

import io.contactsync.sync.cli.ContactSyncCli;

/** The entry point of the contactsync executable. */
public final class ContactSyncMain {
  private ContactSyncMain() {}

  public static void main(String[] args) {
    System.exit(ContactSyncCli.commandLine(new OperatorCommand()).execute(args));
  }
}
