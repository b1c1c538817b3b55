package io.contactsync.sync.connector.carddav;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.contact.TypedValue;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.format.ReadItem;
import io.contactsync.sync.format.VcardFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.CheckpointStore;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.pipeline.SyncRun;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CardDAV connector against Radicale (TLS, htpasswd): see .ci/servers/radicale.sh. */
class CardDavIT {
  @TempDir Path dir;
  String book;
  TestDav dav;
  FileKeyStore keys;
  CheckpointStore checkpoints;

  @BeforeEach
  void setUp() throws Exception {
    dav = TestDav.open(dir);
    book = dav.newBook("book");
    keys = new FileKeyStore(dir.resolve("state"));
    checkpoints = new CheckpointStore(dir.resolve("state"));
  }

  Credentials credentials() throws Exception {
    return dav.credentials();
  }


  HttpResponse<String> send(String method, String url, String body) throws Exception {
    return dav.send(method, url, body);
  }

  int cards() throws Exception {
    String body = send("PROPFIND", book, "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>").body();
    return body.split("\\.vcf</").length - 1;
  }

  CardDavConnector dav(String url, String credentials) {
    CardDavConnector c = new CardDavConnector();
    c.setUrl(url);
    c.setCredentials(secretCredentials(credentials));
    return c;
  }

  List<Contact> contacts(int n) {
    List<Contact> list = new ArrayList<>();
    new SyntheticContacts(13, n).forEachRemaining(c -> {
      if (c.getEmails().get(0).getValue().contains("@") && c.getPhones().get(0).getValue().length() > 8) list.add(c);
    });
    return list;
  }

  void writeJsonl(String file, List<Contact> contacts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(dir.resolve(file), out.toByteArray());
  }

  JobConfig job(SourceSpec source, DestinationSpec destination, SyncMode mode) {
    PrivacyPolicy policy = SyncFixtures.policy("team", "p");
    return new JobConfig("team", "dav", mode, DeletePolicy.Propagate, source,
        List.of(new JobConfig.Destination(destination.getName(), new PolicyReference("p", "team"), policy.getSpec(), destination)),
        dir.toString());
  }

  RunSummary run(JobConfig job) throws Exception {
    SyncRun.Outcome outcome = new SyncRun(job, keys::writerKeys, CredentialStore.perSecretName(dir.resolve("credentials")),
        Clock.systemUTC()).run(checkpoints.load(job.namespace(), job.name()));
    checkpoints.save(job.namespace(), job.name(), outcome.checkpoint());
    return outcome.summary();
  }

  @Test
  void aFileSyncWritesCardsOnceAndSweepsItsOwnDeletedCards() throws Exception {
    List<Contact> source = contacts(40);
    writeJsonl("in.jsonl", source);
    send("PUT", book + "someone-elses.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x1\r\nFN:Not Ours\r\nEND:VCARD\r\n");
    SourceSpec file = SyncFixtures.sync("team", "dav", "in.jsonl").getSpec().getSource();
    DestinationSpec d = new DestinationSpec();
    d.setName("book");
    d.setCarddav(dav(book, "dav-creds"));
    RunSummary first = run(job(file, d, SyncMode.Full));
    long created = first.destinations().get(0).created();
    assertThat(created + first.destinations().get(0).quarantinedTotal()).isEqualTo(source.size());
    assertThat(cards()).isEqualTo(created + 1);

    RunSummary again = run(job(file, d, SyncMode.Full));
    assertThat(again.destinations().get(0).unchanged()).as("equal cards are not written again").isEqualTo(created);
    assertThat(again.destinations().get(0).updated()).isZero();
    assertThat(cards()).as("a repeated run writes the same cards, no duplicates").isEqualTo(created + 1);

    writeJsonl("in.jsonl", source.subList(5, source.size()));
    RunSummary swept = run(job(file, d, SyncMode.Full));
    assertThat(swept.destinations().get(0).deleted()).isBetween(4L, 5L);
    assertThat(cards()).isEqualTo(created - swept.destinations().get(0).deleted() + 1);
    assertThat(send("GET", book + "someone-elses.vcf", null).statusCode()).as("a card it did not write stays").isEqualTo(200);
  }

