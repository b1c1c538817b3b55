package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresConnector extends RemoteConnector {
  @Required
  @Size(max = ApiLimits.URL)
  @Pattern(ApiPatterns.JDBC_POSTGRES_URL)
  @JsonPropertyDescription("JDBC URL, e.g. jdbc:postgresql://pg.example.svc:5432/crm?sslmode=verify-full.")
  private String url;

  @Size(max = ApiLimits.SQL_IDENTIFIER)
  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  @JsonPropertyDescription("The table: read from as a source (unless query is set), upserted into as a destination.")
  private String table;

  @Size(max = ApiLimits.SQL_QUERY)
  @JsonPropertyDescription("A source query returning canonical columns; overrides table for reading.")
  private String query;

  @Size(max = ApiLimits.SQL_IDENTIFIER)
  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  @JsonPropertyDescription("A column that grows with every change (e.g. updated_at), used for incremental reads.")
  private String cursorColumn;

  @Size(max = ApiLimits.POSTGRES_COLUMNS)
  @JsonPropertyDescription("As a destination: extra text columns filled from fields, besides id (the record id) and contact "
      + "(the whole contact as jsonb).")
  private List<PostgresColumn> columns = new ArrayList<>();

  @Default("false")
  @JsonPropertyDescription("As a destination: create the table (and its columns) when it does not exist.")
  private Boolean createTable;

  @Override
  public String getUrl() { return url; }
  public List<PostgresColumn> getColumns() { return columns; }
  public void setColumns(List<PostgresColumn> columns) { this.columns = columns; }
  public Boolean getCreateTable() { return createTable; }
  public void setCreateTable(Boolean createTable) { this.createTable = createTable; }
  public void setUrl(String url) { this.url = url; }
  public String getTable() { return table; }
  public void setTable(String table) { this.table = table; }
  public String getQuery() { return query; }
  public void setQuery(String query) { this.query = query; }
  public String getCursorColumn() { return cursorColumn; }
  public void setCursorColumn(String cursorColumn) { this.cursorColumn = cursorColumn; }
}
