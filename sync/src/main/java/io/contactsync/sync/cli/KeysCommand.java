package io.contactsync.sync.cli;

import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.keys.FileKeyStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true,
    description = {"Manages the Tink keysets of PrivacyPolicies for local runs.",
        "In a cluster the operator keeps them in a Secret. Keys are created once and never regenerated; rotation adds",
        "a new primary key and keeps the old ones, so earlier tokens and ciphertexts still open. Never prints key material."},
    subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class, KeysCommand.Show.class})
public final class KeysCommand {
  /** Names a policy's keys. */
  static final class PolicyOption {
    @Option(names = "--policy", required = true, description = "Name of the PrivacyPolicy.")
    String policy;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Its namespace (default: ${DEFAULT-VALUE}).")
    String namespace;
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = "Creates a policy's keys if they do not exist yet.")
  static final class Generate implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PolicyOption policy;
    @Mixin StateDirOption state;

    @Override
    public Integer call() throws IOException {
      FileKeyStore store = new FileKeyStore(state.resolve());
      boolean existed = store.exists(policy.namespace, policy.policy);
      PolicyKeys keys = store.loadOrCreate(policy.namespace, policy.policy);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s keys of %s/%s in %s%n", existed ? "Kept the existing" : "Generated", policy.namespace, policy.policy,
          store.directory(policy.namespace, policy.policy));
      describe(keys, out);
      return 0;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Adds a new primary key for one purpose; older keys stay for revealing earlier values.",
          "Tokens and hashes made after rotation differ from earlier ones: joins across the rotation break."})
  static final class Rotate implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PolicyOption policy;
    @Mixin StateDirOption state;

    @Option(names = "--purpose", required = true, description = "tokenize, hash or encrypt (record-id keys never rotate).")
    String purpose;

    @Override
    public Integer call() throws IOException, ConfigurationException {
      KeyPurpose p;
      PolicyKeys keys;
      try {
        p = KeyPurpose.ofCliName(purpose);
        keys = new FileKeyStore(state.resolve()).rotate(policy.namespace, policy.policy, p);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Rotated the %s key of %s/%s%n", p.cliName(), policy.namespace, policy.policy);
      describe(keys, out);
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Lists a policy's key ids (no key material).")
  static final class Show implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PolicyOption policy;
    @Mixin StateDirOption state;

    @Override
    public Integer call() throws IOException, ConfigurationException {
      FileKeyStore store = new FileKeyStore(state.resolve());
      if (!store.exists(policy.namespace, policy.policy)) {
        throw new ConfigurationException("policy " + policy.namespace + "/" + policy.policy + " has no keys in "
            + state.resolve() + "; 'contactsync keys generate' creates them");
      }
      describe(FileKeyStore.load(store.directory(policy.namespace, policy.policy)), spec.commandLine().getOut());
      return 0;
    }
  }

  static void describe(PolicyKeys keys, PrintWriter out) {
    for (Map.Entry<KeyPurpose, List<PolicyKeys.KeyInfo>> e : keys.describe().entrySet()) {
      StringBuilder ids = new StringBuilder();
      for (PolicyKeys.KeyInfo k : e.getValue()) {
        if (ids.length() > 0) ids.append(", ");
        ids.append(String.format("%08x", k.id())).append(k.primary() ? " (primary)" : "");
      }
      out.printf("  %-10s %s%n", e.getKey().cliName(), ids);
    }
  }
}