  @Test
  void anAddressBookIsReadIncrementallyWithItsSyncToken() throws Exception {
    List<Contact> source = contacts(20);
    for (int i = 0; i < 20; i++) {
      source.get(i).setId("card-" + i);
      send("PUT", book + "card-" + i + ".vcf", VcardFormat.write(source.get(i)));
    }
    CardDavSource reader = new CardDavSource(dav(book, "dav-creds"), credentials());
    List<Contact> read = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    ContactSource.Sink sink = new ContactSource.Sink() {
      @Override public void accept(ReadItem item) { read.add(item.contact()); }
      @Override public void deleted(String sourceId) { deleted.add(sourceId); }
    };
    var full = reader.read(Map.of(), sink);
    assertThat(read).hasSize(20);
    assertThat(full.fullSnapshot()).isTrue();
    assertThat(read.get(0).getId()).endsWith(".vcf");

    source.get(3).setTitle("Changed");
    send("PUT", book + "card-3.vcf", VcardFormat.write(source.get(3)));
    send("DELETE", book + "card-7.vcf", null);
    send("PUT", book + "card-new.vcf", VcardFormat.write(contacts(1).get(0)));
    read.clear();
    var delta = reader.read(full.checkpoint(), sink);
    assertThat(delta.fullSnapshot()).isFalse();
    assertThat(read).extracting(Contact::getId).containsExactlyInAnyOrder(path("card-3.vcf"), path("card-new.vcf"));
    assertThat(read).filteredOn(c -> c.getId().endsWith("card-3.vcf")).singleElement()
        .extracting(Contact::getTitle).isEqualTo("Changed");
    assertThat(deleted).containsExactly(path("card-7.vcf"));

    read.clear();
    var fallback = reader.read(Map.of(CardDavSource.TOKEN, "http://radicale.org/ns/sync/" + "0".repeat(64)), sink);
    assertThat(fallback.fullSnapshot()).as("a token the server rejects means a full listing").isTrue();
    assertThat(read).hasSize(20);
  }

  @Test
  void wrongCredentialsAndADownServerGiveOneClearLine() throws Exception {
    writeCredentials(dir.resolve("credentials"), "bad", System.getenv("CONTACTSYNC_TEST_CARDDAV_USER"),
        "wrong-password-canary", System.getenv("CONTACTSYNC_TEST_CARDDAV_CA"));
    CredentialStore store = CredentialStore.perSecretName(dir.resolve("credentials"));
    CardDavSource wrong = new CardDavSource(dav(book, "bad"), store.forEndpoint("source", secretCredentials("bad")));
    assertThatThrownBy(() -> wrong.read(Map.of(), null)).hasMessageContaining("answered HTTP 401: check username and "
        + "password in the credentials Secret").hasMessageNotContaining("wrong-password-canary");
    CardDavSource down = new CardDavSource(dav(book.replaceAll(":\\d+/", ":1/"), "dav-creds"), credentials());
    assertThatThrownBy(() -> down.read(Map.of(), null)).hasMessageContaining("cannot connect: check that the server is up");
    CardDavSource untrusted = new CardDavSource(dav(book, "dav-creds"), Credentials.none());
    assertThatThrownBy(() -> untrusted.read(Map.of(), null)).hasMessageContaining("TLS failed");
  }

