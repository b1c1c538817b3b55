package io.contactsync.operator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.TlsTrust;
import io.contactsync.sync.format.VcardFormat;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An address book of the test Radicale, made for one test and read back as record id to family name. */
final class RadicaleBook {
  static final String ENV = "CONTACTSYNC_TEST_CARDDAV";
  private static final String DAV = "DAV:";
  private static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
  private final String url;
  private final HttpClient http;

  private RadicaleBook(String url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  static void assumeAvailable() {
    Assumptions.assumeTrue(System.getenv(ENV + "_URL") != null,
        "no CardDAV server: run eval \"$(.ci/servers/radicale.sh)\" first (.ci/run does)");
  }

  static RadicaleBook create() throws Exception {
    SSLContext tls = TlsTrust.context(new Credentials(Map.of("ca.crt", Files.readAllBytes(Path.of(System.getenv(ENV + "_CA"))))));
    RadicaleBook book = new RadicaleBook(System.getenv(ENV + "_URL") + "fault-" + Long.toString(System.nanoTime(), 36) + "/",
        HttpClient.newBuilder().sslContext(tls).build());
    assertThat(book.send("MKCOL", "<?xml version=\"1.0\"?><d:mkcol xmlns:d=\"DAV:\" xmlns:c=\"" + CARDDAV + "\"><d:set>"
        + "<d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>").statusCode())
        .isEqualTo(201);
    return book;
  }

  /** The destination's YAML for {@link LocalJob}. */
  String destination(String secret) {
    return String.join("\n", "      carddav:", "        url: " + url, "        credentials: {secretRef: {name: " + secret + "}}");
  }

  /** Every card in the book, by the record id its name carries; a card that is not whole fails to parse. */
  Map<String, String> cards() throws Exception {
    HttpResponse<String> response = send("REPORT", "<?xml version=\"1.0\"?><c:addressbook-query xmlns:d=\"DAV:\" xmlns:c=\""
        + CARDDAV + "\"><d:prop><d:getetag/><c:address-data/></d:prop></c:addressbook-query>");
    assertThat(response.statusCode()).isEqualTo(207);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    Map<String, String> cards = new HashMap<>();
    NodeList responses = xml.getElementsByTagNameNS(DAV, "response");
    for (int i = 0; i < responses.getLength(); i++) {
      Element r = (Element) responses.item(i);
      String href = r.getElementsByTagNameNS(DAV, "href").item(0).getTextContent();
      NodeList data = r.getElementsByTagNameNS(CARDDAV, "address-data");
      if (data.getLength() == 0) continue;
      Contact card = VcardFormat.parse(data.item(0).getTextContent());
      String id = href.substring(href.lastIndexOf('/') + 1).replaceFirst("\\.vcf$", "");
      assertThat(cards.put(id, LocalJob.familyName(card))).as("one card per record id").isNull();
    }
    return cards;
  }

  private HttpResponse<String> send(String method, String body) throws Exception {
    String auth = Base64.getEncoder().encodeToString((System.getenv(ENV + "_USER") + ":" + System.getenv(ENV + "_PASSWORD"))
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + auth)
        .header("Content-Type", "application/xml").header("Depth", "1")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
