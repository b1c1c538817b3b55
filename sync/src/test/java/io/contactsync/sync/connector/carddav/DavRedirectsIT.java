package io.contactsync.sync.connector.carddav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contactsync.sync.connector.Credentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CardDAV server on the checked origin may answer with a redirect or name an address book elsewhere; credentials
 * and contacts must never leave that origin (issue "Where data may go", observation 3). Two real HTTP servers on
 * 127.0.0.1: the allowed one, and the one it points to, which must receive nothing.
 */
class DavRedirectsIT {
  private static final String CANARY_PASSWORD = "canary-dav-password-3f9a";
  private static final String CANARY_CONTACT = "Canary Contact 81c4";
  private static final String BOOK = "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\" "
      + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:response><d:href>/real/</d:href><d:propstat><d:prop>"
      + "<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status>"
      + "</d:propstat></d:response></d:multistatus>";
  private HttpServer allowed;
  private HttpServer elsewhere;
  private final List<String> reachedElsewhere = new CopyOnWriteArrayList<>();
  private final List<String> reachedAllowed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext("/", exchange -> {
      reachedElsewhere.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      answer(exchange, 207, BOOK);
    });
    elsewhere.start();
    allowed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    allowed.createContext("/", exchange -> {
      reachedAllowed.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/cross/")) {
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/steal/");
        answer(exchange, 307, "");
      } else if (path.startsWith("/moved/")) {
        exchange.getResponseHeaders().add("Location", "/real/");
        answer(exchange, 308, "");
      } else if (path.startsWith("/pointing/")) {
        answer(exchange, 207, BOOK.replace("<d:href>/real/</d:href>",
            "<d:href>http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/steal/</d:href>")
            .replace("<c:addressbook/>", path.equals("/pointing/") && "0".equals(exchange.getRequestHeaders().getFirst("Depth"))
                ? "" : "<c:addressbook/>"));
      } else {
        answer(exchange, 207, BOOK);
      }
    });
    allowed.start();
  }

  @AfterEach
  void stop() {
    allowed.stop(0);
    elsewhere.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private DavClient client() throws IOException {
    return new DavClient("the source (carddav 127.0.0.1)", origin(),
        new Credentials(Map.of("username", "u".getBytes(StandardCharsets.UTF_8),
            "password", CANARY_PASSWORD.getBytes(StandardCharsets.UTF_8))));
  }

  private URI origin() {
    return URI.create("http://127.0.0.1:" + allowed.getAddress().getPort() + "/");
  }

  @Test
  void aRedirectToAnotherOriginIsNotFollowedAndSaysWhereTheUrlShouldPoint() {
    assertThatThrownBy(() -> client().propfind(origin().resolve("/cross/"), 0, "<d:resourcetype/>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("redirected to another origin")
        .hasMessageNotContaining(CANARY_PASSWORD);
    assertThat(reachedElsewhere).isEmpty();
  }

  @Test
  void aVcardPutRedirectedToAnotherOriginNeverReachesIt() {
    String vcard = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:c1\r\nFN:" + CANARY_CONTACT + "\r\nEND:VCARD\r\n";
    assertThatThrownBy(() -> client().put(origin().resolve("/cross/c1.vcf"), vcard, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("redirected to another origin")
        .hasMessageNotContaining(CANARY_CONTACT).hasMessageNotContaining(CANARY_PASSWORD);
    assertThat(reachedAllowed).containsExactly("PUT /cross/c1.vcf");
    assertThat(reachedElsewhere).as("neither the Authorization header nor the vCard went to the other origin").isEmpty();
  }

  @Test
  void aRedirectWithinTheOriginIsFollowed() throws IOException {
    var answer = client().propfind(origin().resolve("/moved/"), 0, "<d:resourcetype/>");
    assertThat(answer.entries()).extracting(DavClient.Entry::data).containsExactly("addressbook");
    assertThat(reachedAllowed).containsExactly("PROPFIND /moved/", "PROPFIND /real/");
    assertThat(reachedElsewhere).isEmpty();
  }

  @Test
  void anAddressBookTheServerNamesOnAnotherOriginIsRefused() {
    assertThatThrownBy(() -> AddressBook.locate(client(), origin().resolve("/pointing/")))
        .isInstanceOf(IOException.class).hasMessageContaining("another origin");
    assertThat(reachedElsewhere).isEmpty();
  }
}
