package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A further organization of a contact (a second vCard ORG): its name and its units, outermost first. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "units"})
public final class Organization {
  private String name;
  private List<String> units = new ArrayList<>(0);

  public Organization() {}

  public Organization(String name, List<String> units) {
    this.name = name;
    this.units = new ArrayList<>(units);
  }

  public Organization copy() { return new Organization(name, units); }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() { return name == null && units.isEmpty(); }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public List<String> getUnits() { return units; }
  public void setUnits(List<String> units) { this.units = units == null ? new ArrayList<>(0) : units; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Organization g && Objects.equals(name, g.name) && units.equals(g.units);
  }

  @Override
  public int hashCode() { return Objects.hash(name, units); }
}
