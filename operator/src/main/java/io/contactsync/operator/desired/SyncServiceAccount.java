package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** The sync pods' identity: no API token, since a sync pod needs no Kubernetes API access at all. */
public final class SyncServiceAccount {
  private SyncServiceAccount() {}

  public static ServiceAccount desired(ContactSync sync) {
    return new ServiceAccountBuilder()
        .withNewMetadata().withName(Names.serviceAccount(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "sync")).endMetadata()
        .withAutomountServiceAccountToken(false)
        .build();
  }
}
