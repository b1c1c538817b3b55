package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One extra column of a destination table, filled from one field of the contact as it leaves the policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresColumn {
  @Required
  @Size(max = ApiLimits.FIELD_PATH)
  @Pattern("^[A-Za-z][A-Za-z0-9_.\\[\\]-]{0,127}$")
  @JsonPropertyDescription("A field path, indexed for lists: formattedName, emails[0].value, addresses[0].postalCode, custom.crmId.")
  private String field;

  @Required
  @Size(max = ApiLimits.SQL_COLUMN)
  @Pattern("^[a-z_][a-z0-9_]{0,62}$")
  @JsonPropertyDescription("The column (text) it goes into.")
  private String column;

  public PostgresColumn() {}

  public PostgresColumn(String field, String column) {
    this.field = field;
    this.column = column;
  }

  public String getField() { return field; }
  public void setField(String field) { this.field = field; }
  public String getColumn() { return column; }
  public void setColumn(String column) { this.column = column; }
}
