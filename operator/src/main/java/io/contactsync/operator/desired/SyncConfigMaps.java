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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

  /** The checkpoint the next run starts from; empty until a run reports one. */
  public static ConfigMap state(ContactSync sync, String checkpointJson) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(Names.stateConfigMap(sync)).withNamespace(sync.getMetadata().getNamespace())
        .withLabels(Names.labels(sync, "state")).endMetadata()
        .withData(Map.of(PodPaths.CHECKPOINT_FILE, checkpointJson == null ? "" : checkpointJson))
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
