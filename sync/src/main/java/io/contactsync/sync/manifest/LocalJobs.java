package io.contactsync.sync.manifest;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.sync.config.ConfigurationException;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.config.SyncValidation;
import io.contactsync.sync.config.Violation;
import io.contactsync.sync.manifest.Manifests.Located;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns manifests into the job a local run executes, after the same checks the operator makes. */
public final class LocalJobs {
  private LocalJobs() {}

  /**
   * @param name which ContactSync to run; may be null when the manifests hold exactly one
   */
  public static JobConfig build(Manifests.Loaded loaded, String name) throws ConfigurationException {
    Located<ContactSync> located = pick(loaded.syncs(), name);
    ContactSync sync = located.object();
    List<Violation> violations = SyncValidation.violations(sync, ref -> find(loaded.policies(), ref));
    if (!violations.isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (Violation v : violations) lines.add("ContactSync " + qualified(sync) + ": " + v);
      throw new ConfigurationException(lines);
    }
    String namespace = sync.getMetadata().getNamespace();
    List<JobConfig.Destination> destinations = new ArrayList<>();
    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      PolicyReference ref = new PolicyReference(d.getPrivacyPolicyRef().getName(),
          SyncValidation.namespaceOf(d.getPrivacyPolicyRef(), namespace));
      destinations.add(new JobConfig.Destination(d.getName(), ref, find(loaded.policies(), ref).getSpec(), d));
    }
    return new JobConfig(namespace, sync.getMetadata().getName(),
        Objects.requireNonNullElse(sync.getSpec().getMode(), SyncMode.Incremental),
        Objects.requireNonNullElse(sync.getSpec().getDeletes(), DeletePolicy.Propagate), sync.getSpec().getSource(),
        destinations, located.directory().toString());
  }

  private static Located<ContactSync> pick(List<Located<ContactSync>> syncs, String name) throws ConfigurationException {
    if (syncs.isEmpty()) throw new ConfigurationException("no ContactSync in the given manifests");
    if (name == null) {
      if (syncs.size() == 1) return syncs.get(0);
      throw new ConfigurationException("the manifests hold " + syncs.size() + " ContactSyncs ("
          + String.join(", ", syncs.stream().map(s -> qualified(s.object())).toList()) + "); choose one with --name");
    }
    return syncs.stream().filter(s -> name.equals(s.object().getMetadata().getName())).findFirst()
        .orElseThrow(() -> new ConfigurationException("no ContactSync named '" + name + "' in the given manifests"));
  }

  private static PrivacyPolicy find(List<Located<PrivacyPolicy>> policies, PolicyReference ref) {
    return policies.stream().map(Located::object)
        .filter(p -> ref.getName().equals(p.getMetadata().getName()) && ref.getNamespace().equals(p.getMetadata().getNamespace()))
        .findFirst().orElse(null);
  }

  private static String qualified(ContactSync sync) {
    return sync.getMetadata().getNamespace() + "/" + sync.getMetadata().getName();
  }
}
