package io.contactsync.operator.reconciler;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPatchesTest {
  private static KubernetesClientException answered(int code) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("answered " + code).build());
  }

  @Test
  void aStatusPatchOnlyLandsOnTheVersionItWasComputedFrom() {
    ContactSync read = sync("team", "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    read.getMetadata().setResourceVersion("4711");
    var meta = StatusPatches.metadataOf(read);
    assertThat(meta.getName()).isEqualTo("s");
    assertThat(meta.getNamespace()).isEqualTo("team");
    assertThat(meta.getResourceVersion()).isEqualTo("4711");
  }

  @Test
  void conflictsAloneAreRetriedNotReported() {
    assertThat(StatusPatches.onlyConflicts(answered(409))).isTrue();
    assertThat(StatusPatches.onlyConflicts(new RuntimeException("wrapped", answered(409)))).isTrue();
    assertThat(StatusPatches.onlyConflicts(new AggregatedOperatorException("dependents",
        Map.of("secret", answered(409), "network-policy", new RuntimeException(answered(409)))))).isTrue();
  }

  @Test
  void anyOtherFailureIsReported() {
    assertThat(StatusPatches.onlyConflicts(answered(403))).isFalse();
    assertThat(StatusPatches.onlyConflicts(new RuntimeException(new IOException("connection refused")))).isFalse();
    assertThat(StatusPatches.onlyConflicts(new AggregatedOperatorException("dependents",
        Map.of("secret", answered(409), "cron-job", answered(500))))).isFalse();
    assertThat(StatusPatches.onlyConflicts(new AggregatedOperatorException("dependents", Map.of()))).isFalse();
  }
}
