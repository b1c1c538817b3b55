package io.contactsync.operator.fault;

import static io.contactsync.sync.SyncFixtures.writeCredentials;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.policy.CompiledPolicy;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyOutcome;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.manifest.Manifests;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A local job folder for {@link Worker}: an incremental ContactSync from contacts.jsonl through the sample policy
 * (config/samples/local) into one destination, its credentials, and a source that changes from round to round.
 * {@link #expected()} says what the destination must hold for the current source: record id to family name (the
 * policy keeps names, so a changed name shows whether a record is stale).
 */
final class LocalJob {
  static final String SOURCE_IDENTITY = "file:contacts.jsonl";
  private final Path folder;
  private final List<Contact> contacts = new ArrayList<>();
  private final Random random;
  private int nextId;
  private CompiledPolicy policy;

  private LocalJob(Path folder, long seed) {
    this.folder = folder;
    this.random = new Random(seed);
  }

  /**
   * Writes the job: destination is the connector's YAML (indented as in the manifest), credentials the Secret it
   * names (or none), with the test server's user, password and CA from the environment variables of that prefix.
   */
  static LocalJob create(Path folder, long seed, int size, String destination, String secret, String envPrefix) throws IOException {
    LocalJob job = withSource(folder, seed, "  source: {file: {path: contacts.jsonl}}", destination, secret, envPrefix);
    SyntheticContacts generator = new SyntheticContacts(seed, size);
    for (job.nextId = 0; job.nextId < size; job.nextId++) job.contacts.add(generator.contact(job.nextId));
    job.writeSource();
    return job;
  }

  /** The same job reading another source, given as its YAML; the destination's credentials serve it too. */
  static LocalJob withSource(Path folder, long seed, String source, String destination, String secret, String envPrefix)
      throws IOException {
    if (secret != null) {
      writeCredentials(folder.resolve("credentials"), secret, System.getenv(envPrefix + "_USER"),
          System.getenv(envPrefix + "_PASSWORD"), System.getenv(envPrefix + "_CA"));
    }
    Files.copy(Path.of("..", "config", "samples", "local", "privacypolicy.yaml"), folder.resolve("privacypolicy.yaml"));
    Files.writeString(folder.resolve("contactsync.yaml"), String.join("\n",
        "apiVersion: contactsync.io/v1alpha1", "kind: ContactSync", "metadata: {name: fault}", "spec:",
        "  schedule: '@hourly'", "  mode: Incremental", "  deletes: Propagate", source,
        "  destinations:", "    - name: out", "      privacyPolicyRef: {name: marketing-safe}", destination, ""));
    return new LocalJob(folder, seed);
  }

  /** Switches the job between Incremental and Full runs. */
  void mode(String mode) throws IOException {
    Path manifest = folder.resolve("contactsync.yaml");
    Files.writeString(manifest, Files.readString(manifest).replaceFirst("  mode: \\w+", "  mode: " + mode));
  }

  Path folder() {
    return folder;
  }

  /** The next version of the source: deletes, changes and adds the given share of contacts at random. */
  void change(double deleted, double changed, double added, int round) throws IOException {
    int n = contacts.size();
    for (int i = 0; i < n * deleted; i++) contacts.remove(random.nextInt(contacts.size()));
    for (int i = 0; i < n * changed; i++) {
      Contact c = contacts.get(random.nextInt(contacts.size()));
      Name name = c.getName() == null ? new Name() : c.getName();
      name.setFamily("Round" + round + "x" + i);
      c.setName(name);
    }
    SyntheticContacts generator = new SyntheticContacts(random.nextLong(), nextId + (int) (n * added) + 1);
    for (int i = 0; i < n * added; i++) contacts.add(generator.contact(nextId++));
    writeSource();
  }

  private void writeSource() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(folder.resolve("contacts.jsonl"), out.toByteArray());
  }

  /** What the destination must hold for the current source, once the policy's keys exist (after a first run). */
  Map<String, String> expected() throws Exception {
    return expected(contacts, SOURCE_IDENTITY);
  }

  /** What the destination must hold for these contacts of that source. */
  Map<String, String> expected(Collection<Contact> source, String sourceIdentity) throws Exception {
    if (policy == null) {
      var definition = Manifests.load(List.of(folder.resolve("privacypolicy.yaml"))).policies().get(0).object();
      policy = PolicyCompiler.compile(PolicyDefinitions.from(definition.getSpec()),
          FileKeyStore.load(folder.resolve("state/keys/default/marketing-safe")));
    }
    Map<String, String> expected = new HashMap<>();
    for (Contact c : source) {
      PolicyOutcome outcome = policy.apply(c);
      if (!outcome.quarantined()) expected.put(policy.recordId(sourceIdentity, c.getId()), familyName(outcome.contact()));
    }
    return expected;
  }

  /** Every email address of the current source: values that must never appear in a log. */
  List<String> emails() {
    return contacts.stream().flatMap(c -> c.getEmails().stream()).map(e -> e.getValue()).toList();
  }

  static String familyName(Contact c) {
    return c.getName() == null || c.getName().getFamily() == null ? "" : c.getName().getFamily();
  }

  /** The stored checkpoint, or "" before the first: it may only move once the destination holds the new source. */
  String checkpoint() throws IOException {
    Path dir = folder.resolve("state/checkpoints");
    if (!Files.isDirectory(dir)) return "";
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).findFirst().orElse("");
    }
  }
}