  @Test
  void fromCardDavToJsonlThroughAPolicyTokensAreTheEnginesOwn() throws Exception {
    List<Contact> source = contacts(10);
    for (int i = 0; i < source.size(); i++) send("PUT", book + "c" + i + ".vcf", VcardFormat.write(source.get(i)));
    SourceSpec from = new SourceSpec();
    from.setCarddav(dav(book, "dav-creds"));
    DestinationSpec to = SyncFixtures.fileDestination("out", "out.jsonl", new PolicyReference("p", "team"));
    RunSummary summary = run(job(from, to, SyncMode.Incremental));
    assertThat(summary.read()).isEqualTo(source.size());
    var policy = io.contactsync.privacy.policy.PolicyCompiler.compile(
        io.contactsync.sync.config.PolicyDefinitions.from(SyncFixtures.policy("team", "p").getSpec()),
        // the run's keys: the policy's, derived for the sync's namespace (the default token scope)
        FileKeyStore.load(dir.resolve("state/keys/team/p")).forScope(io.contactsync.privacy.keys.KeyScope.namespace("team", "p", "team")));
    List<String> expected = source.stream().map(c -> policy.apply(c).contact().getEmails().get(0).getValue()).sorted().toList();
    List<String> written = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
      Contact c = ContactJson.parse(line);
      written.add(c.getEmails().get(0).getValue());
      assertThat(c.getNotes()).isNull();
    }
    assertThat(written.stream().sorted().toList()).isEqualTo(expected);
    RunSummary unchanged = run(job(from, to, SyncMode.Incremental));
    assertThat(unchanged.read()).as("nothing changed, nothing read").isZero();
  }

  JobConfig keepAllJob(SourceSpec source, DestinationSpec destination) {
    PrivacyPolicySpec spec = new PrivacyPolicySpec();
    spec.setDefaultAction(PolicyAction.Keep);
    return new JobConfig("team", "dav-keep", SyncMode.Full, DeletePolicy.Propagate, source,
        List.of(new JobConfig.Destination(destination.getName(), new PolicyReference("keep", "team"), spec, destination)),
        dir.toString());
  }

  /** Radicale refuses a card with an empty FN; lines are folded at 75 octets, so long non-ASCII names survive. */
  @Test
  void namelessContactsAndLongNonAsciiNamesAreAcceptedAndReadBackIntact() throws Exception {
    List<Contact> source = new ArrayList<>();
    Contact emailOnly = new Contact();
    emailOnly.setId("email-only");
    emailOnly.getEmails().add(new TypedValue("work", "ada@example.com"));
    source.add(emailOnly);
    Contact orgOnly = new Contact();
    orgOnly.setId("org-only");
    orgOnly.setOrganization("Analytical Engines Ltd");
    source.add(orgOnly);
    List<String> names = List.of(
        "Αικατερίνη Παπαδοπούλου-Κωνσταντινοπούλου του Αλεξάνδρου και της Ελένης από τη Θεσσαλονίκη",
        "山田太郎右衛門之助花子東京都千代田区丸の内一丁目株式会社代表取締役社長兼最高経営責任者",
        "Zoë 👩‍👩‍👧‍👦🏳️‍🌈🎉🎂🎈 Ünïcödé 😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😗😚😙 Ω≈ç√∫µ≤≥÷ end");
    for (int i = 0; i < names.size(); i++) {
      Contact c = new Contact();
      c.setId("long-" + i);
      c.setFormattedName(names.get(i));
      c.setNotes(names.get(i) + "\n" + names.get(i));
      source.add(c);
    }
    writeJsonl("in.jsonl", source);
    SourceSpec file = SyncFixtures.sync("team", "dav-keep", "in.jsonl").getSpec().getSource();
    DestinationSpec d = new DestinationSpec();
    d.setName("book");
    d.setCarddav(dav(book, "dav-creds"));
    RunSummary first = run(keepAllJob(file, d));
    assertThat(first.destinations().get(0).created()).as("Radicale accepted every card").isEqualTo(source.size());
    String listing = send("PROPFIND", book, "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/>"
        + "</d:prop></d:propfind>").body();
    var hrefs = java.util.regex.Pattern.compile("<[A-Za-z]*:?href>([^<]+\\.vcf)</").matcher(listing);
    int served = 0;
    while (hrefs.find()) {
      String card = send("GET", URI.create(book).resolve(hrefs.group(1)).toString(), null).body();
      served++;
      // only FN: Radicale serves its own serialization (vobject), whose folding is not ours (VcardWritingTest is)
      assertThat(card.lines().filter(l -> l.startsWith("FN:")).toList()).as("FN as served").hasSize(1)
          .doesNotContain("FN:");
    }
    assertThat(served).isEqualTo(source.size());
    assertThat(run(keepAllJob(file, d)).destinations().get(0).unchanged())
        .as("a card whose FN was derived is not written again").isEqualTo(source.size());

    SourceSpec from = new SourceSpec();
    from.setCarddav(dav(book, "dav-creds"));
    run(keepAllJob(from, SyncFixtures.fileDestination("back", "back.jsonl", new PolicyReference("keep", "team"))));
    List<String> back = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("back.jsonl"))) {
      Contact c = ContactJson.parse(line);
      c.setId(null);
      back.add(ContactJson.write(c));
    }
    emailOnly.setFormattedName("ada@example.com");
    emailOnly.getEmails().get(0).getTypes().add("work"); // its card says TYPE=work, read back as every type
    orgOnly.setFormattedName("Analytical Engines Ltd");
    List<String> expected = source.stream().map(c -> {
      Contact e = c.copy();
      e.setId(null);
      return ContactJson.write(e);
    }).toList();
    assertThat(back).containsExactlyInAnyOrderElementsOf(expected);
  }

  String path(String card) {
    return URI.create(book + card).getPath();
  }
}
