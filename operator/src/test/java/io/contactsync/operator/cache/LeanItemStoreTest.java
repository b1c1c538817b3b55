package io.contactsync.operator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  /** As the API server sends it: the operator's Apply entry, and an Update entry of the controller manager. */
  private static final String CRON_JOB = """
      {"apiVersion": "batch/v1", "kind": "CronJob",
       "metadata": {"name": "sync", "namespace": "team", "resourceVersion": "7", "managedFields": [
         {"manager": "contactsync", "operation": "Apply", "apiVersion": "batch/v1", "fieldsType": "FieldsV1",
          "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app.kubernetes.io/name": {}}},
                       "f:spec": {"f:schedule": {}, "f:jobTemplate": {"f:spec": {"f:template": {"f:spec": {
                         "f:containers": {"k:{\\"name\\":\\"sync\\"}": {".": {}, "f:image": {}, "f:name": {}}}}}}}}}},
         {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "batch/v1", "fieldsType": "FieldsV1",
          "fieldsV1": {"f:status": {"f:lastScheduleTime": {}}}}]},
       "spec": {"schedule": "0 * * * *"}}""";

  @Test
  void keepsTheApplyEntryWithTheSameFieldsInTheSameOrderAndDropsTheRest() {
    CronJob original = JSON.unmarshal(CRON_JOB, CronJob.class);
    Map<String, Object> applied = original.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties();
    String appliedJson = JSON.asJson(applied);

    LeanItemStore<CronJob> store = new LeanItemStore<>();
    store.put(store.getKey(original), JSON.unmarshal(CRON_JOB, CronJob.class));
    CronJob cached = store.get("team/sync");

    List<ManagedFieldsEntry> kept = cached.getMetadata().getManagedFields();
    assertThat(kept).singleElement().satisfies(e -> {
      assertThat(e.getManager()).isEqualTo("contactsync");
      assertThat(e.getOperation()).isEqualTo("Apply");
    });
    Map<String, Object> packed = kept.get(0).getFieldsV1().getAdditionalProperties();
    assertThat(packed).isInstanceOf(PackedFields.class).isEqualTo(applied);
    assertThat(applied).isEqualTo(packed);
    assertThat(packed.hashCode()).isEqualTo(applied.hashCode());
    // JOSDK's matcher reads the order: "." comes before the keys of a list entry
    assertThat(JSON.asJson(packed)).isEqualTo(appliedJson);
    assertThat(cached.getSpec().getSchedule()).isEqualTo("0 * * * *");
  }

  @Test
  void packedFieldsAnswerLookupsAsTheMapTheyCameFrom() {
    Map<String, Object> packed = PackedFields.pack(JSON.unmarshal(CRON_JOB, CronJob.class).getMetadata().getManagedFields()
        .get(0).getFieldsV1().getAdditionalProperties());
    @SuppressWarnings("unchecked")
    Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) packed.get("f:metadata")).get("f:labels");

    assertThat(labels).containsOnlyKeys(".", "f:app.kubernetes.io/name");
    assertThat(labels.get(".")).isEqualTo(Map.of());
    assertThat(packed.get(null)).isNull();
    assertThat(packed.containsKey(null)).isFalse();
    assertThat(packed.get("f:status")).isNull();
    assertThat(new ArrayList<>(packed.keySet())).containsExactly("f:metadata", "f:spec");
    assertThat(PackedFields.pack(packed)).isSameAs(packed);
  }

  @Test
  void anObjectWithoutManagedFieldsIsStoredAsItIs() {
    CronJob bare = JSON.unmarshal("""
        {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "sync", "namespace": "team"}}""", CronJob.class);
    LeanItemStore<CronJob> store = new LeanItemStore<>();
    store.put("team/sync", bare);
    assertThat(store.get("team/sync")).isSameAs(bare);
    assertThat(bare.getMetadata().getManagedFields()).isEmpty();
  }
}
