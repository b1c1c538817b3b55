package io.contactsync.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.api.v1alpha1.RunCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The operator's HTTP endpoints, over real HTTP on loopback. */
class HealthAndMetricsServerTest {
  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsAndProbesAnswer() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SyncMetrics metrics = new SyncMetrics(registry);
    metrics.watch(Stream::empty);
    RunCounts run = new RunCounts();
    run.setJob("crm-1");
    run.setRead(300L);
    run.setCreated(288L);
    run.setQuarantined(12L);
    ContactSyncStatus after = new ContactSyncStatus();
    after.setLastRun(run);
    metrics.observe(new ContactSyncStatus(), after);
    metrics.observe(after, after);
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HealthAndMetricsServer server = new HealthAndMetricsServer("127.0.0.1", 0, registry, () -> true, ready::get)) {
      assertThat(server.address().getAddress().isLoopbackAddress()).as("tests listen on 127.0.0.1 only").isTrue();
      String scrape = get(server.port(), "/metrics").body();
      assertThat(scrape).contains("contactsync_runs_total{outcome=\"succeeded\"} 1.0",
          "contactsync_contacts_total{kind=\"read\"} 300.0", "contactsync_contacts_total{kind=\"quarantined\"} 12.0",
          "contactsync_syncs{state=\"ready\"} 0.0");
      assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);
    }
  }
}
