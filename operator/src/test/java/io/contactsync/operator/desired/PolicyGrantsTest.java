package io.contactsync.operator.desired;

import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.KeysSpec;
import io.contactsync.api.v1alpha1.PolicyAccess;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.privacy.keys.PolicyKeys;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyGrantsTest {
  private static final String OPERATOR_NS = "contactsync-system";

  private static PrivacyPolicy policyNaming(String ns, String secretName, Subject... readers) {
    PrivacyPolicy p = policy(ns, "p");
    p.getMetadata().setUid("uid-p");
    if (secretName != null) {
      p.getSpec().setKeys(new KeysSpec());
      p.getSpec().getKeys().setSecretName(secretName);
    }
    p.getSpec().setAccess(new PolicyAccess());
    p.getSpec().getAccess().getKeyReaders().addAll(List.of(readers));
    return p;
  }

  private static Secret owned(PrivacyPolicy p, String uid) {
    Secret keys = PolicyKeysSecret.desired(p, PolicyKeys.generate());
    keys.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("contactsync.io/v1alpha1")
        .withKind("PrivacyPolicy").withName("p").withUid(uid).withController(true).build()));
    return keys;
  }

  @Test
  void aPolicyWhoseKeysSecretIsAbsentOrItsOwnIsAdmitted() {
    PrivacyPolicy p = policyNaming("compliance", null, subject(Subject.Kind.Group, "privacy-officers", null),
        subject(Subject.Kind.ServiceAccount, "revealer", "audit"));
    assertThat(PolicyGrants.refusal(p, OPERATOR_NS, null)).isEmpty();
    assertThat(PolicyGrants.refusal(p, OPERATOR_NS, owned(p, "uid-p"))).isEmpty();
  }

  @Test
  void anExistingSecretTheOperatorDidNotMakeForThePolicyIsRefusedByName() {
    PrivacyPolicy p = policyNaming("compliance", "db-admin", subject(Subject.Kind.ServiceAccount, "officer", null));
    Secret dbAdmin = new SecretBuilder().withNewMetadata().withName("db-admin").withNamespace("compliance").endMetadata()
        .withData(Map.of("password", "c2VjcmV0")).build();
    var refusal = PolicyGrants.refusal(p, OPERATOR_NS, dbAdmin).orElseThrow();
    assertThat(refusal.reason()).isEqualTo("KeysSecretNotOwned");
    assertThat(refusal.message()).contains("db-admin", "another keys.secretName", "delete that Secret");
    assertThat(PolicyGrants.refusal(p, OPERATOR_NS, owned(p, "uid-other")).orElseThrow().reason())
        .as("another policy's keys").isEqualTo("KeysSecretNotOwned");
    Secret unlabelled = owned(p, "uid-p");
    unlabelled.getMetadata().setLabels(Map.of());
    assertThat(PolicyGrants.refusal(p, OPERATOR_NS, unlabelled)).as("owned but not labelled as the operator's").isPresent();
    PrivacyPolicy noUid = policyNaming("compliance", null);
    noUid.getMetadata().setUid(null);
    assertThat(PolicyGrants.ownedBy(owned(noUid, "uid-p"), noUid)).isFalse();
  }

  @Test
  void aTakenDefaultKeysSecretNameNamesTheFieldThatChoseItAndTheOneToSet() {
    PrivacyPolicy p = policyNaming("compliance", null);
    Secret theirs = new SecretBuilder().withNewMetadata().withName(p.getMetadata().getName() + "-keys")
        .withNamespace("compliance").endMetadata().withData(Map.of("password", "c2VjcmV0")).build();
    var refusal = PolicyGrants.refusal(p, OPERATOR_NS, theirs).orElseThrow();
    assertThat(refusal.reason()).isEqualTo("KeysSecretNotOwned");
    assertThat(refusal.message()).startsWith("the policy's keys Secret is " + theirs.getMetadata().getName()
        + " (metadata.name with -keys, as keys.secretName is not set)")
        .contains("Set keys.secretName to a name no Secret in compliance has", "delete that Secret")
        .doesNotContain("c2VjcmV0");
  }

  @Test
  void keyReaderGrantsUnderAnotherOwnersRoleOrBindingNameAreRefusedByKind() {
    PrivacyPolicy p = policyNaming("compliance", null, subject(Subject.Kind.ServiceAccount, "officer", null));
    var ours = KeyReaderAccess.role(p).orElseThrow();
    ours.getMetadata().setOwnerReferences(owned(p, "uid-p").getMetadata().getOwnerReferences());
    var adminsBinding = new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder().withNewMetadata()
        .withName("p-key-readers").withNamespace("compliance").endMetadata().build();
    assertThat(PolicyGrants.readerNamesTaken(p, List.of())).isEmpty();
    assertThat(PolicyGrants.readerNamesTaken(p, List.of(ours))).as("its own Role").isEmpty();
    var refusal = PolicyGrants.readerNamesTaken(p, List.of(ours, adminsBinding)).orElseThrow();
    assertThat(refusal.reason()).isEqualTo("NameTaken");
    assertThat(refusal.message()).contains("access.keyReaders", "RoleBinding p-key-readers already exists", "keys Secret")
        .doesNotContain("Role p-key-readers");
    assertThat(PolicyGrants.readerNamesTaken(policyNaming("compliance", null), List.of(adminsBinding)))
        .as("a policy without key readers needs no Role").isEmpty();
  }

  @Test
  void noPolicyIsAdmittedInTheOperatorsNamespace() {
    PrivacyPolicy p = policyNaming(OPERATOR_NS, "contactsync-sealing-keys");
    var refusal = PolicyGrants.refusal(p, OPERATOR_NS, null).orElseThrow();
    assertThat(refusal.reason()).isEqualTo("PolicyInOperatorNamespace");
    assertThat(refusal.message()).contains(OPERATOR_NS, "another namespace");
    assertThat(PolicyGrants.refusal(policyNaming(OPERATOR_NS, null), OPERATOR_NS, null)).as("even with its own name").isPresent();
  }

  @Test
  void systemUsersAndGroupsAreNeverKeyReaders() {
    for (Subject world : List.of(subject(Subject.Kind.Group, "system:unauthenticated", null),
        subject(Subject.Kind.Group, "system:authenticated", null), subject(Subject.Kind.Group, "system:serviceaccounts", null),
        subject(Subject.Kind.User, "system:anonymous", null), subject(Subject.Kind.User, "system:serviceaccount:a:b", null))) {
      PrivacyPolicy p = policyNaming("compliance", null, subject(Subject.Kind.Group, "privacy-officers", null), world);
      var refusal = PolicyGrants.refusal(p, OPERATOR_NS, null).orElseThrow();
      assertThat(refusal.reason()).isEqualTo("KeyReaderNotAllowed");
      assertThat(refusal.message()).contains("access.keyReaders[1]", world.getName());
    }
  }
}
