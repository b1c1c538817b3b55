package io.contactsync.sync.connector.carddav;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.sync.LocalRun;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.format.JsonlFormat;
import io.contactsync.sync.keys.FileKeyStore;
import io.contactsync.sync.pipeline.RunSummary;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, observation 5: a key rotation keeps every card's identity (Radicale): nothing is deleted or duplicated. */
class CardDavIdentityIT {
  @TempDir Path dir;
  String book;
  TestDav dav;

  @BeforeEach
  void setUp() throws Exception {
    dav = TestDav.open(dir);
    book = dav.newBook("identity");
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

  HttpResponse<String> send(String method, String url, String body) throws Exception {
    return dav.send(method, url, body);
  }
}
