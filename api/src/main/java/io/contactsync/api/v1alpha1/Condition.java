package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** A status condition in the shape of metav1.Condition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
  /** The three condition statuses. */
  public enum Status { True, False, Unknown }

  @Required
  @Size(max = 316)
  @JsonPropertyDescription("Type of the condition in CamelCase, e.g. Ready, PolicyResolved, LastRunSucceeded.")
  private String type;

  @Required
  @JsonPropertyDescription("True, False or Unknown.")
  private Status status;

  @JsonPropertyDescription("The metadata.generation the condition was set for.")
  private Long observedGeneration;

  @Required
  @Size(max = ApiLimits.TIMESTAMP)
  @JsonPropertyDescription("When the status last changed (RFC 3339).")
  private String lastTransitionTime;

  @Required
  @Size(min = 1, max = 1024)
  @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
  @JsonPropertyDescription("A CamelCase code for why the condition has this status; see docs/troubleshooting.md.")
  private String reason;

  @Size(max = ApiLimits.CONDITION_MESSAGE)
  @JsonPropertyDescription("What happened and what to do about it, for people.")
  private String message;

  public Condition() {}

  public Condition(String type, Status status, Long observedGeneration, String lastTransitionTime, String reason,
      String message) {
    this.type = type;
    this.status = status;
    this.observedGeneration = observedGeneration;
    this.lastTransitionTime = lastTransitionTime;
    this.reason = reason;
    this.message = message;
  }

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public Status getStatus() { return status; }
  public void setStatus(Status status) { this.status = status; }
  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public String getLastTransitionTime() { return lastTransitionTime; }
  public void setLastTransitionTime(String lastTransitionTime) { this.lastTransitionTime = lastTransitionTime; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Condition)) return false;
    Condition that = (Condition) o;
    return Objects.equals(type, that.type) && status == that.status
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(lastTransitionTime, that.lastTransitionTime) && Objects.equals(reason, that.reason)
        && Objects.equals(message, that.message);
  }

  @Override
  public int hashCode() { return Objects.hash(type, status, observedGeneration, lastTransitionTime, reason, message); }
}
