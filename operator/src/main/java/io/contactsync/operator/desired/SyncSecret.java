package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.sync.config.KeyScopes;
import io.contactsync.sync.config.SyncValidation;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one Secret a sync pod mounts: the credentials of its endpoints and, per destination, the least key material
 * that produces its outputs, nothing else. A destination's keys are derived from its policy's master keys for the
 * policy's token scope (by default the sync's namespace): Tokenize and Hash keys of that scope only, the public
 * Encrypt keyset (no pod can decrypt), and the record-id key (never scoped, so record ids never change). No master
 * Tokenize or Hash key and no private Encrypt key is ever in it, so a reader of this Secret can open only the tokens
 * its own scope made. Keys are flat (Secret keys cannot hold '/'); the pod's volume maps them back to directories.
 */
public final class SyncSecret {
  private static final String KEYS_PREFIX = "keys.";
  private static final String CREDENTIALS_PREFIX = "credentials.";

  private SyncSecret() {}

  /**
   * @param policies the resolved policies by "namespace/name" (their keys.tokenScope picks the scope)
   * @param policyKeys per policy ("namespace/name"), its keys Secret data (file name to base64 Tink JSON)
   * @param credentials per endpoint ("source" or a destination name), the credential Secret data it needs (base64)
   */
  public static Secret desired(ContactSync sync, Map<String, PrivacyPolicy> policies,
      Map<String, Map<String, String>> policyKeys, Map<String, Map<String, String>> credentials) {
    Map<String, String> data = new TreeMap<>();
    String namespace = sync.getMetadata().getNamespace();
    for (DestinationSpec d : sync.getSpec() == null ? List.<DestinationSpec>of() : sync.getSpec().getDestinations()) {
      if (d.getPrivacyPolicyRef() == null) continue;
      String policyNamespace = SyncValidation.namespaceOf(d.getPrivacyPolicyRef(), namespace);
      String qualified = policyNamespace + "/" + d.getPrivacyPolicyRef().getName();
      Map<String, String> master = policyKeys.get(qualified);
      PrivacyPolicy policy = policies.get(qualified);
      if (master == null || policy == null) continue;
      var scope = KeyScopes.of(KeyScopes.tokenScope(policy.getSpec()), policyNamespace,
          d.getPrivacyPolicyRef().getName(), namespace, sync.getMetadata().getName(), d.getName());
      parse(master, qualified).forScope(scope).serialize().forEach((file, json) -> data.put(
          KEYS_PREFIX + d.getName() + "." + file, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    }
    credentials.forEach((endpoint, values) -> values.forEach((key, value) -> data.put(CREDENTIALS_PREFIX + endpoint + "." + key, value)));
    return new SecretBuilder()
        .withNewMetadata().withName(Names.syncSecret(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "sync")).endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  /** The resolver checked that the keys parse (PolicyKeysMissing otherwise); failing here is a bug. */
  private static PolicyKeys parse(Map<String, String> data, String qualified) {
    try {
      return PolicyKeysSecret.parse(new SecretBuilder().withData(data).build());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the keys of PrivacyPolicy " + qualified + " cannot be read");
    }
  }

  /**
   * Where each key of the Secret appears in the pod: keys/&lt;destination&gt;/&lt;file&gt; (the layout the worker's
   * key loader reads) and credentials/&lt;endpoint&gt;/&lt;key&gt;.
   */
  public static List<KeyToPath> volumeItems(Secret secret) {
    List<KeyToPath> items = new ArrayList<>();
    for (String key : new TreeMap<>(secret.getData() == null ? Map.<String, String>of() : secret.getData()).keySet()) {
      if (key.startsWith(KEYS_PREFIX)) {
        String[] parts = key.substring(KEYS_PREFIX.length()).split("\\.", 2); // destination names hold no '.'
        items.add(item(key, PodPaths.KEYS_SUBDIR + "/" + parts[0] + "/" + parts[1]));
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
