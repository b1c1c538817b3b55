package io.contactsync.operator.status;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSyncStatus;
import io.contactsync.api.v1alpha1.PrivacyPolicyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The Events a status change deserves: one per changed condition or new run. Nothing changes, nothing is said. */
public final class StatusEvents {
  /** An Event to record: type Normal or Warning, a CamelCase reason, and the condition's own message. */
  public record Note(String type, String reason, String message) {}

  private StatusEvents() {}

  public static List<Note> between(ContactSyncStatus before, ContactSyncStatus after) {
    List<Note> notes = new ArrayList<>();
    List<Condition> old = before == null ? List.of() : before.getConditions();
    changed(old, after.getConditions(), Reasons.READY).ifPresent(notes::add);
    Condition run = find(after.getConditions(), Reasons.LAST_RUN_SUCCEEDED);
    Condition oldRun = find(old, Reasons.LAST_RUN_SUCCEEDED);
    if (run != null && run.getStatus() != Condition.Status.Unknown
        && (oldRun == null || !Objects.equals(oldRun.getMessage(), run.getMessage()))) {
      notes.add(note(run));
    }
    String request = after.getLastRunRequest();
    if (request != null && !request.equals(before == null ? null : before.getLastRunRequest())) {
      notes.add(new Note("Normal", "RunRequested", "started a run for contactsync.io/run-requested-at=" + request));
    }
    return notes;
  }

  public static List<Note> between(PrivacyPolicyStatus before, PrivacyPolicyStatus after) {
    List<Note> notes = new ArrayList<>();
    changed(before == null ? List.of() : before.getConditions(), after.getConditions(), Reasons.READY).ifPresent(notes::add);
    return notes;
  }

  private static Optional<Note> changed(List<Condition> before, List<Condition> after, String type) {
    Condition now = find(after, type);
    Condition then = find(before, type);
    if (now == null || (then != null && then.getStatus() == now.getStatus() && Objects.equals(then.getReason(), now.getReason()))) {
      return Optional.empty();
    }
    return Optional.of(note(now));
  }

  private static Note note(Condition c) {
    return new Note(c.getStatus() == Condition.Status.False ? "Warning" : "Normal", c.getReason(), c.getMessage());
  }

  private static Condition find(List<Condition> conditions, String type) {
    return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
