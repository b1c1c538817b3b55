package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** The structured name of a contact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"prefix", "given", "middle", "family", "suffix"})
public final class Name {
  private String prefix;
  private String given;
  private String middle;
  private String family;
  private String suffix;

  public Name() {}

  public Name(String prefix, String given, String middle, String family, String suffix) {
    this.prefix = prefix;
    this.given = given;
    this.middle = middle;
    this.family = family;
    this.suffix = suffix;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return prefix == null && given == null && middle == null && family == null && suffix == null;
  }

  public Name copy() { return new Name(prefix, given, middle, family, suffix); }

  public String getPrefix() { return prefix; }
  public void setPrefix(String prefix) { this.prefix = prefix; }
  public String getGiven() { return given; }
  public void setGiven(String given) { this.given = given; }
  public String getMiddle() { return middle; }
  public void setMiddle(String middle) { this.middle = middle; }
  public String getFamily() { return family; }
  public void setFamily(String family) { this.family = family; }
  public String getSuffix() { return suffix; }
  public void setSuffix(String suffix) { this.suffix = suffix; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Name n && Objects.equals(prefix, n.prefix) && Objects.equals(given, n.given)
        && Objects.equals(middle, n.middle) && Objects.equals(family, n.family) && Objects.equals(suffix, n.suffix);
  }

  @Override
  public int hashCode() { return Objects.hash(prefix, given, middle, family, suffix); }
}
