package io.contactsync.operator.runtime;

import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.reconciler.ContactSyncReconciler;
import io.contactsync.operator.reconciler.PrivacyPolicyReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The operator: both controllers on one client. Production and tests build it here, so they share one code path
 * (including JOSDK's default Server-Side Apply for dependents and status).
 */
public final class ContactSyncOperator implements AutoCloseable {
  private final Operator operator;

  /** @param namespace the operator's own namespace, which holds its sealing keys */
  public ContactSyncOperator(KubernetesClient client, String namespace, OperatorSettings settings, MeterRegistry registry,
      LeaderElectionConfiguration leaderElection, Clock clock) {
    this.operator = new Operator(o -> {
      // JOSDK's metrics per controller, not per object: a meter set per ContactSync grows with the cluster
      // (about 5 MiB at 1,000 syncs); SyncMetrics keeps the per-sync figures users read
      o.withKubernetesClient(client).withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (leaderElection != null) o.withLeaderElectionConfiguration(leaderElection);
    });
    EventRecorder events = new EventRecorder(clock);
    operator.register(new PrivacyPolicyReconciler(namespace, clock, events));
    operator.register(new ContactSyncReconciler(settings, new SealingKeyring(client, namespace), clock, events, new SyncMetrics(registry)));
  }

  public void start() {
    operator.start();
  }

  public boolean started() {
    return operator.getRuntimeInfo().isStarted();
  }

  public boolean healthy() {
    return operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }

  /** Whether the server's CronJob knows spec.timeZone (Kubernetes 1.27 and later). */
  public static boolean cronJobTimeZones(KubernetesClient client) {
    var version = client.getKubernetesVersion();
    try {
      int major = Integer.parseInt(version.getMajor().replaceAll("\\D", ""));
      int minor = Integer.parseInt(version.getMinor().replaceAll("\\D", ""));
      return major > 1 || minor >= 27;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
