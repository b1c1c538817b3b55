package io.contactsync.sync.connector.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactsync.api.v1alpha1.WebhookConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.Retries;
import io.contactsync.sync.connector.TlsTrust;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each batch as JSON ({"sync", "destination", "upserts": [contacts], "deletes": [record ids]}) to an endpoint
 * such as an automation platform's catch-webhook. Each request carries X-Contactsync-Timestamp and
 * X-Contactsync-Signature: sha256=HMAC-SHA256(signingKey, timestamp + "." + body), and an Idempotency-Key (the
 * body's SHA-256), so a receiver can verify it and drop a repeat. 429 and 5xx answers, timeouts, refused and
 * dropped connections are retried with exponential backoff and jitter, honouring Retry-After; other answers fail the run.
 * A webhook keeps no state we can read, so a full run cannot sweep it: deletes reach it only as source deletes.
 */
public final class WebhookDestination implements ContactDestination {
  public static final String TIMESTAMP_HEADER = "X-Contactsync-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Contactsync-Signature";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String sync;
  private final String name;
  private final URI url;
  private final byte[] signingKey;
  private final HttpClient http;
  private final Retries retries;
  private long sent;
  private long deleted;

  public WebhookDestination(String sync, String name, WebhookConnector spec, Credentials credentials) throws IOException {
    this(sync, name, spec, credentials, Retries.WEBHOOK);
  }

  WebhookDestination(String sync, String name, WebhookConnector spec, Credentials credentials, Retries retries)
      throws IOException {
    this.sync = sync;
    this.name = name;
    this.url = URI.create(spec.getUrl());
    this.signingKey = credentials.bytes("signingKey").orElse(null);
    this.retries = retries;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(TlsTrust.context(credentials))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String target() {
    return "webhook " + url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
  }

  @Override
  public void begin() {
    sent = deleted = 0;
  }

  @Override
  public void upsert(List<Contact> records) throws IOException {
    if (records.isEmpty()) return;
    ObjectNode body = envelope();
    ArrayNode upserts = body.putArray("upserts");
    for (Contact c : records) upserts.add(JSON.readTree(ContactJson.write(c)));
    post(JSON.writeValueAsString(body));
    sent += records.size();
  }

  @Override
  public void delete(Collection<String> recordIds) throws IOException {
    if (recordIds.isEmpty()) return;
    ObjectNode body = envelope();
    ArrayNode deletes = body.putArray("deletes");
    recordIds.forEach(deletes::add);
    post(JSON.writeValueAsString(body));
    deleted += recordIds.size();
  }

  @Override
  public void retain(Collection<String> recordIds) {
    // nothing to keep: a webhook is never swept
  }

  /** Everything was sent as it came; counts records sent as created, whatever the receiver made of them. */
  @Override
  public WriteCounts commit(boolean sweep) {
    return new WriteCounts(sent, 0, 0, deleted);
  }

  private ObjectNode envelope() {
    ObjectNode body = JSON.createObjectNode();
    body.put("sync", sync);
    body.put("destination", name);
    return body;
  }

  private void post(String body) throws IOException {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("User-Agent", "contactsync")
        .header("Idempotency-Key", sha256(body))
        .header(TIMESTAMP_HEADER, timestamp)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signingKey != null) request.header(SIGNATURE_HEADER, "sha256=" + hmac(timestamp + "." + body));
    String lastProblem = null;
    for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
      Duration wait;
      HttpResponse<Void> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(label() + ": interrupted");
      } catch (javax.net.ssl.SSLException e) {
        throw new IOException(label() + ": TLS failed (" + e.getClass().getSimpleName()
            + "): check the endpoint's certificate against ca.crt in the credentials Secret");
      } catch (IOException e) {
        // refused, timed out, or closed under the request: the Idempotency-Key makes sending it again safe
        lastProblem = e instanceof ConnectException ? "connection refused"
            : e instanceof HttpTimeoutException ? "timed out" : "connection lost";
        response = null;
      }
      if (response != null) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) return;
        if (status != 429 && status < 500) throw new IOException(label() + " answered HTTP " + status + hint(status));
        lastProblem = "HTTP " + status;
        wait = response.headers().firstValue("Retry-After").map(WebhookDestination::retryAfter).orElse(retries.backoff(attempt));
      } else {
        wait = retries.backoff(attempt);
      }
      if (attempt < retries.attempts()) retries.pause(wait);
    }
    throw new IOException(label() + " still failing after " + retries.attempts() + " attempts (last: " + lastProblem
        + "); the batch will be sent again by the next run");
  }

  private String label() {
    return "destination '" + name + "' (" + target() + ")";
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> ": check signingKey in the credentials Secret and the receiver's settings";
      case 404 -> ": check the URL";
      case 413 -> ": the receiver refuses batches this large";
      default -> "";
    };
  }

  /** Retry-After in seconds or as an HTTP date. */
  static Duration retryAfter(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return Duration.ofSeconds(1);
      }
    }
  }

  private String hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static String sha256(String data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
