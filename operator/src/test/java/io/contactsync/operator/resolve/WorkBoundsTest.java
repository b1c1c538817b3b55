package io.contactsync.operator.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSyncSpec;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Durations;
import io.contactsync.sync.config.Violation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkBoundsTest {
  private static final AdminBounds DEFAULTS = AdminBounds.DEFAULTS;

  private static ContactSyncSpec spec(String schedule) {
    ContactSyncSpec spec = new ContactSyncSpec();
    spec.setSchedule(schedule);
    spec.setTimeout("30m");
    return spec;
  }

  private static AdminBounds withMinInterval(String interval) {
    AdminBounds d = DEFAULTS;
    return new AdminBounds(d.deniedCidrs(), d.allowedCidrs(), d.denyApiServer(), d.allowedNamespaces(),
        Durations.parse(interval), d.maxCpu(), d.maxMemory(), d.maxRunTimeout(), d.finishedJobTtl());
  }

  private static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
    ResourceRequirements r = new ResourceRequirements();
    if (requests != null) r.setRequests(quantities(requests));
    if (limits != null) r.setLimits(quantities(limits));
    return r;
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, new Quantity(v)));
    return out;
  }

  @Test
  void aSyncWithinTheDefaultsHasNoViolation() {
    ContactSyncSpec spec = spec("*/5 * * * *");
    spec.setTimeout("24h");
    spec.setResources(resources(Map.of("cpu", "2", "memory", "4Gi"), Map.of("cpu", "2000m", "memory", "4096Mi")));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).isEmpty();
    assertThat(WorkBounds.violations(spec("@hourly"), DEFAULTS)).isEmpty();
    assertThat(WorkBounds.violations(null, DEFAULTS)).isEmpty();
  }

  @Test
  void aScheduleMoreFrequentThanTheAdminAllowsIsRefusedNamingTheSetting() {
    for (String schedule : List.of("* * * * *", "*/2 * * * *", "0,59 * * * *", "*/4 * * * *")) {
      assertThat(WorkBounds.violations(spec(schedule), DEFAULTS)).as(schedule).singleElement().satisfies(v -> {
        assertThat(v.reason()).isEqualTo("ScheduleTooFrequent");
        assertThat(v.message()).contains("spec.schedule '" + schedule + "'", "every 5m",
            "syncBounds.minScheduleInterval", "--min-schedule-interval");
      });
    }
    assertThat(WorkBounds.violations(spec("0,59 * * * *"), DEFAULTS).get(0).message()).contains("as often as every 1m;");
    assertThat(WorkBounds.violations(spec("@hourly"), withMinInterval("2h"))).extracting(Violation::reason)
        .containsExactly("ScheduleTooFrequent");
    assertThat(WorkBounds.violations(spec("* * * * *"), withMinInterval("1m"))).isEmpty();
    assertThat(WorkBounds.violations(spec("not a schedule"), DEFAULTS)).as("validation reports it").isEmpty();
  }

  @Test
  void aTimeoutAboveTheAdminsMaximumIsRefusedAndOneThatDoesNotParseIsInvalid() {
    ContactSyncSpec spec = spec("@daily");
    spec.setTimeout("24h1s");
    assertThat(WorkBounds.violations(spec, DEFAULTS)).singleElement().satisfies(v -> {
      assertThat(v.reason()).isEqualTo("TimeoutTooLong");
      assertThat(v.message()).contains("spec.timeout 24h1s", "24h", "syncBounds.maxRunTimeout", "--max-run-timeout");
    });
    spec.setTimeout("99999999999999999999s");
    assertThat(WorkBounds.violations(spec, DEFAULTS)).singleElement().satisfies(v -> {
      assertThat(v.reason()).isEqualTo("InvalidSpec");
      assertThat(v.message()).startsWith("spec.timeout: ").contains("at most 9 digits");
    });
    spec.setTimeout(null); // the CRD's default
    assertThat(WorkBounds.violations(spec, DEFAULTS)).isEmpty();
  }

  @Test
  void resourcesAboveTheAdminsMaximumAreRefusedEachNamingItsFlag() {
    ContactSyncSpec spec = spec("@daily");
    spec.setResources(resources(Map.of("cpu", "64", "memory", "256Gi"), Map.of("cpu", "64", "memory", "256Gi")));
    List<Violation> violations = WorkBounds.violations(spec, DEFAULTS);
    assertThat(violations).extracting(Violation::reason).containsOnly("ResourcesTooLarge").hasSize(4);
    assertThat(violations).extracting(Violation::message).anySatisfy(m -> assertThat(m).contains(
        "spec.resources.requests.cpu 64 is above the 2 ", "syncBounds.maxResources.cpu", "--max-sync-cpu"))
        .anySatisfy(m -> assertThat(m).contains("spec.resources.limits.memory 256Gi is above the 4Gi ",
            "syncBounds.maxResources.memory", "--max-sync-memory"));
    spec.setResources(resources(Map.of("cpu", "2001m"), null));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).extracting(Violation::reason).containsExactly("ResourcesTooLarge");
    spec.setResources(resources(null, Map.of("memory", "4Gi")));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).isEmpty();
    spec.setResources(resources(null, Map.of("memory", "4294967297")));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).extracting(Violation::reason).containsExactly("ResourcesTooLarge");
  }

  @Test
  void aRequestAboveItsLimitOtherResourcesAndUnreadableQuantitiesAreInvalid() {
    ContactSyncSpec spec = spec("@daily");
    spec.setResources(resources(Map.of("memory", "1Gi", "cpu", "500m"), Map.of("memory", "512Mi", "cpu", "1")));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).singleElement().satisfies(v -> {
      assertThat(v.reason()).isEqualTo("InvalidSpec");
      assertThat(v.message()).isEqualTo("spec.resources.requests.memory 1Gi is above spec.resources.limits.memory 512Mi:"
          + " a request may not exceed its limit");
    });
    spec.setResources(resources(Map.of("nvidia.com/gpu", "8", "ephemeral-storage", "1Ti", "cpu", "1e1", "memory", "-1Gi"),
        Map.of("hugepages-2Mi", "1Gi", "memory", "1.5.5Gi")));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).extracting(Violation::message).containsExactlyInAnyOrder(
        "spec.resources.requests.ephemeral-storage is not a resource a sync pod may ask for: use cpu and memory",
        "spec.resources.requests.nvidia.com/gpu is not a resource a sync pod may ask for: use cpu and memory",
        "spec.resources.requests.memory '-1Gi' is not a quantity such as 500m, 2 or 4Gi",
        "spec.resources.limits.hugepages-2Mi is not a resource a sync pod may ask for: use cpu and memory",
        "spec.resources.limits.memory '1.5.5Gi' is not a quantity such as 500m, 2 or 4Gi",
        "spec.resources.requests.cpu 1e1 is above the 2 the cluster admin allows a sync pod (chart value"
            + " syncBounds.maxResources.cpu, operator flag --max-sync-cpu): ask for less");
  }

  @Test
  void everyViolationIsReturned() {
    ContactSyncSpec spec = spec("* * * * *");
    spec.setTimeout("48h");
    spec.setResources(resources(Map.of("cpu", "3"), null));
    assertThat(WorkBounds.violations(spec, DEFAULTS)).extracting(Violation::reason)
        .containsExactly("ScheduleTooFrequent", "TimeoutTooLong", "ResourcesTooLarge");
  }
}
