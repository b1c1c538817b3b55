package io.contactsync.operator.it;

import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The operator as a cluster test class runs it: in this JVM, against the cluster in KUBECONFIG, acting as its
 * ServiceAccount with exactly the shipped ClusterRole; its write requests recorded and its log captured, so tests can
 * scan both for canaries. Closing it stops the operator and deletes the test namespaces.
 */
final class InProcessOperator implements AutoCloseable {
  private final KubernetesClient admin;
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream originalErr;
  private final KubernetesClient client;
  private final ContactSyncOperator operator;

  private InProcessOperator() throws Exception {
    admin = TestCluster.admin(); // first: without a cluster the test is skipped here, before anything is redirected
    TestCluster.install(admin);
    originalErr = System.err;
    // slf4j-simple writes to the current System.err
    System.setErr(new PrintStream(new TeeOutputStream(originalErr, log), true, StandardCharsets.UTF_8));
    client = TestCluster.operator(writes);
    operator = new ContactSyncOperator(client, TestCluster.OPERATOR_NAMESPACE, TestCluster.SETTINGS, metrics, null,
        Clock.systemUTC());
    operator.start();
  }

  static InProcessOperator start() throws Exception {
    return new InProcessOperator();
  }

  /** A client with the kubeconfig's (admin) identity. */
  KubernetesClient admin() {
    return admin;
  }

  /** The operator's write requests so far (method and path). */
  List<String> writes() {
    return writes;
  }

  SimpleMeterRegistry metrics() {
    return metrics;
  }

  /** Everything logged since the operator started. */
  String log() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(originalErr);
    operator.close();
    client.close();
    TestCluster.deleteTestNamespaces(admin);
    admin.close();
  }
}
