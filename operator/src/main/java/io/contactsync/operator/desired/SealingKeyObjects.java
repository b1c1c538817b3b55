package io.contactsync.operator.desired;

import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.SealingKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The operator's sealing keys as objects in its namespace: the private keyset in a Secret, the public one beside it. */
public final class SealingKeyObjects {
  private SealingKeyObjects() {}

  public static Secret secret(String namespace, SealingKeys keys) {
    return new SecretBuilder()
        .withNewMetadata().withName(Names.SEALING_KEYS_SECRET).withNamespace(namespace)
        .withLabels(Names.operatorLabels("sealing-keys")).endMetadata()
        .withType("Opaque")
        .withData(Map.of(Names.SEALING_KEYSET_KEY,
            Base64.getEncoder().encodeToString(keys.serialize().getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  public static ConfigMap publicKey(String namespace, SealingKeys keys) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(Names.SEALING_PUBLIC_KEY_CONFIGMAP).withNamespace(namespace)
        .withLabels(Names.operatorLabels("sealing-keys")).endMetadata()
        .withData(Map.of(Names.SEALING_PUBLIC_KEYSET_KEY, keys.publicKeyset()))
        .build();
  }

  /** The keyset a Secret holds, or null when it holds none. */
  public static String keyset(Secret secret) {
    String data = secret == null || secret.getData() == null ? null : secret.getData().get(Names.SEALING_KEYSET_KEY);
    return data == null ? null : new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
  }
}
