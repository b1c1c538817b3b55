package io.contactsync.sync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.format.CsvFormat;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.format.VcardFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.manifest.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formula neutralizing applies where formulas run (CSV files), unless the policy asks for it everywhere. */
class FormulaNeutralizingTest {
  private static final Path SAMPLES = Path.of("..", "config", "samples");
  @TempDir Path dir;

  /** The project's own raw-copy policy (config/samples/local-servers/policies.yaml). */
  private static PrivacyPolicy rawCopy() throws Exception {
    return Manifests.load(List.of(SAMPLES.resolve("local-servers/policies.yaml"))).policies().stream()
        .map(Manifests.Located::object).filter(p -> p.getMetadata().getName().equals("raw-copy")).findFirst()
        .orElseThrow();
  }

  private List<Contact> run(PrivacyPolicy policy, Path source, String destination) throws Exception {
    policy.getMetadata().setNamespace("team");
    JobConfig job = SyncFixtures.job(dir, source.toAbsolutePath().toString(), destination, policy, SyncMode.Full,
        DeletePolicy.Propagate);
    new SyncRun(job, new FileKeyStore(dir.resolve("state"))::writerKeys,
        CredentialStore.perSecretName(dir.resolve("credentials")), Clock.systemUTC()).run(null);
    Path out = dir.resolve(destination);
    var format = destination.endsWith(".csv") ? new CsvFormat()
        : destination.endsWith(".vcf") ? new VcardFormat() : new JsonlFormat();
    List<Contact> contacts = new ArrayList<>();
    try (InputStream in = Files.newInputStream(out); var reader = format.reader(in)) {
      for (var item = reader.next(); item != null; item = reader.next()) contacts.add(item.contact());
    }
    return contacts;
  }

  private static Stream<String> values(Contact c) {
    return Stream.concat(Stream.of(c.getFormattedName(), c.getOrganization(), c.getTitle(), c.getBirthday(),
            c.getNotes()),
        Stream.concat(c.getPhones().stream(), c.getEmails().stream()).map(TypedValue::getValue))
        .filter(v -> v != null);
  }

  @Test
  void theBundledSamplesLeaveRawCopyUnchangedForJsonlAndVcard() throws Exception {
    Path samples = SAMPLES.resolve("local/contacts.vcf");
    for (String destination : List.of("out.jsonl", "out.vcf")) {
      List<Contact> written = run(rawCopy(), samples, destination);
      assertThat(written).hasSize(300);
      assertThat(written.stream().flatMap(FormulaNeutralizingTest::values).filter(v -> v.startsWith("'")))
          .as("values with a ' prefix in " + destination).isEmpty();
      assertThat(written.stream().flatMap(c -> c.getPhones().stream()).map(TypedValue::getValue))
          .as("non-E.164 numbers arrive as they are in " + destination).contains("+44 20 7946 0087");
    }
  }

  private Path hostileSource() throws Exception {
    List<Contact> contacts = new ArrayList<>();
    String[] values = {"=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "+44 20 7946 0087", "--02-03"};
    for (int i = 0; i < values.length; i++) {
      Contact c = new Contact();
      c.setId("c-" + i);
      c.setFormattedName("Name " + i);
      c.setOrganization(values[i]);
      c.getPhones().add(new TypedValue("work", values[i]));
      contacts.add(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Path source = dir.resolve("in.jsonl");
    Files.write(source, out.toByteArray());
    return source;
  }

  @Test
  void aCsvDestinationStillNeutralizesFormulaLeadingValues() throws Exception {
    List<Contact> written = run(rawCopy(), hostileSource(), "out.csv");
    assertThat(written).extracting(Contact::getOrganization).containsExactlyInAnyOrder("'=cmd|' /C calc'!A0",
        "'+SUM(1,2)", "'-2+3", "'@SUM(A1)", "'+44 20 7946 0087", "'--02-03");
  }

  @Test
  void theDefaultLeavesOtherDestinationsAloneAndTrueAsksForItEverywhere() throws Exception {
    Path source = hostileSource();
    assertThat(run(rawCopy(), source, "out.jsonl")).extracting(Contact::getOrganization)
        .containsExactlyInAnyOrder("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "+44 20 7946 0087", "--02-03");
    PrivacyPolicy always = rawCopy();
    always.getSpec().getValidation().setNeutralizeFormulas(true);
    assertThat(run(always, source, "always.jsonl")).extracting(Contact::getOrganization).allMatch(v -> v.startsWith("'"));
    PrivacyPolicy never = rawCopy();
    never.getSpec().getValidation().setNeutralizeFormulas(false);
    assertThat(run(never, source, "never.csv")).extracting(Contact::getOrganization).noneMatch(v -> v.startsWith("'"));
  }
}
