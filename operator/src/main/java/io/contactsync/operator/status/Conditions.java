package io.contactsync.operator.status;

import io.contactsync.api.v1alpha1.ApiLimits;
import io.contactsync.api.v1alpha1.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds conditions in the metav1.Condition shape; a condition whose status did not change keeps its transition time.
 * A message longer than the schema admits is cut: the API server would refuse the whole status, and the sync would
 * show none (a spec at its size limits, whose violations quote its long values, made such messages).
 */
public final class Conditions {
  static final String CUT = " … (message cut at " + ApiLimits.CONDITION_MESSAGE + " characters)";

  private Conditions() {}

  public static Condition of(List<Condition> previous, String type, Condition.Status status, long generation,
      String reason, String message, Instant now) {
    String transition = previous == null ? null : previous.stream()
        .filter(c -> type.equals(c.getType()) && c.getStatus() == status && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime).findFirst().orElse(null);
    return new Condition(type, status, generation,
        transition != null ? transition : now.truncatedTo(ChronoUnit.SECONDS).toString(), reason, bounded(message));
  }

  static String bounded(String message) {
    if (message == null || message.length() <= ApiLimits.CONDITION_MESSAGE) return message;
    int end = ApiLimits.CONDITION_MESSAGE - CUT.length();
    if (Character.isHighSurrogate(message.charAt(end - 1))) end--; // never half a character
    return message.substring(0, end) + CUT;
  }
}
