package io.contactsync.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.RemoteConnector;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.SealBinding;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.EndpointAddress;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.manifest.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seal", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Seals one credential for one endpoint of one ContactSync so that it can live in Git.",
        "Only the operator opens it, and only for that namespace, ContactSync, endpoint and key, and while the endpoint's",
        "url names the same host and port: pointed at another server, the value does not open and must be sealed again.",
        "Reads the value from standard input (or --from-file) and prints the line to paste, never the value itself.",
        "Example: printf %%s \"$PASSWORD\" | contactsync seal -n sales --name crm --endpoint source "
            + "--url https://dav.example.com/ --key password",
        "   or:   printf %%s \"$PASSWORD\" | contactsync seal --from-manifest crm.yaml --endpoint source --key password"})
public final class SealCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the ContactSync (default with --from-manifest: "
      + "the manifest's metadata.namespace, if it names one).")
  String namespace;

  @Option(names = "--name", description = "Name of the ContactSync (default with --from-manifest: the manifest's one "
      + "ContactSync).")
  String name;

  @Option(names = "--endpoint", required = true, description = "The endpoint the credential is for: 'source', or a "
      + "destination's name.")
  String endpoint;

  @Option(names = "--url", description = "The endpoint's url as in the ContactSync; its host and port are bound in "
      + "(path and parameters are not, except a JDBC url's host=/port= parameters, which the driver follows).")
  String url;

  @Option(names = "--from-manifest", description = "Read namespace, name and the endpoint's url from this ContactSync "
      + "manifest instead of --url.")
  Path manifest;

  @Option(names = "--key", required = true, description = "Credential key (username, password, token, signingKey, "
      + "ca.crt).")
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
    if (!Credentials.KEYS.contains(key)) {
      throw new ConfigurationException("--key " + key + " is not a credential a connector reads; use one of "
          + String.join(", ", Credentials.KEYS));
    }
    if (manifest != null) fromManifest();
    if (url == null) throw new ConfigurationException("say which url the value is for: --url, or --from-manifest");
    if (namespace == null || name == null) throw new ConfigurationException("say which ContactSync: -n NAMESPACE --name NAME");
    EndpointAddress address = EndpointAddress.of(url);
    byte[] value = fromFile != null ? Files.readAllBytes(fromFile) : System.in.readAllBytes();
    if (value.length == 0) throw new ConfigurationException("the value to seal is empty: pipe it in or use --from-file");
    String sealed = SealingKeys.seal(publicKeyset(), new SealBinding(namespace, name, endpoint, key, address.binding()), value);
    spec.commandLine().getOut().println(key + ": " + sealed);
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().println("sealed for " + namespace + "/" + name + ", endpoint " + endpoint + ", key " + key
        + ", " + address.binding() + ": paste it under that endpoint's credentials.sealed");
    spec.commandLine().getErr().flush();
    return 0;
  }

  private void fromManifest() throws ConfigurationException {
    if (url != null) throw new ConfigurationException("use --url or --from-manifest, not both");
    List<ContactSync> syncs = Manifests.load(List.of(manifest)).syncs().stream().map(Manifests.Located::object)
        .filter(s -> name == null || name.equals(s.getMetadata().getName())).toList();
    if (syncs.size() != 1) {
      throw new ConfigurationException(manifest + " holds " + syncs.size() + " ContactSyncs"
          + (name == null ? "" : " named " + name) + "; name the one with --name");
    }
    ContactSync sync = syncs.get(0);
    if (name == null) name = sync.getMetadata().getName();
    if (namespace == null) {
      // a manifest without a namespace is read as "default"; sealing for "default" by accident would not open later
      if (!namesNamespace(manifest, name)) {
        throw new ConfigurationException(manifest + " does not name the namespace of ContactSync " + name + ": give -n");
      }
      namespace = sync.getMetadata().getNamespace();
    }
    url = urlOf(sync, endpoint);
  }

  private static boolean namesNamespace(Path manifest, String name) throws ConfigurationException {
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        JsonNode metadata = doc == null ? null : doc.path("metadata");
        if (metadata != null && "ContactSync".equals(doc.path("kind").asText()) && name.equals(metadata.path("name").asText())) {
          return !metadata.path("namespace").asText().isEmpty();
        }
      }
      return false;
    } catch (IOException e) {
      throw new ConfigurationException(manifest + " cannot be read: " + e.getMessage());
    }
  }

  /** The url of the named endpoint's connector, or an error naming the endpoints there are. */
  static String urlOf(ContactSync sync, String endpoint) throws ConfigurationException {
    Collection<Object> connectors = null;
    if (endpoint.equals("source") && sync.getSpec().getSource() != null) {
      connectors = sync.getSpec().getSource().connectors().values();
    }
    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      if (endpoint.equals(d.getName())) connectors = d.connectors().values();
    }
    if (connectors == null) {
      throw new ConfigurationException("ContactSync " + sync.getMetadata().getName() + " has no endpoint '" + endpoint
          + "': use 'source' or one of its destinations' names");
    }
    return connectors.stream().filter(RemoteConnector.class::isInstance).map(c -> ((RemoteConnector) c).getUrl())
        .findFirst().orElseThrow(() -> new ConfigurationException("endpoint '" + endpoint + "' of ContactSync "
            + sync.getMetadata().getName() + " reads no server, so it has no credentials to seal"));
  }

  private String publicKeyset() throws IOException, ConfigurationException {
    return publicKey != null ? Files.readString(publicKey) : SealingKeyCommands.publicKeyset(operator.namespace);
  }
}
