package io.contactsync.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {
  private static final String NAME = "l".repeat(253) + "-state";

  /** What the API server answered when the operator made the state ConfigMap of a 253-character sync name. */
  private static KubernetesClientException tooLong() {
    String invalid = "Invalid value: \"" + NAME + "\": must be no more than 253 characters";
    return new KubernetesClientException(new StatusBuilder().withCode(422).withReason("Invalid")
        .withMessage("ConfigMap \"" + NAME + "\" is invalid: metadata.name: " + invalid)
        .withNewDetails().withName(NAME).withKind("ConfigMap")
        .addNewCause().withField("metadata.name").withReason("FieldValueInvalid").withMessage(invalid).endCause()
        .endDetails().build());
  }

  @Test
  void aWorkflowFailureNamesEachStepItsHttpStatusAndTheFieldWithoutEchoingTheValue() {
    Map<String, Exception> failed = new LinkedHashMap<>();
    failed.put("state", new KubernetesClientException("Failure executing: POST at: https://127.0.0.1/api/v1/configmaps.",
        tooLong()));
    failed.put("network-policy", new KubernetesClientException(new StatusBuilder().withCode(409).withReason("Conflict")
        .withMessage("Operation cannot be fulfilled").build()));
    var e = new OperatorException(new AggregatedOperatorException("Exception(s) during workflow execution.", failed));

    String summary = FailureSummary.of(e);

    assertThat(summary).isEqualTo("network-policy: HTTP 409 Conflict (Operation cannot be fulfilled); "
        + "state: HTTP 422 Invalid (metadata.name: must be no more than 253 characters)");
  }

  @Test
  void anExceptionWithoutAMessageStillSaysWhatFailed() {
    assertThat(FailureSummary.of(new IllegalStateException())).isEqualTo("IllegalStateException");
    assertThat(FailureSummary.of(new RuntimeException("the sync's Secret could not be built", new NullPointerException())))
        .isEqualTo("NullPointerException: the sync's Secret could not be built");
  }
}
