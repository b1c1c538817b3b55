package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Formerly: who may see and edit one ContactSync. No longer acted on; plain RBAC grants access instead. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SyncAccess {
  @Size(max = ApiLimits.SUBJECTS)
  @JsonPropertyDescription("Unsupported: must be empty. Bind the contactsync-viewer ClusterRole with a plain "
      + "RoleBinding instead (kubectl create rolebinding NAME --clusterrole=contactsync-viewer --group=G -n NS).")
  private List<Subject> viewers = new ArrayList<>();

  @Size(max = ApiLimits.SUBJECTS)
  @JsonPropertyDescription("Unsupported: must be empty. Bind the contactsync-editor ClusterRole with a plain "
      + "RoleBinding instead (kubectl create rolebinding NAME --clusterrole=contactsync-editor --group=G -n NS).")
  private List<Subject> editors = new ArrayList<>();

  public List<Subject> getViewers() { return viewers; }
  public void setViewers(List<Subject> viewers) { this.viewers = viewers; }
  public List<Subject> getEditors() { return editors; }
  public void setEditors(List<Subject> editors) { this.editors = editors; }
}
