package io.contactsync.sync.cli;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompilationException;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyOutcome;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.FileSource;
import io.contactsync.sync.format.ContactFields;
import io.contactsync.sync.format.ContactFormat;
import io.contactsync.sync.format.ReadItem;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.manifest.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Shows what contacts would look like after a PrivacyPolicy, without writing anything.",
        "It prints contact values to this terminal: run it where they may be seen.", "",
        "  contactsync preview --policy config/samples/local/privacypolicy.yaml \\",
        "                      --input config/samples/local/contacts.vcf --limit 3"})
public final class PreviewCommand implements Callable<Integer> {
  /** How the preview is printed. */
  public enum Output { table, jsonl }

  private static final int WIDTH = 34;

  @Spec
  CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "A file holding the PrivacyPolicy.")
  Path policyFile;

  @Option(names = "--policy-name", description = "Which PrivacyPolicy, when the file holds several.")
  String policyName;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Contacts: .jsonl, .csv or .vcf.")
  Path input;

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "table (before/after, for people) or jsonl (after, one contact per line). Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--limit", paramLabel = "N", description = "Show at most N contacts (default: 5 for table, all for jsonl).")
  Integer limit;

  @Mixin
  StateDirOption state;

  @Override
  public Integer call() throws ConfigurationException, IOException {
    if (!Files.isRegularFile(input)) throw new ConfigurationException("--input " + input + ": no such file");
    PrivacyPolicy policy = policy();
    String namespace = policy.getMetadata().getNamespace();
    PolicyKeys keys = keys(namespace, policy.getMetadata().getName());
    CompiledPolicy compiled;
    try {
      compiled = PolicyCompiler.compile(PolicyDefinitions.from(policy.getSpec()), keys);
    } catch (PolicyCompilationException e) {
      throw new ConfigurationException(e.problems().stream().map(p -> "PrivacyPolicy " + namespace + "/"
          + policy.getMetadata().getName() + ": " + p).toList());
    }
    int max = limit != null ? limit : output == Output.table ? 5 : Integer.MAX_VALUE;
    PrintWriter out = spec.commandLine().getOut();
    ContactFormat format;
    try {
      format = ContactFormat.of(input, null);
    } catch (ContactFormat.UnsupportedFormatException e) {
      throw new ConfigurationException(e.getMessage());
    }
    String sourceIdentity = "file:" + input;
    int[] shown = {0};
    Map<String, Integer> quarantined = new TreeMap<>();
    new FileSource(input, input.toString(), format).read(Map.of(), new ContactSource.Sink() {
      @Override
      public void accept(ReadItem item) {
        if (shown[0]++ >= max) return;
        if (item.quarantined()) {
          quarantined.merge(item.reason().code(), 1, Integer::sum);
          if (output == Output.table) out.printf("%s: unreadable (%s)%n%n", item.locator(), item.reason().code());
          return;
        }
        PolicyOutcome outcome = compiled.apply(item.contact());
        if (outcome.quarantined()) quarantined.merge(outcome.reason().code(), 1, Integer::sum);
        if (!outcome.quarantined()) outcome.contact().setId(compiled.recordId(sourceIdentity, item.contact().getId()));
        if (output == Output.jsonl) {
          if (!outcome.quarantined()) out.println(ContactJson.write(outcome.contact()));
        } else {
          table(item, outcome, out);
        }
      }

      @Override
      public void deleted(String sourceId) {}
    });
    out.flush();
    if (output == Output.jsonl && !quarantined.isEmpty()) {
      // jsonl prints only what would be written; say what was held back, by reason, never which values.
      PrintWriter err = spec.commandLine().getErr();
      err.println("contactsync: " + quarantined.values().stream().mapToInt(Integer::intValue).sum()
          + " contacts quarantined, not printed: " + quarantined.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
      err.flush();
    }
    return 0;
  }

  /**
   * The policy's keys in the state directory when a local sync made them; otherwise throwaway keys, so that a
   * preview writes nothing (the warning says its tokens and hashes will not match a real run's).
   */
  private PolicyKeys keys(String namespace, String name) throws IOException {
    FileKeyStore store = new FileKeyStore(state.resolve());
    if (store.exists(namespace, name)) return store.loadOrCreate(namespace, name);
    PrintWriter err = spec.commandLine().getErr();
    err.println("contactsync: no keys for PrivacyPolicy " + namespace + "/" + name + " in " + state.resolve()
        + "; this preview uses throwaway keys, so its tokens, hashes and ciphertexts differ from a real run's"
        + " (a local sync creates the keys; then preview uses them)");
    err.flush();
    return PolicyKeys.generate();
  }

  private PrivacyPolicy policy() throws ConfigurationException {
    List<PrivacyPolicy> policies = Manifests.load(List.of(policyFile)).policies().stream().map(Manifests.Located::object)
        .filter(p -> policyName == null || policyName.equals(p.getMetadata().getName())).toList();
    if (policies.size() == 1) return policies.get(0);
    throw new ConfigurationException(policies.isEmpty() ? "no PrivacyPolicy" + (policyName == null ? "" : " named '"
        + policyName + "'") + " in " + policyFile : policyFile + " holds several PrivacyPolicies; choose one with --policy-name");
  }

  private static void table(ReadItem item, PolicyOutcome outcome, PrintWriter out) {
    out.printf("%s%s%n", item.locator(), outcome.quarantined()
        ? ": QUARANTINED, " + outcome.reason().code() + " in " + outcome.fieldPath() : "");
    Map<String, String> before = ContactFields.flatten(item.contact());
    Map<String, String> after = outcome.quarantined() ? Map.of() : ContactFields.flatten(outcome.contact());
    out.printf("  %-24s %-" + WIDTH + "s %s%n", "FIELD", "BEFORE", "AFTER");
    for (String field : union(before, after)) {
      out.printf("  %-24s %-" + WIDTH + "s %s%n", field, cut(before.get(field)),
          outcome.quarantined() ? "" : after.containsKey(field) ? cut(after.get(field)) : "(dropped)");
    }
    out.println();
  }

  private static Iterable<String> union(Map<String, String> a, Map<String, String> b) {
    LinkedHashMap<String, String> all = new LinkedHashMap<>(a);
    b.forEach(all::putIfAbsent);
    return all.keySet();
  }

  private static String cut(String value) {
    if (value == null) return "";
    String oneLine = value.replace('\n', ' ');
    return oneLine.length() <= WIDTH - 1 ? oneLine : oneLine.substring(0, WIDTH - 2) + "…";
  }

}
