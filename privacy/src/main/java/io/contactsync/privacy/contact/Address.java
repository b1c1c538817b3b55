package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** A postal address. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "street", "locality", "region", "postalCode", "country"})
public final class Address {
  private String type;
  private String street;
  private String locality;
  private String region;
  private String postalCode;
  private String country;

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
    return type == null && street == null && locality == null && region == null && postalCode == null && country == null;
  }

  public Address copy() { return new Address(type, street, locality, region, postalCode, country); }

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
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
        && Objects.equals(postalCode, a.postalCode) && Objects.equals(country, a.country);
  }

  @Override
  public int hashCode() { return Objects.hash(type, street, locality, region, postalCode, country); }
}
