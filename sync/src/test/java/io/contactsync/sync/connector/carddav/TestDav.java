package io.contactsync.sync.connector.carddav;

import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.writeCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.sync.connector.CredentialStore;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.TlsTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Assumptions;

/**
 * The test Radicale from .ci/servers/radicale.sh, seen as a client would: its credentials written as the Secret
 * {@code dav-creds} under DIR/credentials, an HTTP client trusting its CA, fresh address books and raw WebDAV requests.
 */
final class TestDav {
  static final String BASE = System.getenv("CONTACTSYNC_TEST_CARDDAV_URL");
  private final Path credentialsDir;
  private final HttpClient http;

  private TestDav(Path credentialsDir, HttpClient http) {
    this.credentialsDir = credentialsDir;
    this.http = http;
  }

  /** The server, or an aborted test that says how to start it. */
  static TestDav open(Path dir) throws Exception {
    Assumptions.assumeTrue(BASE != null, "no CardDAV server: run eval \"$(.ci/servers/radicale.sh)\" first (.ci/run does)");
    Path credentialsDir = dir.resolve("credentials");
    writeCredentials(credentialsDir, "dav-creds", System.getenv("CONTACTSYNC_TEST_CARDDAV_USER"),
        System.getenv("CONTACTSYNC_TEST_CARDDAV_PASSWORD"), System.getenv("CONTACTSYNC_TEST_CARDDAV_CA"));
    HttpClient http = HttpClient.newBuilder().sslContext(TlsTrust.context(credentials(credentialsDir))).build();
    return new TestDav(credentialsDir, http);
  }

  Credentials credentials() throws Exception {
    return credentials(credentialsDir);
  }

  private static Credentials credentials(Path credentialsDir) throws Exception {
    return CredentialStore.perSecretName(credentialsDir).forEndpoint("source", secretCredentials("dav-creds"));
  }

  /** A new, empty address book named PREFIX-something, unique on the shared server; its URL ends in a slash. */
  String newBook(String prefix) throws Exception {
    String book = BASE + prefix + "-" + Long.toString(System.nanoTime(), 36) + "/";
    assertThat(send("MKCOL", book, "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" "
        + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/>"
        + "</d:resourcetype></d:prop></d:set></d:mkcol>").statusCode()).isEqualTo(201);
    return book;
  }

  /** One WebDAV request with the test user's credentials (PROPFIND at depth 1). */
  HttpResponse<String> send(String method, String url, String body) throws Exception {
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
