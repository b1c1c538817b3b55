package io.contactsync.operator.resolve;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.naming.Names.OwnedName;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TakenNamesTest {
  private static ContactSync crm() {
    ContactSync s = sync("sales", "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    s.getMetadata().setUid("uid-of-crm");
    return s;
  }

  private static ObjectMeta ownedBy(String uid) {
    return new ObjectMetaBuilder().addNewOwnerReference().withUid(uid).withKind("ContactSync").withName("crm").endOwnerReference()
        .build();
  }

  @Test
  void namesNobodyHoldsAndObjectsTheSyncOwnsAreFree() {
    ContactSync crm = crm();
    assertThat(TakenNames.of(crm, name -> null).taken()).isEmpty();
    assertThat(TakenNames.of(crm, name -> ownedBy("uid-of-crm")).violations(crm)).isEmpty();
  }

  @Test
  void anObjectWithoutOwnerOrOwnedByAnotherHoldsItsName() {
    ContactSync crm = crm();
    Map<OwnedName, ObjectMeta> existing = Map.of(
        new OwnedName(Secret.class, "crm-sync"), new ObjectMeta(),
        new OwnedName(CronJob.class, "crm"), ownedBy("uid-of-an-earlier-crm"),
        new OwnedName(ConfigMap.class, "crm-job"), ownedBy("uid-of-crm"));
    TakenNames taken = TakenNames.of(crm, existing::get);
    assertThat(taken.taken()).containsExactlyInAnyOrder(new OwnedName(Secret.class, "crm-sync"), new OwnedName(CronJob.class, "crm"));
    assertThat(taken.isTaken(new OwnedName(ConfigMap.class, "crm-job"))).isFalse();
    assertThat(taken.violations(crm)).singleElement().satisfies(v -> {
      assertThat(v.reason()).isEqualTo("NameTaken");
      assertThat(v.message()).contains("Secret crm-sync", "CronJob crm", "in sales", "rename the ContactSync")
          .doesNotContain("crm-job");
    });
  }

  @Test
  void everyObjectNamedAfterTheSyncIsChecked() {
    assertThat(Names.ownedNames(crm())).extracting(n -> n.kind() + "/" + n.name()).containsExactlyInAnyOrder(
        "ServiceAccount/crm-sync", "Secret/crm-sync", "NetworkPolicy/crm-sync", "ConfigMap/crm-job", "ConfigMap/crm-state",
        "CronJob/crm");
  }
}
