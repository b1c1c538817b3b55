package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContactSyncSpec {
  @Required
  @Size(max = ApiLimits.SCHEDULE)
  @Pattern(ApiPatterns.CRON)
  @JsonPropertyDescription("When to run, in cron syntax (five fields, e.g. \"*/30 * * * *\") or a macro such as @hourly.")
  private String schedule;

  @Size(max = ApiLimits.TIME_ZONE)
  @JsonPropertyDescription("IANA time zone the schedule is read in, e.g. Europe/Berlin. Defaults to the cluster's (usually UTC).")
  private String timeZone;

  @Default("false")
  @JsonPropertyDescription("Stop scheduling new runs; a run in progress finishes. Nothing is deleted.")
  private Boolean suspend;

  @Default("Incremental")
  @JsonPropertyDescription("Incremental reads only what changed since the last successful run; Full reads the whole source every run.")
  private SyncMode mode;

  @Default("Propagate")
  @JsonPropertyDescription("Propagate deletes a destination record when its source contact is deleted; Ignore keeps it.")
  private DeletePolicy deletes;

  @Default("3")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("How many times a failed run is retried before it counts as failed.")
  private Integer retries;

  @Size(max = ApiLimits.DURATION)
  @Default("30m")
  @Pattern(ApiPatterns.DURATION)
  @JsonPropertyDescription("Longest a run may take before it is stopped and counted as failed, e.g. 90s, 30m, 1h.")
  private String timeout;

  @SchemaFrom(type = ResourcesSchema.class)
  @JsonPropertyDescription("CPU and memory requests and limits of the sync pod, as in a container's resources.")
  private ResourceRequirements resources;

  @Required
  @JsonPropertyDescription("Where contacts are read from: exactly one connector block.")
  private SourceSpec source;

  @Required
  @Size(min = 1, max = ApiLimits.DESTINATIONS)
  @JsonPropertyDescription("Where contacts are written to, each through its own PrivacyPolicy.")
  private List<DestinationSpec> destinations = new ArrayList<>();

  @JsonPropertyDescription("Unsupported; kept in the schema for now. The operator makes no RoleBindings from it: a "
      + "sync that lists viewers or editors is Ready=False (AccessBindingsUnsupported). Give people access with a plain "
      + "RoleBinding to the shipped contactsync-viewer or contactsync-editor ClusterRole.")
  private SyncAccess access;

  @Size(max = 32)
  @JsonPropertyDescription("Extra egress the sync pods may use besides DNS and the declared endpoints, which the operator "
      + "allows by itself (in-cluster Services by their pods, external hosts by their resolved addresses).")
  private List<EgressRule> egress = new ArrayList<>();

  public String getSchedule() { return schedule; }
  public void setSchedule(String schedule) { this.schedule = schedule; }
  public String getTimeZone() { return timeZone; }
  public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
  public Boolean getSuspend() { return suspend; }
  public void setSuspend(Boolean suspend) { this.suspend = suspend; }
  public SyncMode getMode() { return mode; }
  public void setMode(SyncMode mode) { this.mode = mode; }
  public DeletePolicy getDeletes() { return deletes; }
  public void setDeletes(DeletePolicy deletes) { this.deletes = deletes; }
  public Integer getRetries() { return retries; }
  public void setRetries(Integer retries) { this.retries = retries; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
  public ResourceRequirements getResources() { return resources; }
  public void setResources(ResourceRequirements resources) { this.resources = resources; }
  public SourceSpec getSource() { return source; }
  public void setSource(SourceSpec source) { this.source = source; }
  public List<DestinationSpec> getDestinations() { return destinations; }
  public void setDestinations(List<DestinationSpec> destinations) { this.destinations = destinations; }
  public SyncAccess getAccess() { return access; }
  public void setAccess(SyncAccess access) { this.access = access; }
  public List<EgressRule> getEgress() { return egress; }
  public void setEgress(List<EgressRule> egress) { this.egress = egress; }
}
