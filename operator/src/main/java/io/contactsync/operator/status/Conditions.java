package io.contactsync.operator.status;

import io.contactsync.api.v1alpha1.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Builds conditions in the metav1.Condition shape; a condition whose status did not change keeps its transition time. */
public final class Conditions {
  private Conditions() {}

  public static Condition of(List<Condition> previous, String type, Condition.Status status, long generation,
      String reason, String message, Instant now) {
    String transition = previous == null ? null : previous.stream()
        .filter(c -> type.equals(c.getType()) && c.getStatus() == status && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime).findFirst().orElse(null);
    return new Condition(type, status, generation,
        transition != null ? transition : now.truncatedTo(ChronoUnit.SECONDS).toString(), reason, message);
  }
}
