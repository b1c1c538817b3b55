package io.contactsync.operator.naming;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place object names, labels and selectors come from; NetworkPolicies, bindings and watches reuse them.
 */
public final class Names {
  public static final String SYNC_LABEL = "contactsync.io/sync";
  public static final String POLICY_LABEL = "contactsync.io/policy";
  public static final String RUN_REQUESTED_AT = "contactsync.io/run-requested-at";
  public static final String RUN_REQUEST_LABEL = "contactsync.io/run-request";
  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  public static final String APP = "contactsync";
  public static final String MANAGER = "contactsync-operator";
  public static final String VIEWER_CLUSTER_ROLE = "contactsync-viewer";
  public static final String EDITOR_CLUSTER_ROLE = "contactsync-editor";
  /** On a PrivacyPolicy: set (to a new value, e.g. a timestamp) to rotate its keys once per value. */
  public static final String ROTATE_KEYS_REQUESTED_AT = "contactsync.io/rotate-keys-requested-at";
  /** On a PrivacyPolicy: which keys a rotation adds a new primary to; default tokenize,hash,encrypt. */
  public static final String ROTATE_KEYS = "contactsync.io/rotate-keys";
  /** On a policy's keys Secret: the rotation request it has carried out. */
  public static final String KEYS_ROTATED_FOR = "contactsync.io/keys-rotated-for";

  /**
   * On a Secret: its writer lets ContactSyncs of the Secret's namespace use it as credentials (value
   * {@link #CREDENTIALS_ALLOWED}). Only someone who may write the Secret can set it; naming a Secret in a spec is not enough.
   */
  public static final String CREDENTIALS_LABEL = "contactsync.io/credentials";
  public static final String CREDENTIALS_ALLOWED = "allowed";
  /** On a consented Secret, optional: the names of the ContactSyncs that may use it, comma-separated. */
  public static final String ALLOWED_SYNCS_ANNOTATION = "contactsync.io/allowed-syncs";
  /** On a consented Secret, optional: the hosts its values may be sent to (as in access.destinations: exact or *.suffix). */
  public static final String ALLOWED_HOSTS_ANNOTATION = "contactsync.io/allowed-hosts";
  /** On a Namespace: the namespaces (comma-separated, or *) whose ContactSyncs may connect to its Services. */
  public static final String ACCEPTS_SYNCS_FROM_ANNOTATION = "contactsync.io/accepts-syncs-from";

  /** The operator's sealing keyset, in its own namespace: created once, never regenerated. */
  public static final String SEALING_KEYS_SECRET = "contactsync-sealing-keys";
  public static final String SEALING_KEYSET_KEY = "keyset.json";
  /** The public half, for anyone who seals credentials. */
  public static final String SEALING_PUBLIC_KEY_CONFIGMAP = "contactsync-sealing-public-key";
  public static final String SEALING_PUBLIC_KEYSET_KEY = "public-keyset.json";
  /** The Service (and Endpoints) by which pods reach the API server, in every cluster. */
  public static final String API_SERVER_NAMESPACE = "default";
  public static final String API_SERVER_SERVICE = "kubernetes";

  /** Selects every object the operator manages, for its informers. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGER;
  public static final String SYNC_COMPONENT_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT_LABEL + "=sync";
  public static final String STATE_COMPONENT_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT_LABEL + "=state";
  public static final String ACCESS_COMPONENT_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT_LABEL + "=access";
  public static final String KEYS_COMPONENT_SELECTOR = MANAGED_SELECTOR + "," + COMPONENT_LABEL + "=keys";
  /** Selects the Secrets whose writers allowed syncs to use them: the only Secrets credentials are read from. */
  public static final String CREDENTIALS_SELECTOR = CREDENTIALS_LABEL + "=" + CREDENTIALS_ALLOWED;
  public static final String RUN_REQUEST_SELECTOR = SYNC_COMPONENT_SELECTOR + "," + RUN_REQUEST_LABEL;

  private Names() {}

