package io.contactsync.operator.cli;

import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Durations;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.contactsync.operator.runtime.HealthAndMetricsServer;
import io.contactsync.operator.runtime.OwnImage;
import io.fabric8.kubernetes.api.model.Quantity;
import io.contactsync.sync.config.ConfigurationException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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

  @Option(names = "--bind-address", defaultValue = "0.0.0.0",
      description = "Address of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}, as the kubelet probes the Pod's IP).")
  String bindAddress;

  @Option(names = "--port", defaultValue = "8080",
      description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--egress-denied-cidrs", split = ",", defaultValue = AdminBounds.DENIED_CIDRS,
      description = {"CIDRs no sync may reach: a spec.egress CIDR or an endpoint address overlapping one is refused",
          "(default: ${DEFAULT-VALUE}: link-local and cloud metadata addresses)."})
  List<String> egressDeniedCidrs;

  @Option(names = "--egress-allowed-cidrs", split = ",",
      description = {"When set, every external address a sync reaches must lie inside one of these CIDRs. A CIDR of",
          "every address (0.0.0.0/0, ::/0) is refused unless listed here (default: none, i.e. any address not denied)."})
  List<String> egressAllowedCidrs = List.of();

  @Option(names = "--egress-deny-api-server", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Refuse egress to the API server's own addresses (default: ${DEFAULT-VALUE}).")
  boolean egressDenyApiServer;

  @Option(names = "--egress-allowed-namespaces", split = ",",
      description = {"Namespaces whose Services every sync may reach without that namespace's consent",
          "(default: none: each namespace consents with its contactsync.io/accepts-syncs-from annotation)."})
  List<String> egressAllowedNamespaces = List.of();

  @Option(names = "--min-schedule-interval", defaultValue = AdminBounds.MIN_SCHEDULE_INTERVAL,
      description = "The shortest gap between two scheduled runs a sync's schedule may ask for (default: ${DEFAULT-VALUE}).")
  String minScheduleInterval;

  @Option(names = "--max-sync-cpu", defaultValue = AdminBounds.MAX_CPU,
      description = "The most CPU a sync pod may request or be limited to (default: ${DEFAULT-VALUE}).")
  String maxSyncCpu;

  @Option(names = "--max-sync-memory", defaultValue = AdminBounds.MAX_MEMORY,
      description = "The most memory a sync pod may request or be limited to (default: ${DEFAULT-VALUE}).")
  String maxSyncMemory;

  @Option(names = "--max-run-timeout", defaultValue = AdminBounds.MAX_RUN_TIMEOUT,
      description = "The longest spec.timeout a sync may set (default: ${DEFAULT-VALUE}).")
  String maxRunTimeout;

  @Option(names = "--finished-job-ttl", defaultValue = AdminBounds.FINISHED_JOB_TTL,
      description = "How long a finished run's Job, its pod and their logs are kept (default: ${DEFAULT-VALUE}).")
  String finishedJobTtl;

  /** The flags as bounds; a flag that does not parse stops the operator before it reconciles anything. */
  public AdminBounds bounds() {
    try {
      return new AdminBounds(egressDeniedCidrs.stream().filter(c -> !c.isBlank()).map(Cidr::parse).toList(),
          egressAllowedCidrs.stream().filter(c -> !c.isBlank()).map(Cidr::parse).toList(), egressDenyApiServer,
          Set.copyOf(egressAllowedNamespaces.stream().filter(n -> !n.isBlank()).toList()),
          Durations.parse(minScheduleInterval), quantity("--max-sync-cpu", maxSyncCpu),
          quantity("--max-sync-memory", maxSyncMemory), Durations.parse(maxRunTimeout), Durations.parse(finishedJobTtl));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid bound: " + e.getMessage());
    }
  }

  private static Quantity quantity(String flag, String value) {
    try {
      Quantity q = new Quantity(value);
      if (q.getNumericalAmount().signum() <= 0) throw new IllegalArgumentException(flag + " must be above zero");
      return q;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(flag + " '" + value + "' is not a quantity such as 2, 500m or 4Gi");
    }
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AdminBounds bounds = bounds();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    requireOwnNamespace(client);
    String syncImage = image != null && !image.isBlank() ? image
        : OwnImage.lookUp(client, namespace, System.getenv("POD_NAME")).orElse(FALLBACK_IMAGE);
    OperatorSettings settings = new OperatorSettings(syncImage, imagePullPolicy,
        ContactSyncOperator.cronJobTimeZones(client), bounds);
    LeaderElectionConfiguration election = leaderElection ? new LeaderElectionConfiguration("contactsync-operator", namespace) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    try (ContactSyncOperator operator = new ContactSyncOperator(client, namespace, settings, registry, election, Clock.systemUTC());
        HealthAndMetricsServer http = new HealthAndMetricsServer(bindAddress, port, registry,
            () -> !operator.started() || operator.healthy(), operator::started)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "contactsync-shutdown"));
      operator.start();
      stopped.await();
    } finally {
      client.close();
    }
    return 0;
  }

  /** The operator keeps its sealing key and Lease in its own namespace: without it nothing can start. */
  private void requireOwnNamespace(KubernetesClient client) throws ConfigurationException {
    if (client.namespaces().withName(namespace).get() == null) {
      client.close();
      throw new ConfigurationException("the operator's namespace '" + namespace + "' does not exist: create it"
          + " (kubectl create namespace " + namespace + "), or name another with --namespace or $POD_NAMESPACE");
    }
  }
}
