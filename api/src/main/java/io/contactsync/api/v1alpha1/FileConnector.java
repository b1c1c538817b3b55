package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class FileConnector {
  @Required
  @Size(min = 1, max = ApiLimits.FILE_PATH)
  @JsonPropertyDescription("Path of the file; a relative path is resolved against the directory of the manifest.")
  private String path;

  @JsonPropertyDescription("Jsonl, Csv or Vcard; by default taken from the extension (.jsonl, .csv, .vcf).")
  private FileFormat format;

  public FileConnector() {}

  public FileConnector(String path) { this.path = path; }

  public String getPath() { return path; }
  public void setPath(String path) { this.path = path; }
  public FileFormat getFormat() { return format; }
  public void setFormat(FileFormat format) { this.format = format; }
}
