package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;

/** Partial masking: a value shorter than keepFirst + keepLast is masked whole. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskSpec {
  @Default("0")
  @Min(0)
  @Max(64)
  @JsonPropertyDescription("Characters left visible at the start.")
  private Integer keepFirst;

  @Default("0")
  @Min(0)
  @Max(64)
  @JsonPropertyDescription("Characters left visible at the end, e.g. 4 for the last digits of a phone number.")
  private Integer keepLast;

  @Default("\"*\"")
  @Size(min = 1, max = 1)
  @JsonPropertyDescription("The character that replaces hidden characters.")
  private String character;

  public Integer getKeepFirst() { return keepFirst; }
  public void setKeepFirst(Integer keepFirst) { this.keepFirst = keepFirst; }
  public Integer getKeepLast() { return keepLast; }
  public void setKeepLast(Integer keepLast) { this.keepLast = keepLast; }
  public String getCharacter() { return character; }
  public void setCharacter(String character) { this.character = character; }
}
