package io.contactsync.sync.cli;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.format.ContactFormat;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes deterministic, clearly fake contacts for trials and measurements.",
        "The same --seed and --count always give the same file."})
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--count", defaultValue = "300", description = "How many contacts (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "A .jsonl, .csv or .vcf file.")
  Path output;

  @Override
  public Integer call() throws IOException, ConfigurationException {
    ContactFormat format;
    try {
      format = ContactFormat.of(output, null);
    } catch (ContactFormat.UnsupportedFormatException e) {
      throw new ConfigurationException(e.getMessage());
    }
    List<Contact> contacts = new ArrayList<>(count);
    new SyntheticContacts(seed, count).forEachRemaining(contacts::add);
    if (output.toAbsolutePath().getParent() != null) Files.createDirectories(output.toAbsolutePath().getParent());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
      format.write(contacts, out);
    }
    spec.commandLine().getOut().printf("Wrote %d synthetic contacts to %s%n", count, output);
    return 0;
  }
}
