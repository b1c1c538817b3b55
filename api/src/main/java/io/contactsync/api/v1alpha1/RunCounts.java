package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Counts of one run, summed over the destinations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunCounts {
  @Size(max = ApiLimits.OBJECT_NAME)
  @JsonPropertyDescription("The Job of the run these counts belong to.")
  private String job;
  @Size(max = ApiLimits.TIMESTAMP)
  @JsonPropertyDescription("When the run finished (RFC 3339).")
  private String finishedAt;
  @JsonPropertyDescription("Contacts read from the source.")
  private Long read;
  @JsonPropertyDescription("Destination records created.")
  private Long created;
  @JsonPropertyDescription("Destination records updated.")
  private Long updated;
  @JsonPropertyDescription("Destination records deleted.")
  private Long deleted;
  @JsonPropertyDescription("Contacts held back because they failed validation; see the run's reasons.")
  private Long quarantined;
  @JsonPropertyDescription("How long the run took, in seconds.")
  private Double durationSeconds;

  public String getJob() { return job; }
  public void setJob(String job) { this.job = job; }
  public String getFinishedAt() { return finishedAt; }
  public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
  public Long getRead() { return read; }
  public void setRead(Long read) { this.read = read; }
  public Long getCreated() { return created; }
  public void setCreated(Long created) { this.created = created; }
  public Long getUpdated() { return updated; }
  public void setUpdated(Long updated) { this.updated = updated; }
  public Long getDeleted() { return deleted; }
  public void setDeleted(Long deleted) { this.deleted = deleted; }
  public Long getQuarantined() { return quarantined; }
  public void setQuarantined(Long quarantined) { this.quarantined = quarantined; }
  public Double getDurationSeconds() { return durationSeconds; }
  public void setDurationSeconds(Double durationSeconds) { this.durationSeconds = durationSeconds; }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof RunCounts)) return false;
    RunCounts that = (RunCounts) o;
    return Objects.equals(job, that.job) && Objects.equals(finishedAt, that.finishedAt) && Objects.equals(read, that.read) && Objects.equals(created, that.created) && Objects.equals(updated, that.updated)
        && Objects.equals(deleted, that.deleted) && Objects.equals(quarantined, that.quarantined)
        && Objects.equals(durationSeconds, that.durationSeconds);
  }

  @Override
  public int hashCode() { return Objects.hash(job, finishedAt, read, created, updated, deleted, quarantined, durationSeconds); }
}
