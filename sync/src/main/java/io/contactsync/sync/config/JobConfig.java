package io.contactsync.sync.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.api.v1alpha1.SyncMode;
import java.util.List;

/**
 * Everything one run needs except secrets: the sync's connectors and, per destination, its resolved policy.
 * The operator renders it into the job ConfigMap; a local run builds it from manifests.
 *
 * @param baseDir the directory relative file paths resolve against (a local run's manifest directory), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobConfig(String namespace, String name, SyncMode mode, DeletePolicy deletes, SourceSpec source,
    List<Destination> destinations, String baseDir) {

  /** A destination with the policy its data passes through. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Destination(String name, PolicyReference policyRef, PrivacyPolicySpec policy, DestinationSpec connector) {}
}
