package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.KeysSpec;
import io.contactsync.api.v1alpha1.PolicyAccess;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Red-team attacks on the tenant boundary that need the real API server, each as the limited tenant. */
class RedTeamIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  static KubernetesClient admin;
  static KubernetesClient operatorClient;
  static ContactSyncOperator operator;
  static final List<String> WRITES = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startOperator() throws Exception {
    admin = TestCluster.admin();
    TestCluster.install(admin);
    operatorClient = TestCluster.operator(WRITES);
    operator = new ContactSyncOperator(operatorClient, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS,
        new SimpleMeterRegistry(), null, Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) operator.close();
    if (operatorClient != null) operatorClient.close();
    if (admin != null) {
      TestCluster.deleteTestNamespaces(admin);
      admin.close();
    }
  }

  /**
   * A policy writer names its policy so that {@code <policy>-key-readers} is a Role and RoleBinding an admin made
   * (here for a vault agent's token). The operator must not apply its key-reader Role and binding over them: that would
   * rewrite the admin's grant, bind the policy's readers in place of the admin's subjects, and have the garbage
   * collector delete both with the policy.
   */
  @Test
  void aPolicyNamedAfterAnAdminsRoleDoesNotTakeOverItsRoleOrRoleBinding() {
    String ns = TestCluster.namespace(admin, "roletake");
    Role adminsRole = admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata()
        .withName("vault-key-readers").endMetadata().addNewRule().withApiGroups("").withResources("secrets")
        .withResourceNames("vault-token").withVerbs("get").endRule().build()).create();
    RoleBinding adminsBinding = admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("vault-key-readers").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("vault-key-readers").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("vault-agent").withNamespace(ns).endSubject().build()).create();
    KubernetesClient writer = TestCluster.tenant(admin, ns, "officer", "contactsync-policy-editor", new ArrayList<>());

    PrivacyPolicy vault = policy(ns, "vault");
    KeysSpec keys = new KeysSpec();
    keys.setSecretName("vault-policy-keys");
    vault.getSpec().setKeys(keys);
    PolicyAccess access = new PolicyAccess();
    Subject officer = new Subject();
    officer.setKind(Subject.Kind.ServiceAccount);
    officer.setName("officer");
    access.getKeyReaders().add(officer);
    vault.getSpec().setAccess(access);
    writer.resource(vault).create();

    // the policy's own keys Secret is made: the operator has acted on the policy
    await().atMost(CONVERGE).until(() -> admin.secrets().inNamespace(ns).withName("vault-policy-keys").get() != null);
    sleep(Duration.ofSeconds(5));
    Role role = admin.rbac().roles().inNamespace(ns).withName("vault-key-readers").get();
    RoleBinding binding = admin.rbac().roleBindings().inNamespace(ns).withName("vault-key-readers").get();
    assertThat(role.getRules()).as("the admin's Role's rules").isEqualTo(adminsRole.getRules());
    assertThat(role.getMetadata().getOwnerReferences()).as("owners of the admin's Role").isEmpty();
    assertThat(binding.getSubjects()).as("the admin's RoleBinding's subjects").isEqualTo(adminsBinding.getSubjects());
    assertThat(binding.getMetadata().getOwnerReferences()).as("owners of the admin's RoleBinding").isEmpty();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
