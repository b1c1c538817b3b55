package io.contactsync.operator.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver as an automation platform keeps one: it applies upserts and deletes to its records (record id
 * to family name) and drops a repeated Idempotency-Key. A test decides the HTTP status of each request by its number
 * (from 1); 429 comes with Retry-After: 1.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, String> records = new ConcurrentHashMap<>();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile IntUnaryOperator status = n -> 200;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void answer(IntUnaryOperator statusByRequest) {
    this.status = statusByRequest;
  }

  Map<String, String> records() {
    return Map.copyOf(records);
  }

  int requests() {
    return requests.get();
  }

  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    int code = status.applyAsInt(requests.incrementAndGet());
    if (code == 200) {
      if (keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
        JsonNode batch = JSON.readTree(body);
        for (JsonNode c : batch.path("upserts")) records.put(c.path("id").asText(), c.path("name").path("family").asText(""));
        for (JsonNode id : batch.path("deletes")) records.remove(id.asText());
      }
    } else {
      refused.incrementAndGet();
      if (code == 429) exchange.getResponseHeaders().set("Retry-After", "1");
    }
    exchange.sendResponseHeaders(code, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
