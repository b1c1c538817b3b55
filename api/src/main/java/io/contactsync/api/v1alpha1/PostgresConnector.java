package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresConnector extends RemoteConnector {
  @Required
  @Pattern(ApiPatterns.JDBC_POSTGRES_URL)
  @JsonPropertyDescription("JDBC URL, e.g. jdbc:postgresql://pg.example.svc:5432/crm?sslmode=verify-full.")
  private String url;

  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  @JsonPropertyDescription("The table: read from as a source (unless query is set), upserted into as a destination.")
  private String table;

  @Size(max = 8192)
  @JsonPropertyDescription("A source query returning canonical columns; overrides table for reading.")
  private String query;

  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  @JsonPropertyDescription("A column that grows with every change (e.g. updated_at), used for incremental reads.")
  private String cursorColumn;

  @Override
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
  public String getTable() { return table; }
  public void setTable(String table) { this.table = table; }
  public String getQuery() { return query; }
  public void setQuery(String query) { this.query = query; }
  public String getCursorColumn() { return cursorColumn; }
  public void setCursorColumn(String cursorColumn) { this.cursorColumn = cursorColumn; }
}
