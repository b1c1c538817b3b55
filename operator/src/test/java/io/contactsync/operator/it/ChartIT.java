package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.chart.HelmChart;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.contactsync.operator.runtime.OwnImage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart against the real API server: with default values it makes what the kustomize bases make, Helm
 * installs it, and the operator, acting as the chart's ServiceAccount with only the chart's RBAC, makes a sync Ready.
 */
class ChartIT {
  private static final String RELEASE_NAMESPACE = "contactsync-chart-it";
  private static final List<String> CLUSTER_OBJECTS = List.of("contactsync-operator", "contactsync-viewer", "contactsync-editor",
      "contactsync-policy-editor");

  /** An object as plain maps, without Helm's bookkeeping labels, for comparing the two renderings. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> comparable(HasMetadata item) {
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(item, TreeMap.class);
    Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) tree.get("metadata")).get("labels");
    if (labels != null) HelmChart.HELM_LABELS.forEach(labels::remove);
    return tree;
  }

  private static Map<String, Map<String, Object>> byKindAndName(List<HasMetadata> items) {
    return items.stream().filter(i -> !(i instanceof Namespace) && !(i instanceof CustomResourceDefinition))
        .collect(Collectors.toMap(i -> i.getKind() + "/" + i.getMetadata().getName(), ChartIT::comparable));
  }

  @Test
  void withDefaultValuesTheChartMakesWhatKustomizeMakes() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      Map<String, Map<String, Object>> kustomized = byKindAndName(KustomizeIT.render(admin));
      Map<String, Map<String, Object>> charted = byKindAndName(HelmChart.render(Map.of()));
      assertThat(charted.keySet()).isEqualTo(kustomized.keySet());
      charted.forEach((key, object) -> assertThat(object).as(key + ": the chart and config/ disagree").isEqualTo(kustomized.get(key)));
    }
  }

  @Test
  void theServerAcceptsTheChartWithEveryValueChanged() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      String namespace = TestCluster.namespace(admin, "chart-values");
      try {
        for (HasMetadata item : HelmChart.load(HelmChart.template(HelmChart.customized(), namespace))) {
          admin.resource(item).dryRun().forceConflicts().serverSideApply();
        }
      } finally {
        TestCluster.deleteTestNamespaces(admin);
      }
    }
  }

  @Test
  void helmInstallsTheChartAndTheOperatorRunsWithExactlyItsRbac() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      Path kubeconfig = Path.of(System.getenv("KUBECONFIG"));
      releaseClusterObjectsFromEarlierTests(admin);
      Release release = new Helm(HelmChart.DIR).install().withName(HelmChart.RELEASE).withNamespace(RELEASE_NAMESPACE)
          .createNamespace().withKubeConfig(kubeconfig).withValuesFile(HelmChart.valuesFile(Map.of())).call();
      String teamNamespace = TestCluster.namespace(admin, "chart");
      try {
        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(release.getOutput()).as("NOTES.txt").contains("kubectl -n " + RELEASE_NAMESPACE + " rollout status");
        assertThat(admin.apps().deployments().inNamespace(RELEASE_NAMESPACE).withName("contactsync-operator").get()).isNotNull();
        assertThat(admin.rbac().clusterRoleBindings().withName("contactsync-operator").get().getSubjects().get(0).getNamespace())
            .isEqualTo(RELEASE_NAMESPACE);
        for (String crd : List.of("contactsyncs.contactsync.io", "privacypolicies.contactsync.io")) {
          assertThat(admin.apiextensions().v1().customResourceDefinitions().withName(crd).get()).as(crd).isNotNull();
        }

        runTheOperatorAsTheChartsServiceAccount(admin, teamNamespace);
      } finally {
        Helm.uninstall(HelmChart.RELEASE).withNamespace(RELEASE_NAMESPACE).withKubeConfig(kubeconfig).call();
        admin.namespaces().withName(RELEASE_NAMESPACE).delete();
        TestCluster.deleteTestNamespaces(admin);
      }
      assertThat(admin.rbac().clusterRoleBindings().withName("contactsync-operator").get()).as("uninstalled").isNull();
    }
  }

  private void runTheOperatorAsTheChartsServiceAccount(KubernetesClient admin, String teamNamespace) throws Exception {
    List<String> writes = new CopyOnWriteArrayList<>();
    // the Lease the chart's arguments make the operator use; a test must not exit the JVM when it stops leading
    LeaderElectionConfiguration election = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("contactsync-operator")
        .withLeaseNamespace(RELEASE_NAMESPACE).buildForTest(false);
    try (KubernetesClient asOperator = TestCluster.serviceAccount(RELEASE_NAMESPACE, "contactsync-operator", writes);
        ContactSyncOperator operator = new ContactSyncOperator(asOperator, RELEASE_NAMESPACE, TestCluster.SETTINGS,
            new SimpleMeterRegistry(), election, Clock.systemUTC())) {
      operator.start();
      admin.resource(policy(teamNamespace, "p")).create();
      admin.resource(sync(teamNamespace, "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null))))
          .create();
      TestCluster.awaitReady(admin, teamNamespace, "s", Duration.ofSeconds(60));
      assertThat(admin.resources(CronJob.class).inNamespace(teamNamespace).withName("s").get()).isNotNull();
      assertThat(admin.secrets().inNamespace(RELEASE_NAMESPACE).withName("contactsync-sealing-keys").get()).isNotNull();

      // the sync pods' image comes from the operator's own Pod (POD_NAME), which the chart's RBAC lets it read
      Pod own = admin.resource(new PodBuilder().withNewMetadata().withName("contactsync-operator-0").withNamespace(RELEASE_NAMESPACE)
          .endMetadata().withNewSpec().addNewContainer().withName("operator").withImage("registry.example/contactsync:own")
          .endContainer().endSpec().build()).create();
      assertThat(OwnImage.lookUp(asOperator, RELEASE_NAMESPACE, own.getMetadata().getName())).contains("registry.example/contactsync:own");
    }

    // the chart lets anyone signed in read the public sealing key, and nothing else of the operator's
    Config someone = new ConfigBuilder(Config.autoConfigure(null)).withImpersonateUsername("someone@example.org")
        .withImpersonateGroups("system:authenticated").build();
    try (KubernetesClient asSomeone = new KubernetesClientBuilder().withConfig(someone).build()) {
      ConfigMap publicKey = asSomeone.configMaps().inNamespace(RELEASE_NAMESPACE).withName("contactsync-sealing-public-key").get();
      assertThat(publicKey).isNotNull();
      assertThatThrownBy(() -> asSomeone.secrets().inNamespace(RELEASE_NAMESPACE).withName("contactsync-sealing-keys").get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  /**
   * Other cluster tests apply the shipped ClusterRoles without Helm; Helm refuses to take over objects it did not make,
   * so they go first (the cluster tests run one after another, and each applies what it needs again).
   */
  private static void releaseClusterObjectsFromEarlierTests(KubernetesClient admin) {
    for (String name : CLUSTER_OBJECTS) {
      ClusterRole role = admin.rbac().clusterRoles().withName(name).get();
      if (role != null && !isHelms(role.getMetadata())) admin.resource(role).withGracePeriod(0).delete();
    }
    ClusterRoleBinding binding = admin.rbac().clusterRoleBindings().withName("contactsync-operator").get();
    if (binding != null && !isHelms(binding.getMetadata())) admin.resource(binding).delete();
  }

  private static boolean isHelms(ObjectMeta meta) {
    return meta.getLabels() != null && "Helm".equals(meta.getLabels().get("app.kubernetes.io/managed-by"));
  }
}
