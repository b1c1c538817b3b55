package io.contactsync.sync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {
  static RunSummary summary() {
    return new RunSummary("team/crm", "Incremental", "2026-11-27T10:00:00Z", 1.5, "file:in.vcf", false, 300,
        Map.of("Unparseable", 1L), 0, List.of(
            new RunSummary.DestinationSummary("a", "/out/a", "team/p", 10, 2, 280, 1, Map.of("InvalidEmail", 6L), 0),
            new RunSummary.DestinationSummary("b", "/out/b", "team/p", 11, 0, 281, 0, Map.of("InvalidEmail", 6L,
                "InvalidPhone", 2L), 3)));
  }

  @Test
  void countsAreSummedOverDestinationsAndTheReportRoundTrips() throws IOException {
    Checkpoint checkpoint = new Checkpoint("f".repeat(64), Map.of("file.sha256", "a".repeat(64)));
    RunReport report = RunReport.of(summary(), checkpoint);
    assertThat(report.created()).isEqualTo(21);
    assertThat(report.deleted()).isEqualTo(1);
    assertThat(report.quarantined()).isEqualTo(15);
    assertThat(report.quarantinedByReason()).containsExactly(Map.entry("InvalidEmail", 12L), Map.entry("InvalidPhone", 2L),
        Map.entry("Unparseable", 1L));
    String json = report.toJson();
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(RunReport.MAX_BYTES);
    assertThat(RunReport.parse(json)).isEqualTo(report);
  }

  @Test
  void aCheckpointTooLargeForATerminationMessageIsAClearError() {
    RunReport report = RunReport.of(summary(), new Checkpoint("x", Map.of("token", "t".repeat(5000))));
    assertThatThrownBy(report::toJson).isInstanceOf(IOException.class)
        .hasMessageContaining("does not fit a termination message");
  }

  @Test
  void textThatIsNoReportParsesToNothing() {
    assertThat(RunReport.parse("contactsync: sync failed: the source file does not exist")).isNull();
    assertThat(RunReport.parse("{\"version\":99}")).isNull();
    assertThat(RunReport.parse("{broken")).isNull();
    assertThat(RunReport.parse(null)).isNull();
  }
}
