package io.contactsync.sync.cli;

import io.contactsync.sync.config.ConfigurationException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The contactsync command line. Errors are one clear message on stderr, never a stack trace (set
 * CONTACTSYNC_DEBUG=1 for one): exit 2 for what the user must fix, 1 for a failed run, 70 for a bug.
 */
@Command(name = "contactsync", mixinStandardHelpOptions = true, versionProvider = ContactSyncCli.Version.class,
    description = "Privacy-preserving contact synchronization: the operator and its worker in one executable.",
    subcommands = {SyncCommand.class, PreviewCommand.class, KeysCommand.class, GenerateCommand.class,
        CommandLine.HelpCommand.class})
public final class ContactSyncCli {
  public static final int CONFIGURATION_ERROR = 2;
  public static final int RUN_FAILED = 1;
  public static final int INTERNAL_ERROR = 70;

  private ContactSyncCli() {}

  /** The command line with the worker's commands and any others the executable adds (the operator). */
  public static CommandLine commandLine(Object... moreSubcommands) {
    CommandLine cli = new CommandLine(new ContactSyncCli());
    for (Object sub : moreSubcommands) cli.addSubcommand(sub);
    // Set after every subcommand is added: picocli applies these to the subcommands present at the call.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(ContactSyncCli::badArguments);
    cli.setExecutionExceptionHandler(ContactSyncCli::handle);
    return cli;
  }

  /** A mistake on the command line: one line that says what and where to read more, not the whole usage. */
  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("contactsync: " + e.getMessage().replace(" (case-sensitive)", "") + "; see '"
        + cmd.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return CONFIGURATION_ERROR;
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code;
    if (e instanceof ConfigurationException c) {
      err.println("contactsync: " + (c.problems().size() == 1 ? c.problems().get(0) : "the manifests need fixing:"));
      if (c.problems().size() > 1) c.problems().forEach(p -> err.println("  - " + p));
      code = CONFIGURATION_ERROR;
    } else if (e instanceof IOException) {
      // Only a sync has a checkpoint to keep; preview and keys have none.
      err.println("contactsync: " + cmd.getCommandName() + " failed: " + describe(e) + ("sync".equals(cmd.getCommandName())
          ? ". Nothing after the failure was committed; the next run starts from the same checkpoint." : "."));
      code = RUN_FAILED;
    } else {
      err.println("contactsync: internal error (" + e.getClass().getName() + "); set CONTACTSYNC_DEBUG=1 for details");
      code = INTERNAL_ERROR;
    }
    if ("1".equals(System.getenv("CONTACTSYNC_DEBUG"))) e.printStackTrace(err);
    err.flush();
    return code;
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": " + (n.getReason() != null ? n.getReason() : "no such file");
    }
    if (e instanceof java.nio.file.AccessDeniedException a) return a.getFile() + ": permission denied";
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ContactSyncCli.class.getPackage().getImplementationVersion();
      return new String[] {"contactsync " + (v == null ? "(development build)" : v)};
    }
  }
}
