package io.contactsync.sync.connector.carddav;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.sync.LocalRun;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.connector.TlsTrust;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, observation 5: a key rotation keeps every card's identity (Radicale): nothing is deleted or duplicated. */
class CardDavIdentityIT {
  static final String BASE = System.getenv("CONTACTSYNC_TEST_CARDDAV_URL");
  @TempDir Path dir;
  String book;
  HttpClient http;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(BASE != null, "no CardDAV server: run eval \"$(.ci/servers/radicale.sh)\" first (.ci/run does)");
    writeCredentials(dir.resolve("credentials"), "dav-creds", System.getenv("CONTACTSYNC_TEST_CARDDAV_USER"),
        System.getenv("CONTACTSYNC_TEST_CARDDAV_PASSWORD"), System.getenv("CONTACTSYNC_TEST_CARDDAV_CA"));
    http = HttpClient.newBuilder().sslContext(TlsTrust.context(CredentialStore.perSecretName(dir.resolve("credentials"))
        .forEndpoint("source", secretCredentials("dav-creds")))).build();
    book = BASE + "identity-" + Long.toString(System.nanoTime(), 36) + "/";
    assertThat(send("MKCOL", book, "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" "
        + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/>"
        + "</d:resourcetype></d:prop></d:set></d:mkcol>").statusCode()).isEqualTo(201);
  }

  @Test
  void rotatingEveryRotatableKeyRewritesCardsInPlaceWithPropagate() throws Exception {
    rotationKeepsEveryHref(DeletePolicy.Propagate);
  }

  @Test
  void rotatingEveryRotatableKeyDuplicatesNoCardWithIgnore() throws Exception {
    rotationKeepsEveryHref(DeletePolicy.Ignore);
  }

  private void rotationKeepsEveryHref(DeletePolicy deletes) throws Exception {
    List<Contact> source = new ArrayList<>();
    new SyntheticContacts(17, 30).forEachRemaining(source::add);
    writeJsonl(source);
    JobConfig job = fileToBook(deletes);
    RunSummary first = LocalRun.of(job, dir);
    long written = first.destinations().get(0).created();
    TreeSet<String> before = hrefs();
    assertThat(before).hasSize((int) written);

    FileKeyStore keys = new FileKeyStore(dir.resolve("state"));
    for (KeyPurpose p : KeyPurpose.values()) if (p.rotatable()) keys.rotate("team", "p", p);
    RunSummary after = LocalRun.of(job, dir);

    assertThat(after.destinations().get(0).created()).as("no card is new after a rotation").isZero();
    assertThat(after.destinations().get(0).deleted()).as("no card is deleted after a rotation").isZero();
    assertThat(hrefs()).as("every card keeps its href").isEqualTo(before);
  }

  private JobConfig fileToBook(DeletePolicy deletes) {
    SourceSpec file = SyncFixtures.sync("team", "dav", "in.jsonl").getSpec().getSource();
    DestinationSpec d = new DestinationSpec();
    d.setName("book");
    d.setCarddav(dav());
    return new JobConfig("team", "dav", SyncMode.Full, deletes, file,
        List.of(new JobConfig.Destination("book", new PolicyReference("p", "team"), SyncFixtures.policy("team", "p").getSpec(), d)),
        dir.toString());
  }

  private CardDavConnector dav() {
    CardDavConnector c = new CardDavConnector();
    c.setUrl(book);
    c.setCredentials(secretCredentials("dav-creds"));
    return c;
  }

  private void writeJsonl(List<Contact> contacts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonlFormat().write(contacts, out);
    Files.write(dir.resolve("in.jsonl"), out.toByteArray());
  }

  private TreeSet<String> hrefs() throws Exception {
    String listing = send("PROPFIND", book, "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/>"
        + "</d:prop></d:propfind>").body();
    var m = Pattern.compile("<[A-Za-z]*:?href>([^<]+\\.vcf)</").matcher(listing);
    TreeSet<String> out = new TreeSet<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private HttpResponse<String> send(String method, String url, String body) throws Exception {
    String auth = Base64.getEncoder().encodeToString((System.getenv("CONTACTSYNC_TEST_CARDDAV_USER") + ":"
        + System.getenv("CONTACTSYNC_TEST_CARDDAV_PASSWORD")).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + auth);
    r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
        : r.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type",
            method.equals("PUT") ? "text/vcard" : "application/xml");
    if (method.equals("PROPFIND")) r.header("Depth", "1");
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
