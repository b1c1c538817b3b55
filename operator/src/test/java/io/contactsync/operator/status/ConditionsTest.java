package io.contactsync.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ApiLimits;
import io.contactsync.api.v1alpha1.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aMessageLongerThanTheSchemaAdmitsIsCutSoTheStatusCanStillBeWritten() {
    String violations = "destination 'd' sends to 'x', which PrivacyPolicy p does not allow; ".repeat(1000);
    Condition ready = Conditions.of(List.of(), "Ready", Condition.Status.False, 1, "InvalidSpec", violations, NOW);
    assertThat(ready.getMessage()).hasSize(ApiLimits.CONDITION_MESSAGE).endsWith(Conditions.CUT)
        .startsWith(violations.substring(0, 1000));
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00";
    String message = "x".repeat(ApiLimits.CONDITION_MESSAGE - Conditions.CUT.length() - 1) + emoji.repeat(100);
    String cut = Conditions.bounded(message);
    assertThat(cut).hasSizeLessThanOrEqualTo(ApiLimits.CONDITION_MESSAGE).endsWith("x" + Conditions.CUT);
  }

  @Test
  void aMessageThatFitsIsLeftAsItIs() {
    String message = "y".repeat(ApiLimits.CONDITION_MESSAGE);
    assertThat(Conditions.bounded(message)).isSameAs(message);
  }
}
