package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one Secret a sync pod mounts: the credentials of its endpoints and the keysets of its destinations' policies,
 * nothing else. Keys are flat (Secret keys cannot hold '/'); the pod's volume maps them back to directories.
 */
public final class SyncSecret {
  private static final String KEYS_PREFIX = "keys.";
  private static final String CREDENTIALS_PREFIX = "credentials.";

  private SyncSecret() {}

  /**
   * @param policyKeys per policy ("namespace/name"), its keys Secret data (file name to base64 Tink JSON)
   * @param credentials per endpoint ("source" or a destination name), the credential Secret data it needs (base64)
   */
  public static Secret desired(ContactSync sync, Map<String, Map<String, String>> policyKeys,
      Map<String, Map<String, String>> credentials) {
    Map<String, String> data = new TreeMap<>();
    policyKeys.forEach((policy, files) -> {
      String[] nsName = policy.split("/", 2);
      files.forEach((file, value) -> data.put(KEYS_PREFIX + nsName[0] + "." + nsName[1] + "." + file, value));
    });
    credentials.forEach((endpoint, values) -> values.forEach((key, value) -> data.put(CREDENTIALS_PREFIX + endpoint + "." + key, value)));
    return new SecretBuilder()
        .withNewMetadata().withName(Names.syncSecret(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "sync")).endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  /**
   * Where each key of the Secret appears in the pod: keys/&lt;namespace&gt;/&lt;policy&gt;/&lt;file&gt; (the layout the
   * worker's key loader reads) and credentials/&lt;endpoint&gt;/&lt;key&gt;.
   */
  public static List<KeyToPath> volumeItems(Secret secret) {
    List<KeyToPath> items = new ArrayList<>();
    for (String key : new TreeMap<>(secret.getData() == null ? Map.<String, String>of() : secret.getData()).keySet()) {
      if (key.startsWith(KEYS_PREFIX)) {
        String[] parts = key.substring(KEYS_PREFIX.length()).split("\\.", 3);
        items.add(item(key, PodPaths.KEYS_SUBDIR + "/" + parts[0] + "/" + parts[1] + "/" + parts[2]));
      } else if (key.startsWith(CREDENTIALS_PREFIX)) {
        String[] parts = key.substring(CREDENTIALS_PREFIX.length()).split("\\.", 2);
        items.add(item(key, PodPaths.CREDENTIALS_SUBDIR + "/" + parts[0] + "/" + parts[1]));
      }
    }
    return items;
  }

  private static KeyToPath item(String key, String path) {
    KeyToPath item = new KeyToPath();
    item.setKey(key);
    item.setPath(path);
    return item;
  }
}
