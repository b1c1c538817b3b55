package io.contactsync.operator.cli;

import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.contactsync.operator.runtime.HealthAndMetricsServer;
import io.contactsync.operator.runtime.OwnImage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "operator", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the operator: reconciles ContactSyncs and PrivacyPolicies into locked-down CronJobs.",
        "Takes its cluster from the in-cluster service account, else KUBECONFIG."})
public final class OperatorCommand implements Callable<Integer> {
  /** Outside a Pod, with no --image and no CONTACTSYNC_IMAGE: the image a local build is tagged with. */
  static final String FALLBACK_IMAGE = "contactsync-operator:latest";

  @Option(names = "--image", defaultValue = "${env:CONTACTSYNC_IMAGE}",
      description = {"Image of the sync pods (default: $CONTACTSYNC_IMAGE, else the image of this operator's own Pod",
          "named by $POD_NAME, else " + FALLBACK_IMAGE + ")."})
  String image;

  @Option(names = "--image-pull-policy", defaultValue = "IfNotPresent", description = "Default: ${DEFAULT-VALUE}.")
  String imagePullPolicy;

  @Option(names = "--leader-election", description = "Elect a leader among replicas (a Lease in --namespace).")
  boolean leaderElection;

  @Option(names = "--namespace", defaultValue = "${env:POD_NAMESPACE:-contactsync-system}",
      description = "The operator's own namespace (default: $POD_NAMESPACE, else ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--port", defaultValue = "8080",
      description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    String syncImage = image != null && !image.isBlank() ? image
        : OwnImage.lookUp(client, namespace, System.getenv("POD_NAME")).orElse(FALLBACK_IMAGE);
    OperatorSettings settings = new OperatorSettings(syncImage, imagePullPolicy, ContactSyncOperator.cronJobTimeZones(client));
    LeaderElectionConfiguration election = leaderElection ? new LeaderElectionConfiguration("contactsync-operator", namespace) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    try (ContactSyncOperator operator = new ContactSyncOperator(client, namespace, settings, registry, election, Clock.systemUTC());
        HealthAndMetricsServer http = new HealthAndMetricsServer(port, registry,
            () -> !operator.started() || operator.healthy(), operator::started)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "contactsync-shutdown"));
      operator.start();
      stopped.await();
    } finally {
      client.close();
    }
    return 0;
  }
}
