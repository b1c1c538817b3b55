package io.contactsync.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * config/default renders with kubectl's kustomize into the objects an installation needs, the real API server
 * accepts every one of them, and the operator's Deployment is locked down the way its sync pods are.
 */
class KustomizeIT {
  private static String kubectl() {
    return Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
  }

  /** What `kubectl kustomize config/default` makes (the test is skipped without kubectl). */
  static List<HasMetadata> render(KubernetesClient client) throws Exception {
    return render(client, TestCluster.ROOT.resolve("config/default"));
  }

  /** What `kubectl kustomize DIR` makes (the test is skipped without kubectl). */
  static List<HasMetadata> render(KubernetesClient client, Path dir) throws Exception {
    String kubectl = kubectl();
    assumeTrue(kubectl != null, "no kubectl on PATH: it renders config/default with its built-in kustomize");
    Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize " + dir).isZero();
    return client.load(new ByteArrayInputStream(out)).items();
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> items, Class<T> type) {
    List<T> found = items.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void theDefaultInstallationRendersAndTheApiServerAcceptsIt() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      List<HasMetadata> items = render(admin);
      assertThat(items).extracting(i -> i.getKind() + "/" + i.getMetadata().getName()).containsExactlyInAnyOrder(
          "Namespace/contactsync-system",
          "CustomResourceDefinition/contactsyncs.contactsync.io",
          "CustomResourceDefinition/privacypolicies.contactsync.io",
          "ServiceAccount/contactsync-operator",
          "ClusterRole/contactsync-operator", "ClusterRole/contactsync-viewer", "ClusterRole/contactsync-editor",
          "ClusterRole/contactsync-policy-editor",
          "ClusterRoleBinding/contactsync-operator",
          "Role/contactsync-sealing-public-key-reader", "RoleBinding/contactsync-sealing-public-key-reader",
          "Deployment/contactsync-operator", "Service/contactsync-operator-metrics");
      assertThat(only(items, ClusterRoleBinding.class).getSubjects().get(0).getNamespace()).isEqualTo("contactsync-system");

      Deployment deployment = only(items, Deployment.class);
      var pod = deployment.getSpec().getTemplate().getSpec();
      var container = pod.getContainers().get(0);
      assertThat(pod.getServiceAccountName()).isEqualTo("contactsync-operator");
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
      assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
      assertThat(container.getArgs()).startsWith("operator");
      assertThat(container.getEnv()).as("sync pods run the operator's own image, read from its Pod").anySatisfy(e -> {
        assertThat(e.getName()).isEqualTo("POD_NAME");
        assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
      });
      assertThat(container.getEnv()).anySatisfy(e -> {
        assertThat(e.getName()).isEqualTo("POD_NAMESPACE");
        assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
      });

      // the server validates every object (server-side dry run) once the namespace exists
      Namespace namespace = only(items, Namespace.class);
      boolean existed = admin.namespaces().withName("contactsync-system").get() != null;
      admin.resource(namespace).forceConflicts().serverSideApply();
      try {
        for (HasMetadata item : items) {
          if (item instanceof CustomResourceDefinition) {
            // an API server before 1.23 refuses to apply a schema with x-kubernetes-validations; a create drops them
            admin.resource(item).dryRun().createOr(NonDeletingOperation::update);
          } else if (!(item instanceof Namespace)) {
            admin.resource(item).dryRun().forceConflicts().serverSideApply();
          }
        }
      } finally {
        if (!existed) admin.namespaces().withName("contactsync-system").delete();
      }
    }
  }

  @Test
  void theKustomizeFilesListEveryManifestBesideThem() throws Exception {
    for (String dir : List.of("crds", "config/rbac", "config/manager")) {
      Path base = TestCluster.ROOT.resolve(dir);
      String kustomization = Files.readString(base.resolve("kustomization.yaml"), StandardCharsets.UTF_8);
      for (Path file : TestCluster.yaml(base)) {
        assertThat(kustomization).as(dir + "/kustomization.yaml lists " + file.getFileName())
            .contains("- " + file.getFileName());
      }
    }
  }
}
