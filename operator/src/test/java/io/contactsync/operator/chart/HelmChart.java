package io.contactsync.operator.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chart in charts/contactsync-operator, rendered by Helm's own Go library (helm-java), as `helm template` with
 * a values file would: no helm binary and no network needed.
 */
public final class HelmChart {
  public static final Path DIR = Path.of("..", "charts", "contactsync-operator").toAbsolutePath().normalize();
  public static final String RELEASE = "contactsync";
  public static final String NAMESPACE = "contactsync-system";
  /** The labels Helm's bookkeeping adds; everything else must equal what the kustomize bases make. */
  public static final List<String> HELM_LABELS = List.of("app.kubernetes.io/instance", "app.kubernetes.io/version",
      "app.kubernetes.io/managed-by", "helm.sh/chart");

  public static final String CUSTOM_DIGEST = "sha256:" + "ab".repeat(32);

  private HelmChart() {}

  /** Values that change everything the chart lets a user change, short of monitoring (which needs other CRDs). */
  public static Map<String, Object> customized() {
    return Map.ofEntries(
        Map.entry("replicaCount", 3),
        Map.entry("image", Map.of("repository", "registry.example/team/contactsync", "tag", "ignored", "digest", CUSTOM_DIGEST,
            "pullPolicy", "Always")),
        Map.entry("imagePullSecrets", List.of("registry-credentials")),
        Map.entry("resources", Map.of("requests", Map.of("cpu", "250m", "memory", "384Mi"), "limits", Map.of("memory", "768Mi"))),
        Map.entry("javaOptions", "-XX:MaxRAMPercentage=70"),
        Map.entry("metrics", Map.of("port", 9090, "grafanaDashboard", Map.of("enabled", true))),
        Map.entry("nodeSelector", Map.of("kubernetes.io/os", "linux")),
        Map.entry("tolerations", List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "operators", "effect", "NoSchedule"))),
        Map.entry("podAnnotations", Map.of("example.com/team", "privacy")),
        Map.entry("priorityClassName", "system-cluster-critical"));
  }

  /** The rendered manifests (CRDs included) for these values in {@code namespace}. */
  public static String template(Map<String, Object> values, String namespace) {
    TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(namespace)
        .withValuesFile(valuesFile(values));
    return command.call();
  }

  /** The release notes (NOTES.txt) Helm prints after installing with these values: a client-only dry run. */
  public static String notes(Map<String, Object> values) {
    return new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE).clientOnly().dryRun()
        .withValuesFile(valuesFile(values)).call().getOutput();
  }

  public static List<HasMetadata> render(Map<String, Object> values) {
    return load(template(values, NAMESPACE));
  }

  public static List<HasMetadata> load(String manifests) {
    // loading parses only; the client never connects
    try (KubernetesClient parser = new KubernetesClientBuilder().build()) {
      return parser.load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items();
    }
  }

  /** A values file for Helm: the test's values as YAML, so that lists and maps need no --set escaping. */
  public static Path valuesFile(Map<String, Object> values) {
    try {
      Path file = Files.createTempFile("contactsync-values", ".yaml");
      file.toFile().deleteOnExit();
      new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), values);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
