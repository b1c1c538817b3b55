package io.contactsync.operator.runtime;

import io.contactsync.operator.desired.SealingKeyObjects;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.SealingKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Loads the operator's sealing keys, creating them the first time. Create-if-absent, so replicas starting together
 * agree on one keyset and a restart never replaces it: values sealed once stay openable.
 */
public final class SealingKeyStore {
  private SealingKeyStore() {}

  public static SealingKeys loadOrCreate(KubernetesClient client, String namespace) {
    Secret existing = client.secrets().inNamespace(namespace).withName(Names.SEALING_KEYS_SECRET).get();
    if (existing == null) {
      try {
        existing = client.resource(SealingKeyObjects.secret(namespace, SealingKeys.generate())).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw failure(namespace, "could not be created", e);
        existing = client.secrets().inNamespace(namespace).withName(Names.SEALING_KEYS_SECRET).get();
      }
    }
    String keyset = SealingKeyObjects.keyset(existing);
    if (keyset == null) {
      throw new IllegalStateException("Secret " + namespace + "/" + Names.SEALING_KEYS_SECRET + " holds no "
          + Names.SEALING_KEYSET_KEY + "; restore it from a backup, or delete it to start with new keys "
          + "(values sealed before will no longer open)");
    }
    SealingKeys keys = parse(namespace, keyset);
    publishPublicKey(client, namespace, keys);
    return keys;
  }

  /**
   * Adds a new primary sealing key; the older ones stay, so values sealed before keep opening. Optimistic: a
   * concurrent change of the Secret fails the update instead of losing a key.
   *
   * @return the number of keys now
   */
  public static int rotate(KubernetesClient client, String namespace) {
    Secret existing = client.secrets().inNamespace(namespace).withName(Names.SEALING_KEYS_SECRET).get();
    String keyset = SealingKeyObjects.keyset(existing);
    if (keyset == null) {
      throw new IllegalStateException("there is no Secret " + namespace + "/" + Names.SEALING_KEYS_SECRET
          + " with a keyset to rotate: is the operator running in " + namespace + "?");
    }
    SealingKeys rotated = parse(namespace, keyset).rotate();
    Secret desired = SealingKeyObjects.secret(namespace, rotated);
    desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
    client.resource(desired).update();
    publishPublicKey(client, namespace, rotated);
    return rotated.size();
  }

  private static void publishPublicKey(KubernetesClient client, String namespace, SealingKeys keys) {
    ConfigMap desired = SealingKeyObjects.publicKey(namespace, keys);
    ConfigMap actual = client.configMaps().inNamespace(namespace).withName(Names.SEALING_PUBLIC_KEY_CONFIGMAP).get();
    if (actual != null && Objects.equals(actual.getData(), desired.getData())) return;
    if (actual == null) {
      client.resource(desired).create();
    } else {
      desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
      client.resource(desired).update();
    }
  }

  private static SealingKeys parse(String namespace, String keyset) {
    try {
      return SealingKeys.parse(keyset);
    } catch (GeneralSecurityException e) {
      throw failure(namespace, "does not hold a Tink HPKE keyset", e);
    }
  }

  private static IllegalStateException failure(String namespace, String what, Exception cause) {
    // the cause's message is the API server's or Tink's, never key material
    return new IllegalStateException("the sealing keys Secret " + namespace + "/" + Names.SEALING_KEYS_SECRET + " "
        + what + ": " + cause.getMessage());
  }
}
