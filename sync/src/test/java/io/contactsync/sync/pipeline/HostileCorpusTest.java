package io.contactsync.sync.pipeline;

import static io.contactsync.sync.SyncFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.InvalidValueAction;
import io.contactsync.api.v1alpha1.PhoneValidationSpec;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.api.v1alpha1.ValidationSpec;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.sync.ReliabilityRow;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.keys.FileKeyStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile corpus (src/test/resources/hostile, written by its generate.py): control and bidi characters, markup,
 * spreadsheet formulas, SQL and LDAP metacharacters, 1 MiB values, deep folding, invalid UTF-8, broken rows, bad
 * emails and phones, duplicate and missing ids, in vCard, CSV and JSON lines. Under a policy that keeps the text
 * fields, every record is written cleaned or quarantined and counted, the run does not fail, nothing unneutralized
 * reaches the destination, and no canary value reaches the log or the summary. The one input that fails a run is a
 * CSV quote left open, which hides every record after it: the run stops, says where, and commits nothing.
 */
class HostileCorpusTest {
  private static final Pattern CANARY = Pattern.compile("CANARY-[a-z0-9-]+");
  private static final int MAX_FIELD = 1024;

  @TempDir Path dir;

  /** Text fields kept as they are (so cleaning is all that stands between the corpus and the output). */
  private static PrivacyPolicy keepingText() {
    PrivacyPolicySpec spec = new PrivacyPolicySpec();
    spec.setDefaultAction(PolicyAction.Drop);
    spec.getRules().add(rule(PolicyAction.Keep, "formattedName", "name.given", "name.family", "organization", "title",
        "notes", "phones[].value"));
    spec.getRules().add(rule(PolicyAction.Tokenize, "emails[].value"));
    ValidationSpec validation = new ValidationSpec();
    validation.setEmail(InvalidValueAction.Quarantine);
    PhoneValidationSpec phone = new PhoneValidationSpec();
    phone.setNormalize(PhoneValidationSpec.Normalization.E164);
    phone.setDefaultRegion("US");
    phone.setInvalid(InvalidValueAction.Quarantine);
    validation.setPhone(phone);
    validation.setStripMarkup(true);
    validation.setNeutralizeFormulas(true);
    validation.setMaxFieldLength(MAX_FIELD);
    validation.setTooLong(InvalidValueAction.DropValue);
    spec.setValidation(validation);
    PrivacyPolicy policy = new PrivacyPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("team").build());
    policy.setSpec(spec);
    return policy;
  }

  @ParameterizedTest
  @ValueSource(strings = {"hostile.vcf", "hostile.csv", "hostile.jsonl"})
  void everyHostileRecordIsCleanedOrQuarantinedAndNoCanaryIsPrinted(String corpus) throws Exception {
    byte[] source = HostileCorpusTest.class.getResourceAsStream("/hostile/" + corpus).readAllBytes();
    Files.write(dir.resolve(corpus), source);
    java.util.Set<String> canaries = new java.util.LinkedHashSet<>();
    Matcher m = CANARY.matcher(new String(source, StandardCharsets.ISO_8859_1));
    while (m.find()) canaries.add(m.group());
    assertThat(canaries).hasSizeGreaterThan(90);

    var job = SyncFixtures.job(dir, corpus, "out.jsonl", keepingText(), SyncMode.Full, DeletePolicy.Propagate);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    RunSummary summary;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      summary = new SyncRun(job, new FileKeyStore(dir.resolve("state"))::writerKeys,
          CredentialStore.perSecretName(dir.resolve("credentials")), Clock.systemUTC()).run(Checkpoint.NONE)
          .summary();
    } finally {
      System.setErr(err);
    }

    var destination = summary.destinations().get(0);
    List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(destination.created() + destination.quarantinedTotal() + summary.sourceQuarantinedTotal())
        .as("every record read is written or quarantined, and counted").isEqualTo(summary.read());
    assertThat(lines).hasSize((int) destination.created());
    assertThat(destination.created()).as("the clean parts of the corpus still arrive").isGreaterThan(50);

    for (String line : lines) {
      Contact contact = ContactJson.parse(line);
      for (String value : texts(contact)) {
        // notes keep their line breaks and tabs (as \n and \t); nothing else keeps a control character
        String unsafe = value.equals(contact.getNotes()) ? "[\\p{Cc}&&[^\n\t]]" : "\\p{Cc}";
        assertThat(value.length()).as("length of a value").isLessThanOrEqualTo(MAX_FIELD);
        assertThat(value).as("no control characters").doesNotContainPattern(unsafe);
        assertThat(value).as("no bidi controls").doesNotContainPattern("[\u202A-\u202E\u2066-\u2069\u200E\u200F\uFEFF]");
        assertThat(value).as("no markup").doesNotContainPattern("(?i)<\\s*(script|style|img|b)\\b");
        if (!value.matches("\\+[0-9]{2,15}")) { // an E.164 number is a number, not a formula
          assertThat(value.charAt(0)).as("no formula at the start of " + value.substring(0, Math.min(20, value.length())))
              .isNotIn('=', '+', '-', '@');
        }
        assertThat(Normalizer.isNormalized(value, Normalizer.Form.NFC)).as("NFC").isTrue();
        assertThat(value).as("no unpaired surrogate").doesNotContainPattern("[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]");
      }
    }
    String printed = log.toString(StandardCharsets.UTF_8) + summary;
    for (String canary : canaries) assertThat(printed).as("the log and summary").doesNotContain(canary);
    record(corpus, summary, canaries.size());
  }

  private static void record(String corpus, RunSummary summary, int canaries) throws java.io.IOException {
    var destination = summary.destinations().get(0);
    ReliabilityRow.write("hostile-" + corpus, "hostile " + corpus, summary.read() + " records, " + canaries + " canaries",
        String.format(java.util.Locale.ROOT, "written cleaned %d; quarantined %d at the source %s and %d by the policy %s;"
            + " no canary printed", destination.created(), summary.sourceQuarantinedTotal(), summary.sourceQuarantined(),
            destination.quarantinedTotal(), destination.quarantined()), "0");
  }

  @Test
  void aQuoteLeftOpenFailsTheRunCleanlyAndCommitsNothing() throws Exception {
    String corpus = "hostile-unclosed-quote.csv";
    Files.write(dir.resolve(corpus), HostileCorpusTest.class.getResourceAsStream("/hostile/" + corpus).readAllBytes());
    var job = SyncFixtures.job(dir, corpus, "out.jsonl", keepingText(), SyncMode.Full, DeletePolicy.Propagate);
    SyncRun run = new SyncRun(job, new FileKeyStore(dir.resolve("state"))::writerKeys,
        CredentialStore.perSecretName(dir.resolve("credentials")), Clock.systemUTC());
    // everything after the open quote is one field: a run that went on would sweep the records it hid
    assertThatThrownBy(() -> run.run(Checkpoint.NONE)).isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("row").satisfies(e -> assertThat(e.getMessage()).doesNotContain("CANARY"));
    assertThat(dir.resolve("out.jsonl")).doesNotExist();
  }

  private static List<String> texts(Contact c) {
    List<String> values = new ArrayList<>();
    if (c.getName() != null) {
      values.add(c.getName().getGiven());
      values.add(c.getName().getFamily());
    }
    values.add(c.getFormattedName());
    values.add(c.getOrganization());
    values.add(c.getTitle());
    values.add(c.getNotes());
    c.getPhones().forEach(p -> values.add(p.getValue()));
    values.removeIf(v -> v == null);
    return values;
  }
}
