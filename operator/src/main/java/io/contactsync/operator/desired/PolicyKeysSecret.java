package io.contactsync.operator.desired;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.naming.Names;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A policy's master Tink keysets, one file per keyset (tokenize.json, hash.json, encrypt-private.json,
 * record-id.json, and encrypt.json, the AES-GCM keyset of Encrypt before HPKE, where keys were made before it).
 * Only key readers and the operator read it; pods get keys derived from it ({@link SyncSecret}). The keys are made
 * once; afterwards the desired Secret is the actual one, changed only by an explicit rotation request and, once, by
 * adding the HPKE keyset to keys made before Encrypt became HPKE.
 */
public final class PolicyKeysSecret {
  private static final List<KeyPurpose> ROTATED_BY_DEFAULT = List.of(KeyPurpose.TOKENIZE, KeyPurpose.HASH, KeyPurpose.ENCRYPT);

  private PolicyKeysSecret() {}

  /** A Secret holding the given keys. */
  public static Secret desired(PrivacyPolicy policy, PolicyKeys keys) {
    return secret(policy, keys, annotation(policy, Names.ROTATE_KEYS_REQUESTED_AT));
  }

  /**
   * What the keys Secret should be given what exists: new keys when there are none, a rotation when the policy asks
   * for one it has not had, and otherwise exactly what exists, so a reconcile never regenerates key material.
   *
   * @param actual the existing Secret, or null
   * @param generate makes fresh keys (called only when none exist)
   */
  public static Secret desired(PrivacyPolicy policy, Secret actual, Supplier<PolicyKeys> generate) {
    if (actual == null) return desired(policy, generate.get());
    actual = withEncryptKeyset(actual);
    String request = annotation(policy, Names.ROTATE_KEYS_REQUESTED_AT);
    String done = annotation(actual, Names.KEYS_ROTATED_FOR);
    if (request == null || request.equals(done)) return unchanged(policy, actual, done);
    PolicyKeys keys;
    try {
      keys = parse(actual);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return unchanged(policy, actual, done); // never overwrite keys it cannot read: they may be all that opens old data
    }
    for (KeyPurpose purpose : purposes(policy)) keys = keys.rotate(purpose);
    return secret(policy, keys, request);
  }

  /** The purposes a rotation request covers; what {@link #rotationProblems} reports is left out. */
  public static List<KeyPurpose> purposes(PrivacyPolicy policy) {
    String listed = annotation(policy, Names.ROTATE_KEYS);
    if (listed == null || listed.isBlank()) return ROTATED_BY_DEFAULT;
    List<KeyPurpose> out = new ArrayList<>();
    for (String name : listed.split(",")) {
      KeyPurpose purpose = purpose(name.strip());
      if (purpose != null && purpose.rotatable() && !out.contains(purpose)) out.add(purpose);
    }
    return out;
  }

  /** What is wrong with the policy's rotate-keys annotation, for its status. */
  public static List<String> rotationProblems(PrivacyPolicy policy) {
    String listed = annotation(policy, Names.ROTATE_KEYS);
    if (listed == null || listed.isBlank()) return List.of();
    List<String> problems = new ArrayList<>();
    for (String name : listed.split(",")) {
      KeyPurpose purpose = purpose(name.strip());
      if (purpose == null) {
        problems.add("annotation " + Names.ROTATE_KEYS + " names '" + name.strip() + "', which is not a key; use "
            + "tokenize, hash or encrypt");
      } else if (!purpose.rotatable()) {
        problems.add("annotation " + Names.ROTATE_KEYS + " names '" + name.strip() + "', which never rotates: "
            + "destination record ids derive from it, and a new key would duplicate every record");
      }
    }
    return problems;
  }

  private static KeyPurpose purpose(String name) {
    try {
      return KeyPurpose.ofCliName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String annotation(HasMetadata resource, String key) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /**
   * Keys made before Encrypt became HPKE gain the HPKE keyset, once: only that one entry is added, every existing
   * byte stays as it is. A Secret that holds no policy keys at all is left alone.
   */
  private static Secret withEncryptKeyset(Secret actual) {
    Map<String, String> data = actual.getData();
    if (data == null || !data.containsKey(KeyPurpose.TOKENIZE.fileName())
        || data.containsKey(KeyPurpose.ENCRYPT.fileName())) {
      return actual;
    }
    String hpke = PolicyKeys.newEncryptKeyset();
    Map<String, String> added = new TreeMap<>(data);
    added.put(KeyPurpose.ENCRYPT.fileName(), Base64.getEncoder().encodeToString(hpke.getBytes(StandardCharsets.UTF_8)));
    return new SecretBuilder(actual).withData(added).build();
  }

  public static PolicyKeys parse(Secret secret) throws GeneralSecurityException {
    return PolicyKeys.parse(files(secret.getData()));
  }

  /** A keys Secret's data (base64) as Tink JSON by file name. */
  public static Map<String, String> files(Map<String, String> data) {
    Map<String, String> files = new TreeMap<>();
    if (data != null) {
      data.forEach((name, value) -> files.put(name, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    return files;
  }

  private static Secret unchanged(PrivacyPolicy policy, Secret actual, String rotatedFor) {
    return base(policy, rotatedFor).withData(new TreeMap<>(actual.getData() == null ? Map.of() : actual.getData())).build();
  }

  private static Secret secret(PrivacyPolicy policy, PolicyKeys keys, String rotatedFor) {
    Map<String, String> data = new TreeMap<>();
    keys.serialize().forEach((file, json) ->
        data.put(file, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))));
    return base(policy, rotatedFor).withData(data).build();
  }

  private static SecretBuilder base(PrivacyPolicy policy, String rotatedFor) {
    SecretBuilder builder = new SecretBuilder();
    var meta = builder.withNewMetadata().withName(Names.policyKeysSecret(policy))
        .withNamespace(policy.getMetadata().getNamespace()).withLabels(Names.labels(policy, "keys"));
    if (rotatedFor != null) meta.withAnnotations(Map.of(Names.KEYS_ROTATED_FOR, rotatedFor));
    return meta.endMetadata().withType("Opaque");
  }
}
