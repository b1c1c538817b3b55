package io.contactsync.operator.cli;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.TokenScope;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.Revealer;
import io.contactsync.sync.cli.StateDirOption;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.KeyScopes;
import io.contactsync.sync.keys.FileKeyStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reveal", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Opens Tokenize (tok_…) and Encrypt (enc_…) outputs with a policy's keys, one value per line.",
        "Hash outputs are irreversible and are refused. The keys come from the local state directory, or with",
        "--cluster from the policy's keys Secret, which only the policy's key readers may read.",
        "Tokens open only in the scope they were made in (the policy's keys.tokenScope): give --scope-namespace for",
        "Namespace, and --sync and --destination as well for Destination; none for Policy. Ciphertexts need no scope."})
public final class RevealCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, description = "Name of the PrivacyPolicy that made the values.")
  String policy;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Its namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--field", required = true,
      description = "The field path the values were in, as the policy's rule names it (e.g. emails[].value, notes): "
          + "ciphertexts are bound to it.")
  String field;

  @Option(names = "--scope-namespace", paramLabel = "NAMESPACE",
      description = "The namespace of the sync that made the tokens (tokenScope Namespace or Destination).")
  String scopeNamespace;

  @Option(names = "--sync", paramLabel = "NAME", description = "With tokenScope Destination: the sync that made the tokens.")
  String scopeSync;

  @Option(names = "--destination", paramLabel = "NAME",
      description = "With tokenScope Destination: the sync's destination the tokens were written to.")
  String scopeDestination;

  /** The policy's tokenScope when the policy could be read (a key reader may not be allowed to), for a hint. */
  private TokenScope policyScope;

  @Option(names = "--cluster", description = "Read the keys from the cluster (KUBECONFIG) instead of the state directory.")
  boolean cluster;

  @Mixin StateDirOption state;

  @Parameters(paramLabel = "VALUE", arity = "0..*", description = "Values to reveal; none reads them from standard input.")
  List<String> values = new ArrayList<>();

  @Override
  public Integer call() throws IOException, ConfigurationException {
    Revealer revealer;
    KeyScope scope = scope();
    try {
      revealer = new Revealer(cluster ? clusterKeys() : localKeys(), scope);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException("the keys of " + namespace + "/" + policy + " are not Tink keysets");
    }
    List<String> input = values.isEmpty() ? readLines() : values;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    for (int i = 0; i < input.size(); i++) {
      try {
        out.println(revealer.reveal(input.get(i).strip(), field));
      } catch (IllegalArgumentException e) {
        // the message says why (hash, other keys, other field) without echoing the value
        err.println("contactsync: value " + (i + 1) + ": " + e.getMessage());
        out.println();
        failed++;
      }
    }
    if (failed > 0 && policyScope != null && KeyScopes.kind(policyScope) != scope.kind()) {
      err.println("contactsync: policy " + namespace + "/" + policy + " has tokenScope " + policyScope + ": tokens it made "
          + "since need " + switch (policyScope) {
            case Policy -> "no --scope-namespace";
            case Namespace -> "--scope-namespace NAMESPACE";
            case Destination -> "--scope-namespace NAMESPACE --sync NAME --destination NAME";
          });
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  /** The scope the flags name: none is the policy scope, a namespace alone Namespace, all three Destination. */
  KeyScope scope() throws ConfigurationException {
    if (scopeNamespace == null && scopeSync == null && scopeDestination == null) return KeyScope.policy();
    if (scopeNamespace == null) throw new ConfigurationException("--sync and --destination need --scope-namespace");
    if (scopeSync == null && scopeDestination == null) return KeyScope.namespace(namespace, policy, scopeNamespace);
    if (scopeSync == null || scopeDestination == null) {
      throw new ConfigurationException("tokenScope Destination needs both --sync and --destination");
    }
    return KeyScope.destination(namespace, policy, scopeNamespace, scopeSync, scopeDestination);
  }

  private PolicyKeys localKeys() throws IOException, ConfigurationException {
    FileKeyStore store = new FileKeyStore(state.resolve());
    if (!store.exists(namespace, policy)) {
      throw new ConfigurationException("policy " + namespace + "/" + policy + " has no keys in " + state.resolve()
          + "; for a policy in a cluster add --cluster");
    }
    return store.loadOrCreate(namespace, policy); // exists: loads, adding the HPKE keyset once to keys made before it
  }

  private PolicyKeys clusterKeys() throws ConfigurationException, GeneralSecurityException {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      String secretName = keysSecretName(client);
      Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
      if (secret == null) {
        throw new ConfigurationException("Secret " + namespace + "/" + secretName + " does not exist: does policy "
            + policy + " exist, and has the operator reconciled it?");
      }
      // keys made before HPKE that the operator has not reconciled yet: a throwaway HPKE keyset, never stored,
      // lets their tokens and AES-GCM ciphertexts reveal meanwhile
      return PolicyKeys.parse(PolicyKeys.withEncryptKeyset(PolicyKeysSecret.files(secret.getData())));
    } catch (KubernetesClientException e) {
      throw new ConfigurationException(e.getCode() == 403
          ? "you may not read the keys of " + namespace + "/" + policy + ": only the policy's keyReaders may"
          : "reading the keys of " + namespace + "/" + policy + " failed ("
              + SealingKeyCommands.apiFailure(e) + "); check KUBECONFIG");
    }
  }

  /** The policy may name its keys Secret; a key reader who may not read policies gets the default name. */
  private String keysSecretName(KubernetesClient client) {
    PrivacyPolicy found;
    try {
      found = client.resources(PrivacyPolicy.class).inNamespace(namespace).withName(policy).get();
    } catch (KubernetesClientException e) {
      found = null;
    }
    if (found != null && found.getSpec() != null) policyScope = KeyScopes.tokenScope(found.getSpec());
    if (found == null) {
      found = new PrivacyPolicy();
      found.setMetadata(new ObjectMetaBuilder().withName(policy).withNamespace(namespace).build());
    }
    return Names.policyKeysSecret(found);
  }

  private static List<String> readLines() throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isBlank()) lines.add(line);
    }
    return lines;
  }
}
