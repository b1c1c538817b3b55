package io.contactsync.sync.connector.carddav;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.format.VcardFingerprint;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.CheckpointStore;
import io.contactsync.sync.pipeline.SyncRun;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every card of the real-client corpus that Radicale accepts goes Radicale → JSONL → Radicale under a Keep-everything
 * policy, and what the canonical model carries (VcardFingerprint) is the same before and after; and the canonical
 * contact read back equals the one first read.
 */
class VcardCorpusRoundTripIT {
  static final Pattern CARD = Pattern.compile("(?is)BEGIN:VCARD\\r?\\n.*?END:VCARD\\r?\\n?");
  static final Pattern HREF = Pattern.compile("<[^>]*href>([^<]+\\.vcf)</");
  @TempDir Path dir;
  TestDav dav;
  FileKeyStore keys;
  CheckpointStore checkpoints;
  int books;

  @Test
  void aKeepEverythingRoundTripThroughRadicaleLosesNothingTheModelNames() throws Exception {
    dav = TestDav.open(dir);
    keys = new FileKeyStore(dir.resolve("state"));
    checkpoints = new CheckpointStore(dir.resolve("state"));

    List<String> losses = new ArrayList<>();
    int accepted = 0;
    for (Path file : corpus()) {
      Matcher m = CARD.matcher(Files.readString(file, StandardCharsets.UTF_8));
      for (int n = 1; m.find(); n++) {
        String where = file.getFileName() + " card " + n;
        String source = book();
        // Radicale refuses a card without a UID; the corpus has such cards, and what is tested is the rest of them
        String card = m.group().matches("(?is).*\\nUID[;:].*") ? m.group()
            : m.group().replaceFirst("(?i)(BEGIN:VCARD\\r?\\n)", "$1UID:corpus-" + n + "\r\n");
        if (send("PUT", source + "card.vcf", card).statusCode() / 100 != 2) continue;
        accepted++;
        VCard original = Ezvcard.parse(send("GET", source + "card.vcf", null).body()).first();

        String jsonl = "out-" + books + ".jsonl";
        run("to-file-" + books, carddavSource(source), fileDestination(jsonl));
        List<String> first = Files.readAllLines(dir.resolve(jsonl));
        String target = book();
        run("to-dav-" + books, fileSource(jsonl), carddavDestination(target));
        List<String> hrefs = hrefs(target);
        assertThat(hrefs).as(where).hasSize(1);
        VCard written = Ezvcard.parse(send("GET", URI.create(target).resolve(hrefs.get(0)).toString(), null).body()).first();
        diff(where + " vCard", VcardFingerprint.of(original), VcardFingerprint.of(written), losses);

        String back = "back-" + books + ".jsonl";
        run("back-" + books, carddavSource(target), fileDestination(back));
        diff(where + " canonical", withoutId(first), withoutId(Files.readAllLines(dir.resolve(back))), losses);
      }
    }
    assertThat(accepted).as("cards Radicale accepted").isGreaterThanOrEqualTo(15);
    assertThat(losses).as("lost or changed in the round trip").isEmpty();
  }

  static List<Path> corpus() throws Exception {
    Path corpus = Path.of(VcardCorpusRoundTripIT.class.getResource("/corpus/vcard-clients").toURI());
    try (Stream<Path> s = Files.list(corpus)) {
      return s.filter(p -> p.toString().endsWith(".vcf")).sorted().toList();
    }
  }

  static void diff(String where, List<String> before, List<String> after, List<String> losses) {
    before.stream().filter(line -> !after.contains(line)).forEach(line -> losses.add(where + " lost: " + line));
    after.stream().filter(line -> !before.contains(line)).forEach(line -> losses.add(where + " gained: " + line));
  }

  static List<String> withoutId(List<String> lines) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      Contact c = ContactJson.parse(line);
      c.setId(null);
      out.add(ContactJson.write(c));
    }
    return out;
  }

  String book() throws Exception {
    return dav.newBook("corpus-" + (++books));
  }

  List<String> hrefs(String book) throws Exception {
    Matcher m = HREF.matcher(send("PROPFIND", book,
        "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>").body());
    List<String> hrefs = new ArrayList<>();
    while (m.find()) hrefs.add(m.group(1));
    return hrefs;
  }

  HttpResponse<String> send(String method, String url, String body) throws Exception {
    return dav.send(method, url, body);
  }

  /** Keep everything: every field leaves as it is, with no check that would drop or change a value. */
  static PrivacyPolicySpec keepEverything() {
    PrivacyPolicySpec spec = SyncFixtures.rawCopy();
    spec.getValidation().setStripMarkup(false);
    spec.getValidation().setMaxFieldLength(1048576);
    return spec;
  }

  void run(String name, SourceSpec source, DestinationSpec destination) throws Exception {
    PolicyReference ref = new PolicyReference("keep", "team");
    destination.setPrivacyPolicyRef(ref);
    JobConfig job = new JobConfig("team", name, SyncMode.Full, DeletePolicy.Propagate, source,
        List.of(new JobConfig.Destination(destination.getName(), ref, keepEverything(), destination)), dir.toString());
    SyncRun.Outcome outcome = new SyncRun(job, keys::writerKeys, CredentialStore.perSecretName(dir.resolve("credentials")),
        Clock.systemUTC()).run(checkpoints.load(job.namespace(), job.name()));
    assertThat(outcome.summary().destinations().get(0).quarantinedTotal()).as(name + " quarantined").isZero();
  }

  static CardDavConnector dav(String url) {
    CardDavConnector c = new CardDavConnector();
    c.setUrl(url);
    c.setCredentials(secretCredentials("dav-creds"));
    return c;
  }

  static SourceSpec carddavSource(String url) {
    SourceSpec s = new SourceSpec();
    s.setCarddav(dav(url));
    return s;
  }

  static SourceSpec fileSource(String path) {
    return SyncFixtures.sync("team", "x", path).getSpec().getSource();
  }

  static DestinationSpec fileDestination(String path) {
    return SyncFixtures.fileDestination("out", path, null);
  }

  static DestinationSpec carddavDestination(String url) {
    DestinationSpec d = new DestinationSpec();
    d.setName("book");
    d.setCarddav(dav(url));
    return d;
  }
}
