package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Phone number handling. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PhoneValidationSpec {
  /** Phone normalizations. */
  public enum Normalization { E164, None }

  @Default("E164")
  @JsonPropertyDescription("E164 parses and validates every number and writes it as +<country><number>; None leaves numbers as they are.")
  private Normalization normalize;

  @Default("US")
  @Size(max = 2)
  @Pattern(ApiPatterns.REGION)
  @JsonPropertyDescription("ISO 3166-1 region assumed for numbers written without a country code, e.g. US, GB, DE.")
  private String defaultRegion;

  @Default("Quarantine")
  @JsonPropertyDescription("What a number that is not valid for its region does: Quarantine the contact or DropValue.")
  private InvalidValueAction invalid;

  public Normalization getNormalize() { return normalize; }
  public void setNormalize(Normalization normalize) { this.normalize = normalize; }
  public String getDefaultRegion() { return defaultRegion; }
  public void setDefaultRegion(String defaultRegion) { this.defaultRegion = defaultRegion; }
  public InvalidValueAction getInvalid() { return invalid; }
  public void setInvalid(InvalidValueAction invalid) { this.invalid = invalid; }
}
