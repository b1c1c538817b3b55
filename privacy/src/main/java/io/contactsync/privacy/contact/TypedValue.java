package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/** An email address or phone number with its type (work, home, mobile …). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "value"})
public final class TypedValue {
  private String type;
  private String value;

  public TypedValue() {}

  public TypedValue(String type, String value) {
    this.type = type;
    this.value = value;
  }

  public TypedValue copy() { return new TypedValue(type, value); }

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypedValue t && Objects.equals(type, t.type) && Objects.equals(value, t.value);
  }

  @Override
  public int hashCode() { return Objects.hash(type, value); }
}
