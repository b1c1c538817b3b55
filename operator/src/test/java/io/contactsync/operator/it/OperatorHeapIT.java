package io.contactsync.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A namespace editor fills the cluster with the largest objects the schema admits: 100 ContactSyncs and 100
 * PrivacyPolicies ({@link LargestObjects}). The operator, its own process with the chart's JVM options and the heap
 * the chart's memory limit gives it, reconciles every one (status written) and stays healthy, its live heap after a
 * full collection well under that heap. Before the size limits, sealed values had none: 41 syncs of 1.2 MB took the
 * heap from 40 to 144 MB, and about 100 would have exhausted it. The syncs are refused (their sealed values open
 * nowhere), so what a valid sync adds (its job ConfigMap, up to 1 MiB) is not in this measure; docs/security.md says so.
 */
class OperatorHeapIT {
  private static final int OBJECTS = 100;
  private static final Path JAR = Path.of("target", "contactsync.jar").toAbsolutePath();
  private static final Path VALUES = TestCluster.ROOT.resolve("charts/contactsync-operator/values.yaml");
  private static final Path LOG = Path.of("target", "operator-heap-it.log").toAbsolutePath();
  private static final Path HISTOGRAM = Path.of("target", "operator-heap-it.histogram.txt").toAbsolutePath();
  private static final Pattern PERCENT = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

  @Test
  void aHundredOfTheLargestSyncsAndPoliciesLeaveTheOperatorHealthyAndUnderItsHeap() throws Exception {
    try (KubernetesClient admin = TestCluster.admin()) {
      TestCluster.install(admin);
      String namespace = TestCluster.namespace(admin, "heap");
      JsonNode values = new YAMLMapper().readTree(VALUES.toFile());
      String jvmOptions = values.path("jvmOptions").asText();
      long memoryLimit = Quantity.getAmountInBytes(new Quantity(values.at("/resources/limits/memory").asText())).longValue();
      Matcher percent = PERCENT.matcher(jvmOptions);
      assertThat(percent.find()).as("the chart's jvmOptions set -XX:MaxRAMPercentage: %s", jvmOptions).isTrue();
      long maxHeap = (long) (memoryLimit * Double.parseDouble(percent.group(1)) / 100);
      int port = freePort();
      Process operator = start(jvmOptions, maxHeap, port);
      List<String> writes = new CopyOnWriteArrayList<>();
      try (KubernetesClient syncEditor = TestCluster.tenant(admin, namespace, "sync-editor", "contactsync-editor", writes);
          KubernetesClient policyEditor = TestCluster.tenant(admin, namespace, "policy-editor", "contactsync-policy-editor", writes)) {
        awaitHealthy(operator, port);
        long idle = liveHeap(operator);
        long started = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < OBJECTS; i++) bytes += size(policyEditor.resource(LargestObjects.policy(namespace, i)).create());
        for (int i = 0; i < OBJECTS; i++) bytes += size(syncEditor.resource(LargestObjects.sync(namespace, i, OBJECTS)).create());

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
          assertThat(operator.isAlive()).as("the operator is running (log: %s)", LOG).isTrue();
          assertThat(unreconciled(admin.resources(PrivacyPolicy.class).inNamespace(namespace).list().getItems(),
              p -> p.getStatus() == null ? null : p.getStatus().getObservedGeneration())).as("policies without status").isZero();
          assertThat(unreconciled(admin.resources(ContactSync.class).inNamespace(namespace).list().getItems(),
              s -> s.getStatus() == null ? null : s.getStatus().getObservedGeneration())).as("syncs without status").isZero();
        });
        Duration reconciled = Duration.ofNanos(System.nanoTime() - started);
        long live = liveHeap(operator);
        System.out.printf("OperatorHeapIT: %d policies and %d syncs, %.1f MB as stored, reconciled in %.1f s; live heap "
            + "after a full GC %.1f MiB idle, %.1f MiB with them, of %.1f MiB%n", OBJECTS, OBJECTS, bytes / 1e6,
            reconciled.toMillis() / 1e3, mib(idle), mib(live), mib(maxHeap));
        // a fifth of the heap left for the garbage reconciles make between collections
        assertThat(live).as("live heap in bytes, of %d", maxHeap).isLessThan(maxHeap * 4 / 5);
        assertThat(health(port)).as("/healthz").isEqualTo(200);
      } finally {
        operator.destroy();
        operator.waitFor(30, TimeUnit.SECONDS);
        TestCluster.deleteTestNamespaces(admin);
      }
    }
  }

  /**
   * The operator command of the jar the image runs, with the chart's JVM options and the heap they give in the chart's
   * memory limit (-Xmx, since outside a container the JVM would size its heap from the machine), acting as the
   * operator's ServiceAccount.
   */
  private static Process start(String jvmOptions, long maxHeap, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeap));
    command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
    command.addAll(List.of("-XX:+ExitOnOutOfMemoryError",
        "-Dkubernetes.impersonate.username=system:serviceaccount:" + TestCluster.OPERATOR_NAMESPACE + ":" + TestCluster.OPERATOR_ACCOUNT,
        "-Dkubernetes.impersonate.group=system:serviceaccounts,system:serviceaccounts:" + TestCluster.OPERATOR_NAMESPACE
            + ",system:authenticated",
        "-jar", JAR.toString(), "operator", "--namespace", TestCluster.OPERATOR_NAMESPACE,
        "--bind-address", "127.0.0.1", "--port", String.valueOf(port),
        "--image", TestCluster.SETTINGS.image()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    return builder.start();
  }

  private static void awaitHealthy(Process operator, int port) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(operator.isAlive()).as("the operator is running (log: %s)", LOG).isTrue();
      assertThat(health(port)).isEqualTo(200);
    });
  }

  private static int health(int port) {
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Bytes of live objects after a full collection: jcmd's class histogram collects first, then counts. */
  private static long liveHeap(Process operator) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(operator.pid()), "GC.class_histogram").redirectErrorStream(true).start();
    String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Files.writeString(HISTOGRAM, histogram); // where the heap goes, next to the operator's log
    Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
    assertThat(total.find()).as("jcmd GC.class_histogram: %s", histogram.lines().limit(5).toList()).isTrue();
    return Long.parseLong(total.group(1));
  }

  private static <T extends HasMetadata> long unreconciled(List<T> items, Function<T, Long> observed) {
    assertThat(items).hasSize(OBJECTS);
    return items.stream().filter(i -> !i.getMetadata().getGeneration().equals(observed.apply(i))).count();
  }

  private static long size(HasMetadata created) {
    return Serialization.asJson(created).getBytes(StandardCharsets.UTF_8).length;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
