package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Who may see and edit one ContactSync. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncAccess {
  @JsonPropertyDescription("Subjects bound to the contactsync-viewer ClusterRole for this sync: read its spec, status and runs.")
  private List<Subject> viewers = new ArrayList<>();

  @JsonPropertyDescription("Subjects bound to the contactsync-editor ClusterRole for this sync: also change it and request runs.")
  private List<Subject> editors = new ArrayList<>();

  public List<Subject> getViewers() { return viewers; }
  public void setViewers(List<Subject> viewers) { this.viewers = viewers; }
  public List<Subject> getEditors() { return editors; }
  public void setEditors(List<Subject> editors) { this.editors = editors; }
}
