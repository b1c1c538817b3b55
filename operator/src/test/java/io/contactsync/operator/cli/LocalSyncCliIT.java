package io.contactsync.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged executable, run as a user runs it, on the bundled samples plus canary contacts: values that the
 * policy drops, masks, hashes or quarantines appear in no output file, log line, summary, report or state file.
 */
class LocalSyncCliIT {
  private static final Path JAR = Path.of("target", "contactsync.jar").toAbsolutePath();
  private static final Path SAMPLES = Path.of("..", "config", "samples", "local").toAbsolutePath().normalize();
  /** Values that must never leave: dropped (notes, street, categories, crmId in clear), hashed, masked, quarantined. */
  private static final List<String> CANARIES = List.of("CANARY-NOTE-4f1d", "CANARY-STREET-9a2c", "CANARY-CATEGORY-77e0",
      "CANARY-ORG-1b5e", "CANARY-TITLE-c3d9", "CANARY-CRM-2e8f", "canary.mail.51aa", "2015550187", "201) 555",
      "CANARY-BADMAIL-0d4b", "1961-04-12");

  @TempDir Path work;

  record Result(int exit, String out, String err) {}

  private Result contactsync(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(work.resolve("stdout.txt").toFile()).redirectError(work.resolve("stderr.txt").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("contactsync finished in time").isTrue();
    return new Result(p.exitValue(), Files.readString(work.resolve("stdout.txt")), Files.readString(work.resolve("stderr.txt")));
  }

  @BeforeEach
  void copySamplesAndPlantCanaries() throws IOException {
    assertThat(JAR).as("the executable jar; build it with ./mvnw package").exists();
    Files.copy(SAMPLES.resolve("privacypolicy.yaml"), work.resolve("privacypolicy.yaml"));
    Files.writeString(work.resolve("contactsync.yaml"), Files.readString(SAMPLES.resolve("contactsync.yaml"))
        .replace("out/contacts.csv", "out/contacts.vcf").replace("marketing-csv", "marketing-vcard")
        .replace("contacts.vcf}", "contacts.vcf}\n  # canaries appended below"));
    String canaryCards = String.join("\r\n", "BEGIN:VCARD", "VERSION:3.0", "UID:canary-1", "N:Canary;Carla;;;",
        "FN:Carla Canary", "EMAIL;TYPE=INTERNET:canary.mail.51aa@example.com", "TEL;TYPE=CELL:(201) 555-0187",
        "ADR;TYPE=HOME:;;CANARY-STREET-9a2c;Springfield;IL;62701;US", "ORG:CANARY-ORG-1b5e", "TITLE:CANARY-TITLE-c3d9",
        "BDAY:1961-04-12", "NOTE:CANARY-NOTE-4f1d", "CATEGORIES:CANARY-CATEGORY-77e0",
        "X-CONTACTSYNC-CUSTOM;KEY=crmId:CANARY-CRM-2e8f", "END:VCARD",
        "BEGIN:VCARD", "VERSION:3.0", "UID:canary-2", "FN:Quentin Quarantine", "EMAIL:CANARY-BADMAIL-0d4b",
        "NOTE:CANARY-NOTE-4f1d", "END:VCARD", "");
    Files.writeString(work.resolve("contacts.vcf"), Files.readString(SAMPLES.resolve("contacts.vcf")) + canaryCards);
  }

  @Test
  void theLocalSyncWritesMaskedContactsAndLeaksNoCanary() throws Exception {
    Result run = contactsync("sync", "--local", "-f", work.toString(), "--state-dir", work.resolve("state").toString(),
        "--report", work.resolve("report.json").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("read 302 contact records", "-> marketing-jsonl", "-> marketing-vcard",
        "quarantined 13 (InvalidEmail 7, InvalidPhone 6)");
    assertThat(run.err()).contains("[INFO]").doesNotContain("Exception");

    String jsonl = Files.readString(work.resolve("out/contacts.jsonl"));
    assertThat(jsonl.lines()).hasSize(289);
    String carla = jsonl.lines().filter(l -> l.contains("Carla")).findFirst().orElseThrow();
    assertThat(carla).contains("\"phones\":[{\"value\":\"********0187\"}]", "\"birthday\":\"1961\"", "tok_", "enc_",
        "[REDACTED]");
    assertThat(Files.readString(work.resolve("out/contacts.vcf"))).contains("FN:Carla Canary");

    List<String> everything = new ArrayList<>(List.of(run.out(), run.err()));
    try (Stream<Path> files = Files.walk(work)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.equals(work.resolve("contacts.vcf"))) everything.add(f + ":\n" + Files.readString(f));
      }
    }
    for (String text : everything) {
      for (String canary : CANARIES) assertThat(text).as("canary %s", canary).doesNotContain(canary);
    }
  }

  @Test
  void previewAsJsonlLeaksNoCanaryEither() throws Exception {
    Result preview = contactsync("preview", "--policy", work.resolve("privacypolicy.yaml").toString(), "--input",
        work.resolve("contacts.vcf").toString(), "-o", "jsonl", "--state-dir", work.resolve("state").toString());
    assertThat(preview.exit()).as(preview.err()).isZero();
    assertThat(preview.out().lines()).hasSize(289);
    for (String canary : CANARIES) assertThat(preview.out() + preview.err()).doesNotContain(canary);
  }

  @Test
  void aFailingRunLeaksNoCanaryInItsError() throws Exception {
    Files.createDirectories(work.resolve("out"));
    Files.writeString(work.resolve("out/contacts.jsonl"), "{\"id\":\"x\",\"notes\":\"CANARY-NOTE-4f1d\"}\n{broken CANARY-ORG-1b5e\n");
    Result run = contactsync("sync", "--local", "-f", work.toString(), "--state-dir", work.resolve("state").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("sync failed", "holds a record this sync cannot read back (line 2)");
    for (String canary : CANARIES) assertThat(run.out() + run.err()).doesNotContain(canary);
  }

  @Test
  void theExecutableAnswersHelpAndVersion() throws Exception {
    Result help = contactsync("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("sync", "preview", "keys");
    Result version = contactsync("--version");
    assertThat(version.out()).startsWith("contactsync 0.");
  }
}