  public static String cronJob(ContactSync s) { return s.getMetadata().getName(); }
  public static String serviceAccount(ContactSync s) { return s.getMetadata().getName() + "-sync"; }
  public static String syncSecret(ContactSync s) { return s.getMetadata().getName() + "-sync"; }
  public static String networkPolicy(ContactSync s) { return s.getMetadata().getName() + "-sync"; }
  public static String jobConfigMap(ContactSync s) { return s.getMetadata().getName() + "-job"; }
  public static String stateConfigMap(ContactSync s) { return s.getMetadata().getName() + "-state"; }
  public static String viewersBinding(ContactSync s) { return s.getMetadata().getName() + "-viewers"; }
  public static String editorsBinding(ContactSync s) { return s.getMetadata().getName() + "-editors"; }

  /** One object a ContactSync owns, by kind and name; the operator creates it only where nobody else's object is. */
  public record OwnedName(Class<? extends HasMetadata> type, String name) {
    public String kind() { return type.getSimpleName(); }
  }

  /** Every object whose name derives from the sync's own name (run Jobs are named per request, so never taken). */
  public static List<OwnedName> ownedNames(ContactSync s) {
    return List.of(new OwnedName(ServiceAccount.class, serviceAccount(s)), new OwnedName(Secret.class, syncSecret(s)),
        new OwnedName(NetworkPolicy.class, networkPolicy(s)), new OwnedName(ConfigMap.class, jobConfigMap(s)),
        new OwnedName(ConfigMap.class, stateConfigMap(s)), new OwnedName(CronJob.class, cronJob(s)));
  }

  /**
   * A Job made for one run request: the same request value always names the same Job. Its suffix ("-r" and 8 hex
   * digits) is no longer than the 11 characters a CronJob adds to its Jobs' names, so the Job of a sync named at the
   * length limit still fits the 63 characters of the job-name label its pods get.
   */
  public static String requestedRunJob(ContactSync s, String requestedAt) {
    return s.getMetadata().getName() + "-r" + runRequestId(requestedAt);
  }

  /** A short, label-safe id of a run request value. */
  public static String runRequestId(String requestedAt) {
    return digest(requestedAt).substring(0, 8);
  }

  public static String policyKeysSecret(PrivacyPolicy p) {
    var keys = p.getSpec() == null ? null : p.getSpec().getKeys();
    return keys != null && keys.getSecretName() != null ? keys.getSecretName() : p.getMetadata().getName() + "-keys";
  }

  public static String keyReadersRole(PrivacyPolicy p) { return p.getMetadata().getName() + "-key-readers"; }

  /** Labels of everything a ContactSync owns. */
  public static Map<String, String> labels(ContactSync s, String component) {
    Map<String, String> labels = common(component);
    labels.put(INSTANCE_LABEL, labelValue(s.getMetadata().getName()));
    labels.put(SYNC_LABEL, labelValue(s.getMetadata().getName()));
    return labels;
  }

  /** Labels of everything a PrivacyPolicy owns. */
  public static Map<String, String> labels(PrivacyPolicy p, String component) {
    Map<String, String> labels = common(component);
    labels.put(INSTANCE_LABEL, labelValue(p.getMetadata().getName()));
    labels.put(POLICY_LABEL, labelValue(p.getMetadata().getName()));
    return labels;
  }

  /** Labels of the operator's own objects (its sealing keys). */
  public static Map<String, String> operatorLabels(String component) {
    return common(component);
  }

  /** Selects the sync pods of a ContactSync (NetworkPolicy, watches of runs). */
  public static Map<String, String> syncPodSelector(ContactSync s) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(SYNC_LABEL, labelValue(s.getMetadata().getName()));
    selector.put(COMPONENT_LABEL, "sync");
    return selector;
  }

  private static Map<String, String> common(String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, APP);
    labels.put(COMPONENT_LABEL, component);
    labels.put(PART_OF_LABEL, APP);
    labels.put(MANAGED_BY_LABEL, MANAGER);
    return labels;
  }

  /** Label values have at most 63 characters; longer names are cut and given a digest so they stay unique. */
  public static String labelValue(String value) {
    if (value.length() <= 63) return value;
    return value.substring(0, 52) + "-" + digest(value).substring(0, 10);
  }

  private static String digest(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
