package io.contactsync.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.api.v1alpha1.RunCounts;
import io.contactsync.operator.status.Reasons;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard queries only series the operator serves, with the labels it gives them. */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "charts", "contactsync-operator", "files", "grafana", "contactsync-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("contactsync_[a-z_]+");
  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)=\"([^\"]+)\"");

  private static String scrape() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SyncMetrics metrics = new SyncMetrics(registry);
    metrics.watch(Stream::empty);
    RunCounts run = new RunCounts();
    run.setJob("crm-1");
    run.setRead(3L);
    run.setQuarantined(1L);
    ContactSyncStatus succeeded = new ContactSyncStatus();
    succeeded.setLastRun(run);
    metrics.observe(new ContactSyncStatus(), succeeded);
    Condition failed = new Condition();
    failed.setType(Reasons.LAST_RUN_SUCCEEDED);
    failed.setStatus(Condition.Status.False);
    failed.setReason(Reasons.RUN_FAILED);
    failed.setMessage("connection refused");
    ContactSyncStatus failing = new ContactSyncStatus();
    failing.setLastRun(run);
    failing.getConditions().add(failed);
    metrics.observe(succeeded, failing);
    return registry.scrape();
  }

  @Test
  void everyQueryNamesServedSeriesAndEveryPanelSaysWhatItShows() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    String scrape = scrape();
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.path("description").asText()).as("panel %s", panel.get("title")).isNotBlank();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      panel.get("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    }
    assertThat(exprs).isNotEmpty();
    for (String expr : exprs) {
      Matcher metric = METRIC.matcher(expr);
      assertThat(metric.find()).as(expr).isTrue();
      do {
        assertThat(scrape).as("%s in %s", metric.group(), expr).contains("\n" + metric.group() + "{");
      } while (metric.find());
      Matcher label = MATCHER.matcher(expr);
      while (label.find()) {
        assertThat(scrape).as("%s in %s", label.group(), expr).contains(label.group(1) + "=\"" + label.group(2) + "\"");
      }
    }
  }
}
