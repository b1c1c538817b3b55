package io.contactsync.operator.runtime;

import io.contactsync.operator.desired.SealingKeyObjects;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.SealingKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.GeneralSecurityException;

/**
 * The operator's sealing keys as they are now: re-read when the Secret changes (a rotation adds a key while the
 * operator runs), so values sealed with the new public key open without a restart.
 */
public final class SealingKeyring {
  private final KubernetesClient client;
  private final String namespace;
  private SealingKeys keys;
  private String resourceVersion;

  public SealingKeyring(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.keys = SealingKeyStore.loadOrCreate(client, namespace);
  }

  /** The current keys; if the Secret is gone or unreadable, the last good ones (deleting it must not stop syncs). */
  public synchronized SealingKeys current() {
    Secret secret = client.secrets().inNamespace(namespace).withName(Names.SEALING_KEYS_SECRET).get();
    if (secret == null || secret.getMetadata().getResourceVersion().equals(resourceVersion)) return keys;
    String keyset = SealingKeyObjects.keyset(secret);
    if (keyset == null) return keys;
    try {
      keys = SealingKeys.parse(keyset);
      resourceVersion = secret.getMetadata().getResourceVersion();
    } catch (GeneralSecurityException e) {
      // keep the last good keys; the operator logged nothing of the keyset
    }
    return keys;
  }
}
