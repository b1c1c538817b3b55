package io.contactsync.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.contactsync.operator.cli.OperatorCommand;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.egress.Cidr;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The chart renders what an installation needs for every value set we support, and refuses the rest with a reason. */
class ChartTest {
  private static final String DEFAULT_IMAGE = "ghcr.io/contactsync/contactsync-operator:0.1.0";

  private static <T extends HasMetadata> List<T> all(List<HasMetadata> items, Class<T> type) {
    return items.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> items, Class<T> type) {
    List<T> found = all(items, type);
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static Container operatorContainer(List<HasMetadata> items) {
    return only(items, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Optional<String> env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(e -> e.getValue()).findFirst();
  }

  @Test
  void defaultValuesRenderTheWholeInstallation() {
    List<HasMetadata> items = HelmChart.render(Map.of());
    // like `helm template`, without the CRDs: Helm installs those from crds/, which CrdsUpToDateTest keeps current
    assertThat(items).extracting(i -> i.getKind() + "/" + i.getMetadata().getName()).containsExactlyInAnyOrder(
        "ServiceAccount/contactsync-operator",
        "ClusterRole/contactsync-operator", "ClusterRole/contactsync-viewer", "ClusterRole/contactsync-editor",
        "ClusterRole/contactsync-policy-editor",
        "ClusterRoleBinding/contactsync-operator",
        "Role/contactsync-sealing-public-key-reader", "RoleBinding/contactsync-sealing-public-key-reader",
        "Deployment/contactsync-operator", "Service/contactsync-operator-metrics");
    items.stream().filter(i -> !i.getKind().startsWith("Cluster"))
        .forEach(i -> assertThat(i.getMetadata().getNamespace()).as(i.getKind()).isEqualTo(HelmChart.NAMESPACE));
    items.forEach(i -> assertThat(i.getMetadata().getLabels())
        .as(i.getKind() + " labels").containsEntry("app.kubernetes.io/name", "contactsync")
        .containsEntry("app.kubernetes.io/managed-by", "Helm").containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE));
    assertThat(only(items, ClusterRoleBinding.class).getSubjects()).singleElement().satisfies(subject -> {
      assertThat(subject.getName()).isEqualTo("contactsync-operator");
      assertThat(subject.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    });

    Deployment deployment = only(items, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = operatorContainer(items);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "contactsync", "app.kubernetes.io/component", "operator"));
    assertThat(pod.getServiceAccountName()).isEqualTo("contactsync-operator");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getImage()).isEqualTo(DEFAULT_IMAGE);
    assertThat(container.getEnv()).as("sync pods run the operator's own image, read from its Pod").anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("POD_NAME");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    });
    assertThat(container.getArgs()).startsWith("operator", "--leader-election", "--port=8080",
        "--image-pull-policy=IfNotPresent");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(env(container, "JAVA_TOOL_OPTIONS")).as("the footprint bench/operator-scale.sh measures")
        .hasValueSatisfying(o -> assertThat(o).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=60"));
    assertThat(env(container, "MALLOC_ARENA_MAX")).hasValue("2");
    assertThat(only(items, Service.class).getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theDefaultSyncBoundsAreTheOperatorsOwnDefaults() {
    List<String> args = operatorContainer(HelmChart.render(Map.of())).getArgs();
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    assertThat(command.bounds()).as("values.yaml syncBounds, read as the operator reads its flags")
        .isEqualTo(AdminBounds.DEFAULTS);
  }

  @Test
  void syncBoundsValuesReachTheOperatorsFlags() {
    List<String> args = operatorContainer(HelmChart.render(Map.of("syncBounds", Map.of(
        "egress", Map.of("deniedCidrs", List.of("10.0.0.0/8"), "allowedCidrs", List.of("203.0.113.0/24", "::/0"),
            "denyApiServer", false, "allowedNamespaces", List.of("shared-db")),
        "minScheduleInterval", "15m", "maxResources", Map.of("cpu", "500m", "memory", "1Gi"),
        "maxRunTimeout", "2h", "finishedJobTtl", "1h")))).getArgs();
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    AdminBounds bounds = command.bounds();
    assertThat(bounds.deniedCidrs()).containsExactly(Cidr.parse("10.0.0.0/8"));
    assertThat(bounds.allowedCidrs()).containsExactly(Cidr.parse("203.0.113.0/24"), Cidr.parse("::/0"));
    assertThat(bounds.denyApiServer()).isFalse();
    assertThat(bounds.allowedNamespaces()).containsExactly("shared-db");
    assertThat(bounds.minScheduleInterval()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(bounds.maxCpu()).isEqualTo(new Quantity("500m"));
    assertThat(bounds.maxMemory()).isEqualTo(new Quantity("1Gi"));
    assertThat(bounds.maxRunTimeout()).isEqualTo(java.time.Duration.ofHours(2));
    assertThat(bounds.finishedJobTtl()).isEqualTo(java.time.Duration.ofHours(1));
  }

  @Test
  void theShippedRolesNameEveryVerbAndResourceAndNoneMayBindEscalateOrImpersonate() {
    for (ClusterRole role : all(HelmChart.render(Map.of()), ClusterRole.class)) {
      for (PolicyRule rule : role.getRules()) {
        assertThat(rule.getVerbs()).as(role.getMetadata().getName() + " verbs").doesNotContain("*").isNotEmpty();
        assertThat(rule.getResources()).as(role.getMetadata().getName() + " resources").doesNotContain("*").isNotEmpty();
        assertThat(rule.getApiGroups()).as(role.getMetadata().getName() + " apiGroups").doesNotContain("*");
        // the operator binds nobody to a ClusterRole: people get the viewer and editor roles with plain RBAC
        assertThat(rule.getVerbs()).as(role.getMetadata().getName() + " verbs").doesNotContain("bind", "escalate", "impersonate");
      }
    }
  }

  @Test
  void onlyTheOperatorsRoleReadsSecrets() {
    List<HasMetadata> items = HelmChart.render(Map.of());
    assertThat(all(items, ClusterRole.class)).extracting(r -> r.getMetadata().getName())
        .contains("contactsync-viewer", "contactsync-editor", "contactsync-policy-editor");
    for (ClusterRole role : all(items, ClusterRole.class)) {
      if (role.getMetadata().getName().equals("contactsync-operator")) continue;
      assertThat(role.getRules()).as(role.getMetadata().getName())
          .noneMatch(rule -> rule.getResources().contains("secrets") || rule.getResources().contains("rolebindings"));
    }
    for (io.fabric8.kubernetes.api.model.rbac.Role role : all(items, io.fabric8.kubernetes.api.model.rbac.Role.class)) {
      assertThat(role.getRules()).as(role.getMetadata().getName()).noneMatch(rule -> rule.getResources().contains("secrets"));
    }
  }

  @Test
  void replicasDigestPullPolicyAndSchedulingValuesReachThePod() {
    String digest = HelmChart.CUSTOM_DIGEST;
    List<HasMetadata> items = HelmChart.render(HelmChart.customized());
    Deployment deployment = only(items, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = operatorContainer(items);
    String image = "registry.example/team/contactsync@" + digest;
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(container.getImage()).isEqualTo(image);
    assertThat(env(container, "JAVA_TOOL_OPTIONS")).as("extra options come last, so that theirs win")
        .hasValueSatisfying(o -> assertThat(o).startsWith("-XX:MaxRAMPercentage=60 ").endsWith(" -XX:MaxRAMPercentage=70"));
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(container.getArgs()).contains("--leader-election", "--port=9090", "--image-pull-policy=Always");
    assertThat(container.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9090));
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
    assertThat(pod.getImagePullSecrets()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("registry-credentials"));
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/team", "privacy");
    assertThat(only(items, Service.class).getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(9090));
  }

  @Test
  void aTagWithoutDigestIsUsedAsIs() {
    Container container = operatorContainer(HelmChart.render(Map.of("image", Map.of("tag", "0.2.0-rc.1"))));
    assertThat(container.getImage()).isEqualTo("ghcr.io/contactsync/contactsync-operator:0.2.0-rc.1");
  }

  @Test
  void monitoringObjectsComeWhenAskedFor() throws Exception {
    List<HasMetadata> items = HelmChart.render(Map.of("metrics", Map.of(
        "service", Map.of("enabled", false),
        "serviceMonitor", Map.of("enabled", true, "interval", "15s", "labels", Map.of("release", "prometheus")),
        "grafanaDashboard", Map.of("enabled", true))));
    GenericKubernetesResource monitor = only(items, GenericKubernetesResource.class);
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.get("spec", "endpoints", 0, "port").toString()).isEqualTo("http-metrics");
    assertThat(monitor.get("spec", "endpoints", 0, "interval").toString()).isEqualTo("15s");
    Service service = only(items, Service.class);
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getName()).isEqualTo("http-metrics"));
    assertThat(service.getMetadata().getLabels()).as("what the ServiceMonitor selects")
        .containsAllEntriesOf(Map.of("app.kubernetes.io/name", "contactsync", "app.kubernetes.io/component", "operator"));

    ConfigMap dashboard = only(items, ConfigMap.class);
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData().get("contactsync-dashboard.json"))
        .isEqualTo(Files.readString(HelmChart.DIR.resolve("files/grafana/contactsync-dashboard.json")).strip());
  }

  @Test
  void theSealingPublicKeyCanBeKeptFromEveryone() {
    List<HasMetadata> items = HelmChart.render(Map.of("sealingPublicKey", Map.of("readableByAllAuthenticated", false)));
    assertThat(items).noneMatch(i -> i.getMetadata().getName().equals("contactsync-sealing-public-key-reader"));
  }

  static List<Object[]> refusedValues() {
    return List.of(
        new Object[] {Map.of("replicaCount", 2, "leaderElection", Map.of("enabled", false)), "needs leaderElection.enabled=true"},
        new Object[] {Map.of("replicaCount", "two"), "replicaCount"},
        new Object[] {Map.of("replicaCount", 0), "replicaCount"},
        new Object[] {Map.of("replicas", 2), "replicas"},
        new Object[] {Map.of("image", Map.of("pullPolicy", "Sometimes")), "pullPolicy"},
        new Object[] {Map.of("image", Map.of("digest", "sha256:short")), "digest"},
        new Object[] {Map.of("metrics", Map.of("port", 80)), "port"},
        new Object[] {Map.of("resources", Map.of("limits", Map.of("memory", "lots"))), "memory"},
        new Object[] {Map.of("metrics", Map.of("serviceMonitor", Map.of("interval", "often"))), "interval"});
  }

  @ParameterizedTest
  @MethodSource("refusedValues")
  void badValuesAreRefusedNamingTheValue(Map<String, Object> values, String named) {
    assertThatThrownBy(() -> HelmChart.render(values)).hasMessageContaining(named);
  }

  @Test
  void theNotesSayHowToCheckTheInstallationAndPrintTheArgoCdChecksOnRequest() throws Exception {
    String plain = HelmChart.notes(Map.of());
    assertThat(plain).contains("kubectl -n contactsync-system rollout status deployment/contactsync-operator",
        "--set argocd.healthChecksInNotes=true").doesNotContain("resource.customizations");

    String withChecks = HelmChart.notes(Map.of("argocd", Map.of("healthChecksInNotes", true), "replicaCount", 2));
    assertThat(withChecks).contains("2 replicas elect a leader",
        "resource.customizations.health.contactsync.io_ContactSync: |",
        "resource.customizations.health.contactsync.io_PrivacyPolicy: |");
    for (String kind : List.of("ContactSync", "PrivacyPolicy")) {
      String script = Files.readString(HelmChart.DIR.resolve("files/argocd/contactsync.io/" + kind + "/health.lua"));
      String firstLine = script.lines().filter(line -> !line.isBlank()).findFirst().orElseThrow();
      assertThat(withChecks).as(kind + " health check, indented under its key").contains("  " + firstLine);
    }
  }

  @Test
  void helmLintFindsNothing() {
    var result = new Helm(HelmChart.DIR).lint().strict().call();
    assertThat(result.getMessages()).as("helm lint --strict").noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    assertThat(result.isFailed()).isFalse();
  }
}
