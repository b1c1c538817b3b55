package io.contactsync.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import org.junit.jupiter.api.Test;

class RetiredAccessBindingsTest {
  @Test
  void onlyABindingThisSyncOwnsIsDeleted() {
    ContactSync sync = new ContactSync();
    sync.setMetadata(new ObjectMetaBuilder().withName("crm").withNamespace("sales").withUid("uid-1").build());
    RoleBinding owned = new RoleBindingBuilder().withNewMetadata().withName("crm-editors")
        .withOwnerReferences(new OwnerReferenceBuilder().withKind("ContactSync").withName("crm").withUid("uid-1").build())
        .endMetadata().build();
    RoleBinding someoneElses = new RoleBindingBuilder().withNewMetadata().withName("crm-editors").endMetadata().build();
    RoleBinding earlierSync = new RoleBindingBuilder().withNewMetadata().withName("crm-editors")
        .withOwnerReferences(new OwnerReferenceBuilder().withKind("ContactSync").withName("crm").withUid("uid-0").build())
        .endMetadata().build();
    assertThat(RetiredAccessBindings.ownedBy(owned, sync)).isTrue();
    assertThat(RetiredAccessBindings.ownedBy(someoneElses, sync)).isFalse();
    assertThat(RetiredAccessBindings.ownedBy(earlierSync, sync)).isFalse();
  }
}
