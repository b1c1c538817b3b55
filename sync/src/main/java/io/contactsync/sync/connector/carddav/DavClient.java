package io.contactsync.sync.connector.carddav;

import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.TlsTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The few WebDAV/CardDAV requests a sync needs, with Basic auth over TLS. Errors name the endpoint, never data. */
final class DavClient {
  static final String DAV = "DAV:";
  static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";

  /** One response of a multistatus: its href, HTTP status, ETag and (for multiget) vCard data. */
  record Entry(String href, int status, String etag, String data) {}

  /** A multistatus reply: its entries and, for sync-collection, the new token. */
  record MultiStatus(List<Entry> entries, String syncToken) {}

  /** An answer the caller handles itself (412 on a conditional write, 403/409 on a sync token). */
  static final class StatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String body;

    StatusException(String message, int status, String body) {
      super(message);
      this.status = status;
      this.body = body;
    }
  }

  /** Redirects followed for one request; more is a loop or a server that does not mean it. */
  private static final int MAX_REDIRECTS = 5;
  /** Sends of one request that may meet a connection the server closed while it sat in the pool. */
  private static final int STALE_CONNECTION_TRIES = 4;
  private final String label;
  private final URI origin;
  private final HttpClient http;
  private final String authorization;

  /**
   * @param origin the endpoint's url: credentials and contacts go to its scheme, host and port only. Redirects are
   *     not left to the HTTP client, which would follow them anywhere (and re-send the Authorization header).
   */
  DavClient(String label, URI origin, Credentials credentials) throws IOException {
    this.label = label;
    this.origin = origin;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(TlsTrust.context(credentials))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String user = credentials.text("username").orElse(null);
    String password = credentials.text("password").orElse("");
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An addressbook-multiget REPORT body asking for the ETag and vCard of each href. */
  static String multiget(List<String> hrefs) {
    StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><c:addressbook-multiget "
        + "xmlns:d=\"DAV:\" xmlns:c=\"" + CARDDAV + "\"><d:prop><d:getetag/><c:address-data/></d:prop>");
    for (String href : hrefs) {
      body.append("<d:href>").append(href.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</d:href>");
    }
    return body.append("</c:addressbook-multiget>").toString();
  }

  MultiStatus propfind(URI uri, int depth, String props) throws IOException {
    String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + CARDDAV
        + "\"><d:prop>" + props + "</d:prop></d:propfind>";
    return multistatus(send(request(uri, "PROPFIND", body).header("Depth", Integer.toString(depth))));
  }

  MultiStatus report(URI uri, String body) throws IOException {
    return multistatus(send(request(uri, "REPORT", body).header("Depth", "1")));
  }

  /** PUT a vCard; returns the new ETag when the server gives one. */
  Optional<String> put(URI uri, String vcard, String ifMatch) throws IOException {
    HttpRequest.Builder r = base(uri).header("Content-Type", "text/vcard; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(vcard, StandardCharsets.UTF_8));
    r.header(ifMatch == null ? "If-None-Match" : "If-Match", ifMatch == null ? "*" : ifMatch);
    return send(r).headers().firstValue("ETag");
  }

  void delete(URI uri, String ifMatch) throws IOException {
    HttpRequest.Builder r = base(uri).DELETE();
    if (ifMatch != null) r.header("If-Match", ifMatch);
    try {
      send(r);
    } catch (StatusException e) {
      if (e.status != 404) throw e;
    }
  }

  private HttpRequest.Builder request(URI uri, String method, String body) {
    return base(uri).header("Content-Type", "application/xml; charset=utf-8")
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder base(URI uri) {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("User-Agent", "contactsync");
    if (authorization != null) r.header("Authorization", authorization);
    return r;
  }

  /** Whether a URI is on the endpoint's origin (scheme, host and port), where credentials may go. */
  boolean sameOrigin(URI uri) {
    return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(origin.getScheme()) && uri.getHost() != null
        && uri.getHost().equalsIgnoreCase(origin.getHost()) && port(uri) == port(origin);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** A URI the server named (an href, a Location), resolved against {@code base}, if it stays on the origin. */
  URI onOrigin(URI base, String reference, String what) throws IOException {
    URI resolved;
    try {
      resolved = base.resolve(reference);
    } catch (IllegalArgumentException e) {
      throw new IOException(label + ": the server named " + what + " that is not a URL");
    }
    if (!sameOrigin(resolved)) {
      throw new IOException(label + ": the server named " + what + " on another origin (" + resolved.getHost() + ":"
          + port(resolved) + "); contactsync sends credentials and contacts only to the endpoint's own origin ("
          + origin.getHost() + ":" + port(origin) + "): point url at the address book's real address");
    }
    return resolved;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    HttpRequest built = request.build();
    for (int hop = 0; ; hop++) {
      HttpResponse<String> response = exchange(built);
      int status = response.statusCode();
      if (status < 300 || status >= 400 || status == 304) return checked(built, response);
      String location = response.headers().firstValue("Location").orElse(null);
      if (location == null || hop == MAX_REDIRECTS) return checked(built, response);
      URI next;
      try {
        next = built.uri().resolve(location);
      } catch (IllegalArgumentException e) {
        throw new IOException(label + ": " + built.method() + " " + built.uri().getPath() + " was redirected to an address "
            + "that is not a URL");
      }
      if (!sameOrigin(next)) {
        throw new IOException(label + ": " + built.method() + " " + built.uri().getPath() + " was redirected to another "
            + "origin (" + next.getHost() + ":" + port(next) + "); contactsync sends credentials and contacts only to the "
            + "endpoint's own origin (" + origin.getHost() + ":" + port(origin) + "): point url at the final address");
      }
      built = HttpRequest.newBuilder(built, (name, value) -> true).uri(next).build();
    }
  }

  private HttpResponse<String> exchange(HttpRequest built) throws IOException {
    HttpResponse<String> response;
    try {
      response = sendPastStaleConnections(built);
    } catch (ConnectException e) {
      throw new IOException(label + ": cannot connect: check that the server is up and reachable");
    } catch (HttpTimeoutException e) {
      throw new IOException(label + ": the server did not answer in time");
    } catch (javax.net.ssl.SSLException e) {
      throw new IOException(label + ": TLS failed (" + e.getClass().getSimpleName()
          + "): check the server's certificate against ca.crt in the credentials Secret");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(label + ": interrupted");
    } catch (IOException e) {
      // the JDK's words name the protocol step, never the request's content
      throw new IOException(label + ": the connection failed (" + e.getMessage() + ")", e);
    }
    return response;
  }

  private HttpResponse<String> checked(HttpRequest built, HttpResponse<String> response) throws IOException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) return response;
    String what = built.method() + " " + built.uri().getPath() + " answered HTTP " + status;
    String hint = switch (status) {
      case 401 -> ": check username and password in the credentials Secret";
      case 403 -> ": the user may not do this here";
      case 404 -> ": no such collection; check the URL";
      default -> "";
    };
    throw new StatusException(label + ": " + what + hint, status, response.body());
  }

  /**
   * Servers without keep-alive (Radicale speaks HTTP/1.0) close connections the client may already have pooled;
   * a request sent on such a connection never reached the server, so it is sent again. The pool may hold more than
   * one such connection, so a few tries, each on the next pooled or a fresh connection.
   */
  private HttpResponse<String> sendPastStaleConnections(HttpRequest request) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof ConnectException || e instanceof HttpTimeoutException || attempt == STALE_CONNECTION_TRIES
            || !(m.contains("received no bytes") || m.contains("Connection reset") || m.contains("EOF reached"))) {
          throw e;
        }
      }
    }
  }

  private MultiStatus multistatus(HttpResponse<String> response) throws IOException {
    Document doc = parse(response.body());
    List<Entry> entries = new ArrayList<>();
    NodeList responses = doc.getElementsByTagNameNS(DAV, "response");
    for (int i = 0; i < responses.getLength(); i++) {
      Element r = (Element) responses.item(i);
      String href = text(r, DAV, "href");
      int status = statusOf(text(r, DAV, "status"));
      NodeList propstats = r.getElementsByTagNameNS(DAV, "propstat");
      String etag = null;
      String data = null;
      for (int j = 0; j < propstats.getLength(); j++) {
        Element ps = (Element) propstats.item(j);
        int psStatus = statusOf(text(ps, DAV, "status"));
        if (psStatus != 200) continue;
        status = 200;
        etag = etag != null ? etag : text(ps, DAV, "getetag");
        data = data != null ? data : text(ps, CARDDAV, "address-data");
      }
      boolean collection = r.getElementsByTagNameNS(CARDDAV, "addressbook").getLength() > 0;
      entries.add(new Entry(href, status, etag, collection ? "addressbook" : data));
    }
    NodeList tokens = doc.getDocumentElement().getElementsByTagNameNS(DAV, "sync-token");
    return new MultiStatus(entries, tokens.getLength() == 0 ? null : tokens.item(tokens.getLength() - 1).getTextContent().strip());
  }

  private Document parse(String xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(label + ": the server's answer is not the XML WebDAV expects");
    }
  }

  private static String text(Element parent, String ns, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static int statusOf(String line) {
    if (line == null) return 200;
    String[] parts = line.strip().split(" ");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 200;
    } catch (NumberFormatException e) {
      return 200;
    }
  }
}
