package io.contactsync.sync.cli;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes and messages for people, no stack traces. */
class CliTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  @TempDir Path dir;
  String out;
  String err;

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = ContactSyncCli.commandLine().setOut(new PrintWriter(o)).setErr(new PrintWriter(e)).execute(args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @BeforeEach
  void contacts() throws Exception {
    List<Contact> contacts = new ArrayList<>();
    new SyntheticContacts(11, 60).forEachRemaining(contacts::add);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, bytes);
    Files.write(dir.resolve("contacts.jsonl"), bytes.toByteArray());
  }

  void manifests(ContactSync sync, PrivacyPolicy... policies) throws Exception {
    StringBuilder yaml = new StringBuilder(YAML.writeValueAsString(sync));
    for (PrivacyPolicy p : policies) yaml.append(YAML.writeValueAsString(p));
    Files.writeString(dir.resolve("manifests.yaml"), yaml.toString());
  }

  ContactSync localSync() {
    return sync("default", "local", "contacts.jsonl", fileDestination("out", "out/contacts.csv", new PolicyReference("p", null)));
  }

  @Test
  void aLocalSyncPrintsItsSummaryAndWritesTheDestination() throws Exception {
    manifests(localSync(), policy("default", "p"));
    assertThat(run("sync", "--local", "-f", dir.toString(), "--state-dir", dir.resolve("state").toString(),
        "--report", dir.resolve("report.json").toString())).isZero();
    assertThat(out).contains("Synced default/local (Incremental)", "read 60 contact records from file:contacts.jsonl",
        "-> out (policy default/p)", "quarantined 3 (InvalidEmail 1, InvalidPhone 2)");
    assertThat(Files.readAllLines(dir.resolve("out/contacts.csv"))).as("a header and 57 records").hasSize(58);
    assertThat(Files.readString(dir.resolve("report.json"))).contains("\"version\":1", "\"checkpoint\"", "\"created\":57",
        "\"quarantinedByReason\":{\"InvalidEmail\":1,\"InvalidPhone\":2}");
    assertThat(err).doesNotContain("Exception");
  }

  @Test
  void manifestMistakesExitWith2AndSayWhatToFix() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "apiVersion: contactsync.io/v1alpha1\nkind: ContactSync\n"
        + "metadata: {name: x}\nspec:\n  schedul: '* * * * *'\n");
    assertThat(run("sync", "--local", "-f", dir.resolve("bad.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("bad.yaml: unknown field 'schedul' in spec of ContactSync").doesNotContain("at io.");

    manifests(localSync());
    assertThat(run("sync", "--local", "-f", dir.resolve("manifests.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("PolicyNotFound: destination 'out' references PrivacyPolicy default/p, which does not exist");
  }

  @Test
  void aMissingSourceFileIsAManifestMistakeWithExit2() throws Exception {
    manifests(sync("default", "local", "nowhere.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null))),
        policy("default", "p"));
    assertThat(run("sync", "--local", "-f", dir.toString(), "--state-dir", dir.resolve("state").toString())).isEqualTo(2);
    assertThat(err).contains("ContactSync default/local: spec.source.file.path: 'nowhere.vcf' does not exist (resolved to "
        + dir.resolve("nowhere.vcf") + ")").doesNotContain("at io.", "checkpoint");
    assertThat(dir.resolve("o.jsonl")).doesNotExist();
  }

  @Test
  void aYamlSyntaxErrorNamesFileLineAndColumnWithExit2() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "apiVersion: contactsync.io/v1alpha1\nkind: ContactSync\n"
        + "metadata: {name: x}\nspec:\n  schedule: '* * * * *'\n mode: Full\n");
    assertThat(run("sync", "--local", "-f", dir.resolve("bad.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("bad.yaml:6:2: not valid YAML: expected <block end>, but found '<block mapping start>'",
        "that begins at line 1, column 1", "check the indentation").doesNotContain("internal error", "Exception");

    Files.writeString(dir.resolve("bad.yaml"), "apiVersion: contactsync.io/v1alpha1\nkind: ContactSync\n"
        + "metadata: {name: x}\nspec:\n  mode: [Full\n  deletes: Ignore\n");
    assertThat(run("sync", "--local", "-f", dir.resolve("bad.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("bad.yaml:6:10: not valid YAML: expected ',' or ']'", "flow sequence that begins at line 5");
  }

  @Test
  void aWrongChoiceNamesThePathCountedFrom1TheValueAndTheAllowedValues() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), "apiVersion: contactsync.io/v1alpha1\nkind: PrivacyPolicy\n"
        + "metadata: {name: p}\nspec:\n  rules:\n    - {fields: [title], action: Keep}\n"
        + "    - {fields: [notes], action: Scramble}\n");
    assertThat(run("sync", "--local", "-f", dir.resolve("policy.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("policy.yaml: spec.rules (rule 2).action: 'Scramble' is not allowed; use one of ", "Keep",
        "Generalize").doesNotContain("io.contactsync", "Enum", "Cannot deserialize", "[1]");

    Files.writeString(dir.resolve("policy.yaml"), "apiVersion: contactsync.io/v1alpha1\nkind: PrivacyPolicy\n"
        + "metadata: {name: p}\nspec:\n  rules:\n    - {fields: [title], action: keep}\n");
    assertThat(run("sync", "--local", "-f", dir.resolve("policy.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("spec.rules (rule 1).action: 'keep' is not allowed (values are case-sensitive: Keep)");
  }

  @Test
  void optionValuesIgnoreCaseAndAMistakeIsOneLineWithExit2() throws Exception {
    manifests(localSync(), policy("default", "p"));
    String state = dir.resolve("state").toString();
    assertThat(run("sync", "--local", "-f", dir.toString(), "--state-dir", state, "--mode", "full")).isZero();
    assertThat(out).contains("Synced default/local (Full)");
    assertThat(run("sync", "--local", "-f", dir.toString(), "--state-dir", state, "--mode", "fast")).isEqualTo(2);
    assertThat(err.strip()).doesNotContain("\n", "Usage:").contains("'--mode'", "Incremental, Full", "was 'fast'",
        "see 'contactsync sync --help'");
  }

  @Test
  void previewOfAMissingFileIsAMistakeAndSpeaksOfNoCheckpoint() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), YAML.writeValueAsString(policy("default", "p")));
    assertThat(run("preview", "--policy", dir.resolve("policy.yaml").toString(), "--input", "nope.vcf",
        "--state-dir", dir.resolve("state").toString())).isEqualTo(2);
    assertThat(err).contains("--input nope.vcf: no such file").doesNotContain("checkpoint");
  }

  @Test
  void previewWritesNothingWithoutKeysAndSaysSoAndCountsWhatItHoldsBack() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), YAML.writeValueAsString(policy("default", "p")));
    Path state = dir.resolve("fresh-state");
    assertThat(run("preview", "--policy", dir.resolve("policy.yaml").toString(), "--input",
        dir.resolve("contacts.jsonl").toString(), "--state-dir", state.toString(), "-o", "jsonl")).isZero();
    assertThat(state).as("a preview writes nothing").doesNotExist();
    assertThat(err).contains("no keys for PrivacyPolicy default/p", "throwaway keys",
        "contactsync: 3 contacts quarantined, not printed: InvalidEmail 1, InvalidPhone 2");
    assertThat(out.lines()).hasSize(57);
  }

  @Test
  void previewShowsBeforeAndAfterOrJsonl() throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), YAML.writeValueAsString(policy("default", "p")));
    String[] base = {"preview", "--policy", dir.resolve("policy.yaml").toString(), "--input",
        dir.resolve("contacts.jsonl").toString(), "--state-dir", dir.resolve("state").toString()};
    assertThat(run(base)).isZero();
    assertThat(out).contains("line 1", "FIELD", "BEFORE", "AFTER", "(dropped)", "tok_");
    assertThat(out.split("\nline ")).hasSize(5);

    List<String> args = new ArrayList<>(List.of(base));
    args.addAll(List.of("-o", "jsonl"));
    assertThat(run(args.toArray(String[]::new))).isZero();
    assertThat(out.lines()).hasSize(57).allSatisfy(line -> assertThat(line).startsWith("{\"id\":").contains("tok_"));
  }

  @Test
  void keysAreGeneratedOnceRotatedOnRequestAndNeverPrinted() throws Exception {
    String state = dir.resolve("state").toString();
    assertThat(run("keys", "generate", "--policy", "p", "--state-dir", state)).isZero();
    assertThat(out).contains("Generated keys of default/p", "tokenize", "(primary)");
    byte[] tokenizeKeys = Files.readAllBytes(dir.resolve("state/keys/default/p/tokenize.json"));
    assertThat(run("keys", "generate", "--policy", "p", "--state-dir", state)).isZero();
    assertThat(out).contains("Kept the existing keys");
    assertThat(Files.readAllBytes(dir.resolve("state/keys/default/p/tokenize.json"))).isEqualTo(tokenizeKeys);
    assertThat(Files.getPosixFilePermissions(dir.resolve("state/keys/default/p/tokenize.json")))
        .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

    assertThat(run("keys", "rotate", "--policy", "p", "--purpose", "tokenize", "--state-dir", state)).isZero();
    assertThat(out.lines().filter(l -> l.startsWith("  tokenize")).findFirst().orElseThrow()).as("two keys").contains(", ");
    assertThat(run("keys", "rotate", "--policy", "p", "--purpose", "record-id", "--state-dir", state)).isEqualTo(2);
    assertThat(err).contains("never rotated");
    assertThat(run("keys", "show", "--policy", "q", "--state-dir", state)).isEqualTo(2);
    assertThat(err).contains("has no keys");
    String material = new String(tokenizeKeys).replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertThat(out + err).doesNotContain(material);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"sync", "--help"}, new String[] {"preview", "--help"},
        new String[] {"keys", "--help"}, new String[] {"keys", "rotate", "--help"}, new String[] {"generate", "--help"})) {
      assertThat(run(args)).isZero();
      assertThat(out).startsWith("Usage: contactsync");
    }
  }
}
