package io.contactsync.sync.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.contactsync.api.v1alpha1.WebhookConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.Retries;
import io.contactsync.sync.sample.SyntheticContacts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook destination against a real HTTP server on loopback. */
class WebhookIT {
  static final byte[] KEY = "webhook-signing-key".getBytes(StandardCharsets.UTF_8);
  static final Retries FAST = new Retries(4, Duration.ofMillis(20), Duration.ofMillis(200));
  record Received(String body, String timestamp, String signature, String idempotencyKey) {}

  HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();

  /** A receiver answering each request with the next status the supplier gives; 503/429 carry Retry-After: 0. */
  String receiver(IntSupplier statuses) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var h = exchange.getRequestHeaders();
      received.add(new Received(body, h.getFirst(WebhookDestination.TIMESTAMP_HEADER), h.getFirst(WebhookDestination.SIGNATURE_HEADER),
          h.getFirst("Idempotency-Key")));
      int status = statuses.getAsInt();
      if (status == 503 || status == 429) exchange.getResponseHeaders().set("Retry-After", "0");
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  static WebhookDestination destination(String url) throws IOException {
    WebhookConnector spec = new WebhookConnector();
    spec.setUrl(url);
    spec.setAllowInsecureTransport(true);
    return new WebhookDestination("team/crm", "hook", spec, new Credentials(Map.of("signingKey", KEY)), FAST);
  }

  static List<Contact> contacts(int n) {
    List<Contact> list = new ArrayList<>();
    new SyntheticContacts(3, n).forEachRemaining(c -> {
      c.setId("r-" + list.size());
      list.add(c);
    });
    return list;
  }

  static String hmac(String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void batchesArriveSignedWithAnIdempotencyKey() throws Exception {
    WebhookDestination hook = destination(receiver(() -> 200));
    hook.begin();
    hook.upsert(contacts(3));
    hook.delete(List.of("r-9"));
    var counts = hook.commit(false);
    assertThat(counts.created()).isEqualTo(3);
    assertThat(counts.deleted()).isEqualTo(1);
    assertThat(received).hasSize(2);
    for (Received r : received) {
      assertThat(r.signature()).isEqualTo(hmac(r.timestamp() + "." + r.body()));
      assertThat(r.idempotencyKey()).isEqualTo(HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(r.body().getBytes(StandardCharsets.UTF_8))));
      assertThat(Long.parseLong(r.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    }
    JsonNode upserts = new ObjectMapper().readTree(received.get(0).body());
    assertThat(upserts.path("sync").asText()).isEqualTo("team/crm");
    assertThat(upserts.path("upserts")).hasSize(3);
    assertThat(upserts.path("upserts").get(0).path("id").asText()).isEqualTo("r-0");
    assertThat(new ObjectMapper().readTree(received.get(1).body()).path("deletes").get(0).asText()).isEqualTo("r-9");
  }

  @Test
  void unavailableAndRateLimitedAnswersAreRetried() throws Exception {
    AtomicInteger n = new AtomicInteger();
    int[] answers = {503, 429, 502, 200};
    WebhookDestination hook = destination(receiver(() -> answers[Math.min(n.getAndIncrement(), answers.length - 1)]));
    hook.begin();
    hook.upsert(contacts(2));
    assertThat(received).hasSize(4);
    assertThat(received).extracting(Received::idempotencyKey).containsOnly(received.get(0).idempotencyKey());
  }

  @Test
  void aRefusalFailsAtOnceWithAHint() throws Exception {
    WebhookDestination hook = destination(receiver(() -> 401));
    hook.begin();
    assertThatThrownBy(() -> hook.upsert(contacts(1))).isInstanceOf(IOException.class)
        .hasMessage("destination 'hook' (webhook http://127.0.0.1:" + server.getAddress().getPort() + ") answered HTTP 401: "
            + "check signingKey in the credentials Secret and the receiver's settings");
    assertThat(received).hasSize(1);
  }

  @Test
  void aPersistentOutageFailsAfterTheRetriesWithoutLeakingData() throws Exception {
    WebhookDestination hook = destination(receiver(() -> 503));
    hook.begin();
    List<Contact> batch = contacts(1);
    assertThatThrownBy(() -> hook.upsert(batch)).hasMessageContaining("still failing after 4 attempts (last: HTTP 503)")
        .hasMessageNotContaining(batch.get(0).getEmails().get(0).getValue());
    server.stop(0);
    server = null;
    WebhookDestination down = destination("http://127.0.0.1:1/hook");
    down.begin();
    assertThatThrownBy(() -> down.upsert(batch)).hasMessageContaining("(last: connection refused)");
  }

  @Test
  void retryAfterIsReadInSecondsOrAsADate() {
    assertThat(WebhookDestination.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(WebhookDestination.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(WebhookDestination.retryAfter("soon")).isEqualTo(Duration.ofSeconds(1));
  }
}
