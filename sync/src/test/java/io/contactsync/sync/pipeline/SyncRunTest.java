package io.contactsync.sync.pipeline;

import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncRunTest {
  @TempDir Path dir;
  FileKeyStore keys;
  CheckpointStore checkpoints;
  List<Contact> source;

  @BeforeEach
  void setUp() {
    keys = new FileKeyStore(dir.resolve("state"));
    checkpoints = new CheckpointStore(dir.resolve("state"));
    source = new ArrayList<>();
    new SyntheticContacts(3, 40).forEachRemaining(c -> {
      if (!c.getEmails().get(0).getValue().contains("@") || c.getPhones().get(0).getValue().length() < 8) return;
      source.add(c);
    });
  }

  private void writeSource(List<Contact> contacts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(dir.resolve("in.jsonl"), out.toByteArray());
  }

  private List<Contact> destination() throws Exception {
    List<Contact> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) out.add(ContactJson.parse(line));
    return out;
  }

  private RunSummary run(JobConfig job) throws Exception {
    SyncRun.Outcome outcome = new SyncRun(job, keys::writerKeys, CredentialStore.perSecretName(dir.resolve("credentials")), Clock.systemUTC())
        .run(checkpoints.load(job.namespace(), job.name()));
    checkpoints.save(job.namespace(), job.name(), outcome.checkpoint());
    return outcome.summary();
  }

  private JobConfig job(SyncMode mode, DeletePolicy deletes) {
    return job(policy("team", "p"), mode, deletes);
  }

  private JobConfig job(PrivacyPolicy policy, SyncMode mode, DeletePolicy deletes) {
    return io.contactsync.sync.SyncFixtures.job(dir, "in.jsonl", "out.jsonl", policy, mode, deletes);
  }

  @Test
  void aRunAppliesThePolicyAndARepeatedRunCreatesNoDuplicates() throws Exception {
    writeSource(source);
    RunSummary first = run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(first.destinations().get(0).created()).isEqualTo(source.size());
    List<Contact> written = destination();
    assertThat(written).hasSize(source.size());
    assertThat(written).allSatisfy(c -> {
      assertThat(c.getNotes()).isNull();
      assertThat(c.getEmails().get(0).getValue()).startsWith("tok_");
      assertThat(c.getPhones().get(0).getValue()).matches("\\*+[0-9]{4}");
    });
    assertThat(written).extracting(Contact::getId).doesNotHaveDuplicates()
        .noneMatch(id -> source.stream().anyMatch(s -> s.getId().equals(id)));

    RunSummary second = run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(second.destinations().get(0).created()).isZero();
    assertThat(second.destinations().get(0).unchanged()).isEqualTo(source.size());
    assertThat(destination()).isEqualTo(written);
  }

  @Test
  void anUnchangedSourceIsSkippedByAnIncrementalRunButNotAfterThePolicyChanges() throws Exception {
    writeSource(source);
    run(job(SyncMode.Incremental, DeletePolicy.Propagate));
    RunSummary skipped = run(job(SyncMode.Incremental, DeletePolicy.Propagate));
    assertThat(skipped.sourceUnchanged()).isTrue();
    assertThat(skipped.read()).isZero();

    PrivacyPolicy widened = policy("team", "p", rule(PolicyAction.Keep, "title"));
    RunSummary rerun = run(job(widened, SyncMode.Incremental, DeletePolicy.Propagate));
    assertThat(rerun.sourceUnchanged()).as("a changed policy makes every record stale").isFalse();
    assertThat(rerun.destinations().get(0).updated()).isEqualTo(source.size());
    assertThat(destination()).allSatisfy(c -> assertThat(c.getTitle()).isNotNull());
  }

  @Test
  void aKeyRotationAlsoInvalidatesTheCheckpoint() throws Exception {
    writeSource(source);
    run(job(SyncMode.Incremental, DeletePolicy.Propagate));
    keys.rotate("team", "p", KeyPurpose.TOKENIZE);
    RunSummary rerun = run(job(SyncMode.Incremental, DeletePolicy.Propagate));
    assertThat(rerun.sourceUnchanged()).isFalse();
    assertThat(rerun.destinations().get(0).updated()).isEqualTo(source.size());
  }

  @Test
  void aChangedTokenScopeRewritesEveryRecordOnceAndDuplicatesNone() throws Exception {
    writeSource(source);
    run(job(SyncMode.Incremental, DeletePolicy.Propagate));
    List<Contact> before = destination();
    PrivacyPolicy perDestination = policy("team", "p");
    perDestination.getSpec().setKeys(new io.contactsync.api.v1alpha1.KeysSpec());
    perDestination.getSpec().getKeys().setTokenScope(io.contactsync.api.v1alpha1.TokenScope.Destination);
    RunSummary rerun = run(job(perDestination, SyncMode.Incremental, DeletePolicy.Propagate));
    assertThat(rerun.sourceUnchanged()).isFalse();
    assertThat(rerun.destinations().get(0).updated()).isEqualTo(source.size());
    List<Contact> after = destination();
    assertThat(after).hasSize(before.size());
    assertThat(after).extracting(Contact::getId).containsExactlyInAnyOrderElementsOf(
        before.stream().map(Contact::getId).toList());
    assertThat(after.get(0).getEmails().get(0).getValue()).isNotEqualTo(
        before.stream().filter(c -> c.getId().equals(after.get(0).getId())).findFirst().orElseThrow()
            .getEmails().get(0).getValue());
  }

  @Test
  void deletedContactsArePropagatedOrKeptAsDeclared() throws Exception {
    writeSource(source);
    run(job(SyncMode.Full, DeletePolicy.Ignore));
    writeSource(source.subList(0, source.size() - 3));
    RunSummary ignored = run(job(SyncMode.Full, DeletePolicy.Ignore));
    assertThat(ignored.destinations().get(0).deleted()).isZero();
    assertThat(destination()).hasSize(source.size());

    RunSummary propagated = run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(propagated.destinations().get(0).deleted()).isEqualTo(3);
    assertThat(destination()).hasSize(source.size() - 3);
  }

  @Test
  void aContactThatTurnsInvalidIsQuarantinedAndItsLastGoodRecordKept() throws Exception {
    writeSource(source);
    run(job(SyncMode.Full, DeletePolicy.Propagate));
    List<Contact> before = destination();
    List<Contact> changed = new ArrayList<>(source);
    Contact broken = changed.get(0).copy();
    broken.setEmails(new ArrayList<>(List.of(new TypedValue("work", "no-at-sign"))));
    changed.set(0, broken);
    writeSource(changed);
    RunSummary summary = run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(summary.destinations().get(0).quarantined()).containsEntry("InvalidEmail", 1L);
    assertThat(summary.destinations().get(0).deleted()).isZero();
    assertThat(destination()).containsExactlyElementsOf(before);
  }

  @Test
  void duplicateIdsAndUnreadableRecordsAreCountedAtTheSource() throws Exception {
    writeSource(List.of(source.get(0), source.get(0), source.get(1)));
    Files.writeString(dir.resolve("in.jsonl"), "{not json\n", java.nio.file.StandardOpenOption.APPEND);
    RunSummary summary = run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(summary.read()).isEqualTo(4);
    assertThat(summary.sourceQuarantined()).containsEntry("DuplicateId", 1L).containsEntry("Unparseable", 1L);
    assertThat(destination()).hasSize(2);
  }

  @Test
  void theFirstRecordWithAnIdIsSyncedAndLaterOnesAreQuarantined() throws Exception {
    Contact first = source.get(0).copy();
    Contact second = source.get(0).copy();
    second.getName().setGiven("Later");
    Contact noId = source.get(1).copy();
    noId.setId(null);
    Contact sameDerivedId = noId.copy(); // no id either: the same name, email and phone give the same derived id
    writeSource(List.of(first, noId, second, sameDerivedId, source.get(2)));

    RunSummary summary = run(job(SyncMode.Full, DeletePolicy.Propagate));

    assertThat(summary.sourceQuarantined()).containsEntry("DuplicateId", 2L);
    assertThat(destination()).hasSize(3).extracting(c -> c.getName().getGiven()).doesNotContain("Later");
  }

  @Test
  void aSourceWhereNothingCanBeReadNeverEmptiesTheDestination() throws Exception {
    writeSource(source);
    run(job(SyncMode.Full, DeletePolicy.Propagate));
    Files.writeString(dir.resolve("in.jsonl"), "garbage\nmore garbage\n");
    RunSummary summary = run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(summary.destinations().get(0).deleted()).isZero();
    assertThat(destination()).hasSize(source.size());
  }

  @Test
  void aFailedRunLeavesTheDestinationAndTheCheckpointAsTheyWere() throws Exception {
    writeSource(source);
    run(job(SyncMode.Incremental, DeletePolicy.Propagate));
    byte[] destinationBefore = Files.readAllBytes(dir.resolve("out.jsonl"));
    Checkpoint checkpointBefore = checkpoints.load("team", "job");
    writeSource(source.subList(0, 5));
    // A destination file this run cannot read back fails the run before anything is written.
    Files.writeString(dir.resolve("out.jsonl"), "{broken\n", java.nio.file.StandardOpenOption.APPEND);
    byte[] corrupted = Files.readAllBytes(dir.resolve("out.jsonl"));
    assertThatThrownBy(() -> new SyncRun(job(SyncMode.Incremental, DeletePolicy.Propagate), keys::writerKeys,
        CredentialStore.perSecretName(dir.resolve("credentials")),
        Clock.systemUTC()).run(checkpointBefore)).isInstanceOf(IOException.class).hasMessageContaining("line ");
    assertThat(Files.readAllBytes(dir.resolve("out.jsonl"))).isEqualTo(corrupted);
    assertThat(checkpoints.load("team", "job")).isEqualTo(checkpointBefore);
    assertThat(destinationBefore).isNotEmpty();
  }

  @Test
  void aPolicyThatDoesNotCompileStopsTheRunBeforeAnythingIsRead() throws Exception {
    writeSource(source);
    PrivacyPolicy broken = policy("team", "p", rule(PolicyAction.Keep, "formattedName"));
    assertThatThrownBy(() -> run(job(broken, SyncMode.Full, DeletePolicy.Propagate)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("destination 'out', PrivacyPolicy team/p: 'formattedName' is named by rule 1 (Keep) and rule 5 (Keep)");
    assertThat(dir.resolve("out.jsonl")).doesNotExist();
  }

  @Test
  void recordIdsDependOnTheSourceAndThePolicyKeysOnly() throws Exception {
    writeSource(source);
    run(job(SyncMode.Full, DeletePolicy.Propagate));
    Set<String> ids = destination().stream().map(Contact::getId).collect(Collectors.toSet());
    // every key a rotation may name: none of them is the record-id key
    for (KeyPurpose p : KeyPurpose.values()) if (p.rotatable()) keys.rotate("team", "p", p);
    run(job(SyncMode.Full, DeletePolicy.Propagate));
    assertThat(destination().stream().map(Contact::getId).collect(Collectors.toSet())).isEqualTo(ids);
  }
}
