package io.contactsync.operator.it;

import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.runtime.ContactSyncOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The operator as a cluster test class runs it: in this JVM, against the cluster in KUBECONFIG, acting as its
 * ServiceAccount with exactly the shipped ClusterRole; its write requests recorded and its log captured, so tests can
 * scan both for canaries. A test class registers it as a static extension field; after the class it stops the
 * operator and deletes the test namespaces.
 */
final class InProcessOperator implements BeforeAllCallback, AfterAllCallback {
  private KubernetesClient admin;
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private KubernetesClient client;
  private ContactSyncOperator operator;
  private final OperatorSettings settings;

  /** The operator with the settings of every cluster test (the default admin bounds). */
  InProcessOperator() {
    this(TestCluster.SETTINGS);
  }

  /** The operator with other settings, for a test of what an admin may change. */
  InProcessOperator(OperatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    admin = TestCluster.admin(); // first: without a cluster the test is skipped here, before anything is redirected
    TestCluster.install(admin);
    originalErr = System.err;
    // slf4j-simple writes to the current System.err
    System.setErr(new PrintStream(new TeeOutputStream(originalErr, log), true, StandardCharsets.UTF_8));
    client = TestCluster.operator(writes);
    operator = new ContactSyncOperator(client, TestCluster.OPERATOR_NAMESPACE, settings, metrics, null,
        Clock.systemUTC());
    operator.start();
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
  public void afterAll(ExtensionContext context) {
    if (originalErr != null) System.setErr(originalErr);
    if (operator != null) operator.close();
    if (client != null) client.close();
    if (admin != null) {
      TestCluster.deleteTestNamespaces(admin);
      admin.close();
    }
  }
}
