package io.contactsync.operator.it;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.desired.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The cluster the tests run against: the one in KUBECONFIG (kube-apiserver from ../shared/k8s-apiserver here,
 * kind or k3s elsewhere). Without one, cluster tests are skipped with a message saying how to provide it.
 */
final class TestCluster {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String OPERATOR_NAMESPACE = "contactsync-it-system";
  static final String OPERATOR_ACCOUNT = "contactsync-operator";
  static final String TEST_LABEL = "contactsync.io/test";
  /** What the in-process operators of the cluster tests run with: an image that is never pulled, since nothing runs. */
  static final OperatorSettings SETTINGS = new OperatorSettings("contactsync-operator:it", "IfNotPresent", false);

  private TestCluster() {}

  /** A client with the kubeconfig's (admin) identity, or an aborted test when there is no reachable cluster. */
  static KubernetesClient admin() {
    String kubeconfig = System.getenv("KUBECONFIG");
    Assumptions.assumeTrue(kubeconfig != null && Files.exists(Path.of(kubeconfig)),
        "no cluster: set KUBECONFIG to a kind, k3s or other cluster (on these machines "
            + "'export KUBECONFIG=$(../shared/k8s-apiserver/up.sh)' starts one; .ci/run does)");
    KubernetesClient client = new KubernetesClientBuilder().build();
    try {
      client.getKubernetesVersion();
    } catch (RuntimeException e) {
      client.close();
      Assumptions.abort("the cluster in KUBECONFIG does not answer: " + e.getClass().getSimpleName());
    }
    return client;
  }

  /**
   * A client that acts as the operator's ServiceAccount, so it has exactly the shipped ClusterRole, and records its
   * writes (authorization reviews, which persist nothing, are not writes).
   */
  static KubernetesClient operator(List<String> writes) {
    return serviceAccount(OPERATOR_NAMESPACE, OPERATOR_ACCOUNT, writes);
  }

  /** The operator's client, reaching the API server at another address (a proxy in front of it). */
  static KubernetesClient operator(List<String> writes, String apiServerUrl) {
    return serviceAccount(OPERATOR_NAMESPACE, OPERATOR_ACCOUNT, writes, apiServerUrl);
  }

  /** A client acting as the ServiceAccount {@code namespace/name}, with the groups Kubernetes gives it, recording writes. */
  static KubernetesClient serviceAccount(String namespace, String name, List<String> writes) {
    return serviceAccount(namespace, name, writes, Config.autoConfigure(null).getMasterUrl());
  }

  private static KubernetesClient serviceAccount(String namespace, String name, List<String> writes, String apiServerUrl) {
    Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.autoConfigure(null)).withMasterUrl(apiServerUrl)
        .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + name)
        .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
        .build();
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count-writes", new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            String path = request.uri().getPath();
            if (!"GET".equals(request.method()) && !path.startsWith("/apis/authorization.k8s.io/")) {
              writes.add(request.method() + " " + path);
            }
          }
        })).build();
  }

  /**
   * A tenant as the security review played it: the ServiceAccount {@code namespace/name} (made here) holding only the
   * shipped ClusterRole {@code clusterRole} (for example contactsync-editor or contactsync-policy-editor), bound in
   * {@code namespace} with a plain RoleBinding, and a client that acts as it. What it may not do, the API server refuses.
   */
  static KubernetesClient tenant(KubernetesClient admin, String namespace, String name, String clusterRole, List<String> writes) {
    admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build())
        .forceConflicts().serverSideApply();
    admin.resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder().withNewMetadata().withName(name + "-" + clusterRole)
        .withNamespace(namespace).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
        .build()).forceConflicts().serverSideApply();
    return serviceAccount(namespace, name, writes);
  }

  /** Installs the CRDs and the shipped RBAC, and the operator's namespace and ServiceAccount. */
  static void install(KubernetesClient admin) throws IOException {
    for (Path file : yaml(ROOT.resolve("crds"))) {
      CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
      // create or update, not Server-Side Apply: an API server before 1.23 refuses to apply a schema with
      // x-kubernetes-validations (a field its types lack), while a create or update drops the rules it cannot run
      admin.resource(crd).createOr(NonDeletingOperation::update);
      admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
              && c.getStatus().getConditions().stream()
              .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())), 30, TimeUnit.SECONDS);
    }
    for (Path file : yaml(ROOT.resolve("config").resolve("rbac"))) {
      try (InputStream in = Files.newInputStream(file)) {
        // the ClusterRoles; the tests make their own operator account and binding in OPERATOR_NAMESPACE
        for (HasMetadata item : admin.load(in).items()) {
          if (item.getKind().equals("ClusterRole")) admin.resource(item).forceConflicts().serverSideApply();
        }
      }
    }
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE).endMetadata().build())
        .forceConflicts().serverSideApply();
    admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(OPERATOR_ACCOUNT).withNamespace(OPERATOR_NAMESPACE)
        .endMetadata().build()).forceConflicts().serverSideApply();
    admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("contactsync-operator-it").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("contactsync-operator").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(OPERATOR_ACCOUNT).withNamespace(OPERATOR_NAMESPACE).endSubject()
        .build()).forceConflicts().serverSideApply();
  }

  /** A fresh namespace, labelled so that {@link #deleteTestNamespaces} finds it. */
  static String namespace(KubernetesClient admin, String prefix) {
    String name = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(name).addToLabels(TEST_LABEL, "true").endMetadata()
        .build()).create();
    return name;
  }

  /** The ContactSync's Ready condition as the API server has it now, or null. */
  static Condition ready(KubernetesClient admin, String namespace, String name) {
    ContactSync sync = admin.resources(ContactSync.class).inNamespace(namespace).withName(name).get();
    if (sync == null || sync.getStatus() == null) return null;
    return sync.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElse(null);
  }

  /** Waits until the ContactSync is Ready=True, showing the condition's message when it is not. */
  static void awaitReady(KubernetesClient admin, String namespace, String name, Duration atMost) {
    org.awaitility.Awaitility.await().atMost(atMost).untilAsserted(() -> {
      Condition ready = ready(admin, namespace, name);
      org.assertj.core.api.Assertions.assertThat(ready).as("Ready condition of %s/%s", namespace, name).isNotNull();
      org.assertj.core.api.Assertions.assertThat(ready.getStatus()).as(ready.getMessage()).isEqualTo(Condition.Status.True);
    });
  }

  static void deleteTestNamespaces(KubernetesClient admin) {
    admin.namespaces().withLabel(TEST_LABEL, "true").delete();
  }

  static List<Path> yaml(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
    }
  }
}
