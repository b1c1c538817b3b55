package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A postal address. {@code street} is the street address alone; the post office box and the extended address
 * (apartment, suite) are parts of their own. {@code types}, {@code pref} and {@code label} as in TypedValue.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "types", "poBox", "extended", "street", "locality", "region", "postalCode", "country",
    "pref", "label"})
public final class Address {
  private String type;
  private List<String> types = new ArrayList<>(0);
  private String poBox;
  private String extended;
  private String street;
  private String locality;
  private String region;
  private String postalCode;
  private String country;
  private String pref;
  private String label;

  public Address() {}

  public Address(String type, String street, String locality, String region, String postalCode, String country) {
    this.type = type;
    this.street = street;
    this.locality = locality;
    this.region = region;
    this.postalCode = postalCode;
    this.country = country;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return type == null && types.isEmpty() && poBox == null && extended == null && pref == null && label == null
        && street == null && locality == null && region == null && postalCode == null && country == null;
  }

  public Address copy() {
    Address a = new Address(type, street, locality, region, postalCode, country);
    a.types.addAll(types);
    a.poBox = poBox;
    a.extended = extended;
    a.pref = pref;
    a.label = label;
    return a;
  }

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public List<String> getTypes() { return types; }
  public void setTypes(List<String> types) { this.types = types == null ? new ArrayList<>(0) : types; }
  public String getPoBox() { return poBox; }
  public void setPoBox(String poBox) { this.poBox = poBox; }
  public String getExtended() { return extended; }
  public void setExtended(String extended) { this.extended = extended; }
  public String getPref() { return pref; }
  public void setPref(String pref) { this.pref = pref; }
  public String getLabel() { return label; }
  public void setLabel(String label) { this.label = label; }
  public String getStreet() { return street; }
  public void setStreet(String street) { this.street = street; }
  public String getLocality() { return locality; }
  public void setLocality(String locality) { this.locality = locality; }
  public String getRegion() { return region; }
  public void setRegion(String region) { this.region = region; }
  public String getPostalCode() { return postalCode; }
  public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
  public String getCountry() { return country; }
  public void setCountry(String country) { this.country = country; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Objects.equals(type, a.type) && Objects.equals(street, a.street)
        && Objects.equals(locality, a.locality) && Objects.equals(region, a.region)
        && Objects.equals(postalCode, a.postalCode) && Objects.equals(country, a.country) && types.equals(a.types)
        && Objects.equals(poBox, a.poBox) && Objects.equals(extended, a.extended) && Objects.equals(pref, a.pref)
        && Objects.equals(label, a.label);
  }

  @Override
  public int hashCode() { return Objects.hash(type, street, locality, region, postalCode, country); }
}
