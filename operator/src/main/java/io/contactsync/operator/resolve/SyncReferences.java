package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.RemoteConnector;
import java.util.List;

/** What a ContactSync names that its owner must consent to: the indexes that map a change of one to its syncs. */
public final class SyncReferences {
  private SyncReferences() {}

  /** The Secrets its connectors' credentials.secretRef name, as "namespace/name" (always the sync's namespace). */
  public static List<String> credentialSecrets(ContactSync sync) {
    if (sync.getSpec() == null || sync.getSpec().getDestinations() == null) return List.of();
    return SyncResolver.remoteConnectors(sync).values().stream().map(RemoteConnector::getCredentials)
        .filter(c -> c != null && c.getSecretRef() != null && c.getSecretRef().getName() != null)
        .map(c -> sync.getMetadata().getNamespace() + "/" + c.getSecretRef().getName()).distinct().toList();
  }

  /** The namespaces of the in-cluster Services its connectors connect to. */
  public static List<String> serviceNamespaces(ContactSync sync) {
    if (sync.getSpec() == null || sync.getSpec().getDestinations() == null) return List.of();
    return SyncResolver.remoteConnectors(sync).values().stream().flatMap(c -> SyncResolver.serviceNamespaces(c.getUrl()).stream())
        .distinct().toList();
  }
}
