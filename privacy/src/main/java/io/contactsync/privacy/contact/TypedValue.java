package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An email address or phone number with its type (work, home, mobile …). {@code type} is the first specific type, as
 * before; {@code types} holds every type the source gave (home and fax), {@code pref} the preference (1 = most
 * preferred, RFC 6350 PREF) and {@code label} a client's own label for it (X-ABLabel).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "types", "value", "pref", "label"})
public final class TypedValue {
  private String type;
  private List<String> types = new ArrayList<>(0);
  private String value;
  private String pref;
  private String label;

  public TypedValue() {}

  public TypedValue(String type, String value) {
    this.type = type;
    this.value = value;
  }

  public TypedValue copy() {
    TypedValue t = new TypedValue(type, value);
    t.types.addAll(types);
    t.pref = pref;
    t.label = label;
    return t;
  }

  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public List<String> getTypes() { return types; }
  public void setTypes(List<String> types) { this.types = types == null ? new ArrayList<>(0) : types; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
  public String getPref() { return pref; }
  public void setPref(String pref) { this.pref = pref; }
  public String getLabel() { return label; }
  public void setLabel(String label) { this.label = label; }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypedValue t && Objects.equals(type, t.type) && Objects.equals(value, t.value)
        && types.equals(t.types) && Objects.equals(pref, t.pref) && Objects.equals(label, t.label);
  }

  @Override
  public int hashCode() { return Objects.hash(type, value); }
}
