package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.PolicyKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** A policy's Tink keysets, one key per purpose (tokenize.json …), as the worker's key loader reads them. */
public final class PolicyKeysSecret {
  private PolicyKeysSecret() {}

  /** A Secret holding the given keys; the caller passes freshly generated keys only when none exist yet. */
  public static Secret desired(PrivacyPolicy policy, PolicyKeys keys) {
    Map<String, String> data = new TreeMap<>();
    keys.serialize().forEach((purpose, json) ->
        data.put(purpose.fileName(), Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withNewMetadata().withName(Names.policyKeysSecret(policy)).withNamespace(policy.getMetadata().getNamespace())
        .withLabels(Names.labels(policy, "keys")).endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }
}
