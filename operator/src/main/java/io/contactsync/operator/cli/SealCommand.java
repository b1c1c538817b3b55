package io.contactsync.operator.cli;

import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.connector.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seal", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Seals one credential for one ContactSync so that it can live in Git.",
        "Only the operator opens it, and only for the ContactSync it was sealed for.",
        "Reads the value from standard input (or --from-file) and prints the sealed value, never the value itself.",
        "Example: printf %%s \"$PASSWORD\" | contactsync seal -n sales --name crm --key password"})
public final class SealCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, required = true, description = "Namespace of the ContactSync.")
  String namespace;

  @Option(names = "--name", required = true, description = "Name of the ContactSync.")
  String name;

  @Option(names = "--key", description = "Credential key (username, password, token, signingKey, ca.crt): prints a "
      + "line to paste under credentials.sealed.")
  String key;

  @Option(names = "--from-file", description = "Read the value from this file instead of standard input (e.g. ca.crt).")
  Path fromFile;

  @Option(names = "--public-key", description = "The operator's public keyset (Tink JSON), as saved by 'kubectl get "
      + "configmap " + Names.SEALING_PUBLIC_KEY_CONFIGMAP + " -n contactsync-system -o jsonpath={.data.public-keyset\\.json}'. "
      + "Default: read it from the cluster.")
  Path publicKey;

  @Mixin SealingKeyCommands.OperatorNamespace operator;

  @Override
  public Integer call() throws IOException, GeneralSecurityException, ConfigurationException {
    if (key != null && !Credentials.KEYS.contains(key)) {
      throw new ConfigurationException("--key " + key + " is not a credential a connector reads; use one of "
          + String.join(", ", Credentials.KEYS));
    }
    byte[] value = fromFile != null ? Files.readAllBytes(fromFile) : System.in.readAllBytes();
    if (value.length == 0) throw new ConfigurationException("the value to seal is empty: pipe it in or use --from-file");
    String sealed = SealingKeys.seal(publicKeyset(), namespace, name, value);
    spec.commandLine().getOut().println(key == null ? sealed : key + ": " + sealed);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private String publicKeyset() throws IOException, ConfigurationException {
    return publicKey != null ? Files.readString(publicKey) : SealingKeyCommands.publicKeyset(operator.namespace);
  }
}
