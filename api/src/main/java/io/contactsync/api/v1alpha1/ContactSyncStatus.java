package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a ContactSync; rebuilt whole by the operator. Never holds contact data or secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContactSyncStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @Size(max = ApiLimits.CONDITIONS)
  @JsonPropertyDescription("Ready, PolicyResolved and LastRunSucceeded, in the metav1.Condition shape; reasons say what to fix.")
  private List<Condition> conditions = new ArrayList<>();

  @Size(max = ApiLimits.SOURCE_SUMMARY)
  @JsonPropertyDescription("The source kind and host, e.g. 'carddav dav.example.com', for kubectl get.")
  private String source;

  @Size(max = ApiLimits.TIMESTAMP)
  @JsonPropertyDescription("When the last run was started (RFC 3339).")
  private String lastScheduleTime;

  @Size(max = ApiLimits.TIMESTAMP)
  @JsonPropertyDescription("When the last successful run finished (RFC 3339).")
  private String lastSuccessfulTime;

  @JsonPropertyDescription("Counts of the last successful run.")
  private RunCounts lastRun;

  @Size(max = ApiLimits.RUN_REQUEST)
  @JsonPropertyDescription("The last contactsync.io/run-requested-at value a run was started for; a new value starts one more.")
  private String lastRunRequest;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public String getSource() { return source; }
  public void setSource(String source) { this.source = source; }
  public String getLastScheduleTime() { return lastScheduleTime; }
  public void setLastScheduleTime(String lastScheduleTime) { this.lastScheduleTime = lastScheduleTime; }
  public String getLastSuccessfulTime() { return lastSuccessfulTime; }
  public void setLastSuccessfulTime(String lastSuccessfulTime) { this.lastSuccessfulTime = lastSuccessfulTime; }
  public RunCounts getLastRun() { return lastRun; }
  public void setLastRun(RunCounts lastRun) { this.lastRun = lastRun; }
  public String getLastRunRequest() { return lastRunRequest; }
  public void setLastRunRequest(String lastRunRequest) { this.lastRunRequest = lastRunRequest; }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ContactSyncStatus)) return false;
    ContactSyncStatus that = (ContactSyncStatus) o;
    return Objects.equals(observedGeneration, that.observedGeneration) && Objects.equals(conditions, that.conditions)
        && Objects.equals(source, that.source) && Objects.equals(lastScheduleTime, that.lastScheduleTime)
        && Objects.equals(lastSuccessfulTime, that.lastSuccessfulTime) && Objects.equals(lastRun, that.lastRun)
        && Objects.equals(lastRunRequest, that.lastRunRequest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, source, lastScheduleTime, lastSuccessfulTime, lastRun, lastRunRequest);
  }
}
