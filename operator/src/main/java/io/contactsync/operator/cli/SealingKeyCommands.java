package io.contactsync.operator.cli;

import io.contactsync.operator.naming.Names;
import io.contactsync.operator.runtime.SealingKeyStore;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.ConfigurationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

/** The operator's sealing keys from the command line: print the public half, rotate. */
public final class SealingKeyCommands {
  private SealingKeyCommands() {}

  /** Where the operator runs. */
  static final class OperatorNamespace {
    @Option(names = "--operator-namespace", defaultValue = "${env:CONTACTSYNC_OPERATOR_NAMESPACE:-contactsync-system}",
        description = "Where the operator runs (default: $CONTACTSYNC_OPERATOR_NAMESPACE, else ${DEFAULT-VALUE}).")
    String namespace;
  }

  /** What went wrong talking to the API server, for a one-line error: the status code, never the response body. */
  static String apiFailure(KubernetesClientException e) {
    return e.getCode() > 0 ? "HTTP " + e.getCode() : "no connection";
  }

  /** The operator's public keyset from its ConfigMap. */
  static String publicKeyset(String namespace) throws ConfigurationException {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(Names.SEALING_PUBLIC_KEY_CONFIGMAP).get();
      String keyset = map == null || map.getData() == null ? null : map.getData().get(Names.SEALING_PUBLIC_KEYSET_KEY);
      if (keyset == null) {
        throw new ConfigurationException("ConfigMap " + namespace + "/" + Names.SEALING_PUBLIC_KEY_CONFIGMAP
            + " does not exist: is the operator running there? (--operator-namespace, or --public-key FILE)");
      }
      return keyset;
    } catch (KubernetesClientException e) {
      throw new ConfigurationException("the operator's public key could not be read from ConfigMap " + namespace
          + "/" + Names.SEALING_PUBLIC_KEY_CONFIGMAP + " (" + apiFailure(e) + "); check KUBECONFIG and --operator-namespace, or pass --public-key FILE");
    }
  }

  @Command(name = "public", mixinStandardHelpOptions = true,
      description = {"Prints the operator's public sealing keyset (Tink JSON).",
          "Safe to share and keep in Git, for 'contactsync seal --public-key' where the cluster is out of reach."})
  public static final class PublicKey implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OperatorNamespace operator;

    @Option(names = "--keyset", description = "Derive it from a private sealing keyset file (a backup of the Secret's "
        + Names.SEALING_KEYSET_KEY + ") instead of reading the cluster.")
    Path keyset;

    @Override
    public Integer call() throws IOException, ConfigurationException {
      String publicKeys;
      if (keyset != null) {
        try {
          publicKeys = SealingKeys.parse(Files.readString(keyset)).publicKeyset();
        } catch (GeneralSecurityException e) {
          throw new ConfigurationException(keyset + " is not a Tink sealing keyset");
        }
      } else {
        publicKeys = publicKeyset(operator.namespace);
      }
      spec.commandLine().getOut().println(publicKeys);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "rotate-sealing", mixinStandardHelpOptions = true,
      description = {"Adds a new primary sealing key; values sealed before keep opening, new ones use the new key.",
          "Needs write access to the Secret " + Names.SEALING_KEYS_SECRET + " in the operator's namespace."})
  public static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin OperatorNamespace operator;

    @Override
    public Integer call() throws ConfigurationException {
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        int size;
        try {
          size = SealingKeyStore.rotate(client, operator.namespace);
        } catch (IllegalStateException e) {
          throw new ConfigurationException(e.getMessage());
        } catch (KubernetesClientException e) {
          throw new ConfigurationException("rotating the sealing keys in " + operator.namespace + " failed ("
              + apiFailure(e) + "); nothing changed");
        }
        spec.commandLine().getOut().printf("Rotated the sealing keys in %s: %d keys, the newest primary. The public key "
            + "in ConfigMap %s is updated.%n", operator.namespace, size, Names.SEALING_PUBLIC_KEY_CONFIGMAP);
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }
}
