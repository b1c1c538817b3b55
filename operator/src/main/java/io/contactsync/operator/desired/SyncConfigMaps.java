package io.contactsync.operator.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DeletePolicy;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SyncMode;
import io.contactsync.operator.naming.Names;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.config.SyncValidation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.contactsync.operator.runs.FinishedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The job ConfigMap (the rendered job: connectors and policies, never a secret) and the state ConfigMap. */
public final class SyncConfigMaps {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private SyncConfigMaps() {}

  /** @param policies the resolved policies by "namespace/name" */
  public static ConfigMap job(ContactSync sync, Map<String, PrivacyPolicy> policies) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(Names.jobConfigMap(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "sync")).endMetadata()
        .withData(Map.of(PodPaths.JOB_FILE, json(jobConfig(sync, policies))))
        .build();
  }

  /** Which run the stored checkpoint came from, so that only a newer successful run replaces it. */
  public static final String CHECKPOINT_JOB = "contactsync.io/checkpoint-job";
  public static final String CHECKPOINT_FINISHED_AT = "contactsync.io/checkpoint-finished-at";

  /**
   * The checkpoint the next run starts from: empty until a run reports one, then the checkpoint of the latest
   * successful run, which replaces the stored one only when it finished later.
   *
   * @param current the state ConfigMap as it is, or null
   * @param latest the latest successful run, or null
   */
  public static ConfigMap state(ContactSync sync, ConfigMap current, FinishedRun latest) {
    Map<String, String> data = current == null || current.getData() == null ? Map.of() : current.getData();
    Map<String, String> annotations = current == null || current.getMetadata().getAnnotations() == null ? Map.of()
        : current.getMetadata().getAnnotations();
    String checkpoint = data.getOrDefault(PodPaths.CHECKPOINT_FILE, "");
    String job = annotations.get(CHECKPOINT_JOB);
    String finishedAt = annotations.get(CHECKPOINT_FINISHED_AT);
    if (latest != null && latest.report() != null && latest.report().checkpoint() != null
        && (finishedAt == null || latest.finishedAt().isAfter(Instant.parse(finishedAt)))) {
      checkpoint = json(latest.report().checkpoint());
      job = latest.job();
      finishedAt = latest.finishedAt().toString();
    }
    Map<String, String> marks = new TreeMap<>();
    if (job != null) marks.put(CHECKPOINT_JOB, job);
    if (finishedAt != null) marks.put(CHECKPOINT_FINISHED_AT, finishedAt);
    return new ConfigMapBuilder()
        .withNewMetadata().withName(Names.stateConfigMap(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "state")).withAnnotations(marks).endMetadata()
        .withData(Map.of(PodPaths.CHECKPOINT_FILE, checkpoint))
        .build();
  }

  static JobConfig jobConfig(ContactSync sync, Map<String, PrivacyPolicy> policies) {
    String namespace = sync.getMetadata().getNamespace();
    List<JobConfig.Destination> destinations = new ArrayList<>();
    for (DestinationSpec d : sync.getSpec().getDestinations()) {
      PolicyReference ref = new PolicyReference(d.getPrivacyPolicyRef().getName(),
          SyncValidation.namespaceOf(d.getPrivacyPolicyRef(), namespace));
      PrivacyPolicy policy = policies.get(ref.getNamespace() + "/" + ref.getName());
      destinations.add(new JobConfig.Destination(d.getName(), ref, policy == null ? null : policy.getSpec(), d));
    }
    return new JobConfig(namespace, sync.getMetadata().getName(),
        Objects.requireNonNullElse(sync.getSpec().getMode(), SyncMode.Incremental),
        Objects.requireNonNullElse(sync.getSpec().getDeletes(), DeletePolicy.Propagate), sync.getSpec().getSource(),
        destinations, null);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the job could not be rendered", e);
    }
  }
}
