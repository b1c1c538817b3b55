package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Settings of the Generalize action: set exactly one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneralizeSpec {
  /** How far a date is coarsened. */
  public enum DatePrecision { Year, YearMonth }

  @JsonPropertyDescription("For date fields (birthday, updatedAt): keep only the Year (1815) or YearMonth (1815-12).")
  private DatePrecision date;

  @Min(0)
  @Max(64)
  @JsonPropertyDescription("For text fields such as addresses[].postalCode: keep only this many leading characters.")
  private Integer keepPrefix;

  public DatePrecision getDate() { return date; }
  public void setDate(DatePrecision date) { this.date = date; }
  public Integer getKeepPrefix() { return keepPrefix; }
  public void setKeepPrefix(Integer keepPrefix) { this.keepPrefix = keepPrefix; }
}
