package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.operator.cli.ContactSyncMain;
import io.contactsync.operator.desired.SyncSecret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, observations 1 and 6, played by a tenant holding only contactsync-editor in its namespace: a Secret the
 * tenant cannot read must never reach a server the tenant chose, only a Secret its writer marked for syncs is used,
 * and the status tells the tenant nothing about Secrets and Services that its own rights would not tell it.
 */
class TenantCredentialsIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String CANARY_USER = "db-admin-user";
  private static final String CANARY = "canary-db-admin-password-5be1";
  private static final String REASON = "CredentialsUnavailable";
  private static final String CONSENT_LABEL = "contactsync.io/credentials";
  private static final String ALLOWED_SYNCS = "contactsync.io/allowed-syncs";
  private static final String ACCEPTS_FROM = "contactsync.io/accepts-syncs-from";

  @TempDir Path pod;

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  /** A namespace with the admin's unlabelled Secret db-admin (the canary), a policy p, and the tenant's client. */
  private static KubernetesClient tenantWithAdminSecret(String ns) {
    CLUSTER.admin().resource(policy(ns, "p")).create();
    CLUSTER.admin().resource(secret(ns, "db-admin", "Opaque", Map.of("username", CANARY_USER, "password", CANARY))).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "tenant", "contactsync-editor", new CopyOnWriteArrayList<>());
    assertThatThrownBy(() -> tenant.secrets().inNamespace(ns).withName("db-admin").get())
        .as("the tenant may not read db-admin itself")
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    return tenant;
  }

  private static Secret secret(String ns, String name, String type, Map<String, String> values) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().withType(type)
        .withStringData(values).build();
  }

  private static Secret consented(Secret secret) {
    return new SecretBuilder(secret).editMetadata().addToLabels(CONSENT_LABEL, "allowed").endMetadata().build();
  }

  /** The tenant's sync: a CardDAV source at the URL with the named Secret's credentials, into a local file. */
  private ContactSync cardDavSync(String ns, String name, String url, String secretName, boolean insecure) {
    ContactSync s = sync(ns, name, "unused", fileDestination("out", pod.resolve("out.jsonl").toString(), new PolicyReference("p", null)));
    CardDavConnector dav = new CardDavConnector();
    dav.setUrl(url);
    dav.setCredentials(secretCredentials(secretName));
    if (insecure) dav.setAllowInsecureTransport(true);
    SourceSpec source = new SourceSpec();
    source.setCarddav(dav);
    s.getSpec().setSource(source);
    return s;
  }

  /** The Ready condition, once the operator has written one for the sync's current generation. */
  private static Condition awaitReadyCondition(String ns, String name) {
    await().atMost(CONVERGE).until(() -> {
      ContactSync s = CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName(name).get();
      return s != null && s.getStatus() != null && Objects.equals(s.getStatus().getObservedGeneration(), s.getMetadata().getGeneration())
          && TestCluster.ready(CLUSTER.admin(), ns, name) != null;
    });
    return TestCluster.ready(CLUSTER.admin(), ns, name);
  }

  private static Secret syncSecret(String ns, String name) {
    return CLUSTER.admin().secrets().inNamespace(ns).withName(name + "-sync").get();
  }

  private static String decoded(Secret secret, String key) {
    String value = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  /** The canary appears in no status, event or ConfigMap of the namespace, nor in the operator's log. */
  private static void assertCanaryNowhereVisible(String ns) {
    List<String> visible = new ArrayList<>();
    CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).list().getItems()
        .forEach(s -> visible.add(CLUSTER.admin().getKubernetesSerialization().asJson(s.getStatus())));
    CLUSTER.admin().configMaps().inNamespace(ns).list().getItems().forEach(c -> visible.add(String.valueOf(c.getData())));
    CLUSTER.admin().v1().events().inNamespace(ns).list().getItems().forEach(e -> visible.add(e.getReason() + " " + e.getMessage()));
    visible.add(CLUSTER.log());
    assertThat(visible).noneMatch(text -> text.contains(CANARY));
  }

  /** Every IP block the sync's NetworkPolicy opens egress to. */
  private static List<String> egressCidrs(String ns, String name) {
    NetworkPolicy network = CLUSTER.admin().network().v1().networkPolicies().inNamespace(ns).withName(name + "-sync").get();
    if (network == null) return List.of();
    return network.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream()).map(NetworkPolicyPeer::getIpBlock)
        .filter(Objects::nonNull).map(b -> b.getCidr()).toList();
  }

  /**
   * What a run pod of the sync would do: lay out exactly what the operator mounts (the {@code <n>-sync} Secret's
   * items and the {@code <n>-job} ConfigMap) and run the CronJob's own command on them here. Nothing runs when the
   * operator made no CronJob, Secret or job ConfigMap.
   */
  private void runThePod(String ns, String name) throws IOException {
    Secret secret = syncSecret(ns, name);
    ConfigMap job = CLUSTER.admin().configMaps().inNamespace(ns).withName(name + "-job").get();
    CronJob cron = CLUSTER.admin().resources(CronJob.class).inNamespace(ns).withName(name).get();
    if (secret == null || job == null || cron == null) return;
    Path root = pod.resolve("root-" + name);
    Path jobFile = root.resolve("etc/contactsync/job/job.json");
    Files.createDirectories(jobFile.getParent());
    Files.writeString(jobFile, job.getData().get("job.json"));
    for (KeyToPath item : SyncSecret.volumeItems(secret)) {
      Path file = root.resolve("etc/contactsync/secret").resolve(item.getPath());
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(secret.getData().get(item.getKey())));
    }
    Files.createDirectories(root.resolve("dev"));
    List<String> args = new ArrayList<>();
    for (String arg : cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()) {
      args.add(arg.startsWith("/etc/") || arg.startsWith("/dev/") ? root.resolve(arg.substring(1)).toString() : arg);
    }
    ContactSyncMain.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(new StringWriter()))
        .execute(args.toArray(String[]::new));
  }

  /** An HTTP server on 127.0.0.1 that records each request's Authorization header and answers 401. */
  static final class TenantHttpServer implements AutoCloseable {
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final HttpServer server;

    TenantHttpServer() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/book/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * A PostgreSQL server on 127.0.0.1 as a thief writes one: it asks every client for its password in cleartext
   * (AuthenticationCleartextPassword) and records what it gets.
   */
  static final class TenantPostgres implements AutoCloseable {
    final List<String> passwords = new CopyOnWriteArrayList<>();
    final ServerSocket socket;

    TenantPostgres() throws IOException {
      socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket client = socket.accept()) {
            client.setSoTimeout(10_000);
            serve(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
          } catch (IOException ignored) {
            // the next client
          }
        }
      }, "tenant-postgres");
      t.setDaemon(true);
      t.start();
    }

    private void serve(DataInputStream in, DataOutputStream out) throws IOException {
      while (true) {
        int length = in.readInt();
        int code = in.readInt();
        in.readFully(new byte[length - 8]);
        if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: refused, the client goes on in the clear
          out.writeByte('N');
          out.flush();
          continue;
        }
        break; // the startup message
      }
      out.writeByte('R');
      out.writeInt(8);
      out.writeInt(3); // cleartext password, please
      out.flush();
      if (in.readByte() != 'p') return;
      byte[] message = new byte[in.readInt() - 4];
      in.readFully(message);
      passwords.add(new String(message, 0, Math.max(0, message.length - 1), StandardCharsets.UTF_8));
    }

    String url() {
      return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/crm?sslmode=disable";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aCardDavSourceOfTheTenantsChoosingGetsNoCredentialsFromASecretTheTenantCannotRead() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "deputy-dav");
    KubernetesClient tenant = tenantWithAdminSecret(ns);
    try (TenantHttpServer thief = new TenantHttpServer()) {
      tenant.resource(cardDavSync(ns, "crm", thief.url(), "db-admin", true)).create();
      Condition ready = awaitReadyCondition(ns, "crm");

      runThePod(ns, "crm");
      String basic = "Basic " + Base64.getEncoder().encodeToString((CANARY_USER + ":" + CANARY).getBytes(StandardCharsets.UTF_8));
      assertThat(thief.authorizations).as("what the tenant's CardDAV server received from a run pod").doesNotContain(basic);
      assertThat(decoded(syncSecret(ns, "crm"), "credentials.source.password")).as("crm-sync").isNull();
      assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
      assertThat(ready.getReason()).isEqualTo(REASON);
      assertThat(ready.getMessage()).doesNotContain(CANARY).contains("contactsync.io/credentials=allowed");
      assertThat(syncSecret(ns, "crm")).isNull();
      assertThat(CLUSTER.admin().resources(CronJob.class).inNamespace(ns).withName("crm").get()).isNull();
      assertThat(egressCidrs(ns, "crm")).as("no egress to the tenant's address").doesNotContain("127.0.0.1/32");
      assertCanaryNowhereVisible(ns);
    } finally {
      tenant.close();
    }
  }

  @Test
  void aPostgresDestinationOfTheTenantsChoosingGetsNoCredentialsFromASecretTheTenantCannotRead() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "deputy-pg");
    KubernetesClient tenant = tenantWithAdminSecret(ns);
    Path contacts = pod.resolve("in.jsonl");
    Files.writeString(contacts, "{\"id\":\"1\",\"name\":{\"given\":\"Ada\"}}\n");
    try (TenantPostgres thief = new TenantPostgres()) {
      DestinationSpec pg = postgresDestination("db", thief.url(), "db-admin", new PolicyReference("p", null));
      pg.getPostgres().setAllowInsecureTransport(true);
      pg.getPostgres().setCreateTable(true);
      tenant.resource(sync(ns, "crm", contacts.toString(), pg)).create();
      Condition ready = awaitReadyCondition(ns, "crm");

      runThePod(ns, "crm");
      assertThat(thief.passwords).as("what the tenant's PostgreSQL server received from a run pod").doesNotContain(CANARY);
      assertThat(decoded(syncSecret(ns, "crm"), "credentials.db.password")).as("crm-sync").isNull();
      assertThat(ready.getReason()).isEqualTo(REASON);
      assertThat(syncSecret(ns, "crm")).isNull();
      assertThat(CLUSTER.admin().resources(CronJob.class).inNamespace(ns).withName("crm").get()).isNull();
      assertThat(egressCidrs(ns, "crm")).as("no egress to the tenant's address").doesNotContain("127.0.0.1/32");
      assertCanaryNowhereVisible(ns);
    } finally {
      tenant.close();
    }
  }

  /** The sync is refused for its credentials, holds none, and the canary shows nowhere. */
  private static void assertSourceRefusedItsCredentials(String ns, String sync) {
    Condition ready = awaitReadyCondition(ns, sync);
    assertThat(decoded(syncSecret(ns, sync), "credentials.source.password")).as(sync + "-sync").isNull();
    assertThat(ready.getReason()).isEqualTo(REASON);
    assertThat(syncSecret(ns, sync)).isNull();
    assertCanaryNowhereVisible(ns);
  }

  @Test
  void aLabelledSecretOfAnotherTypeIsRefused() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "deputy-type");
    KubernetesClient tenant = tenantWithAdminSecret(ns);
    CLUSTER.admin().resource(consented(secret(ns, "registry", "kubernetes.io/dockerconfigjson",
        Map.of(".dockerconfigjson", "{\"auths\":{}}", "username", CANARY_USER, "password", CANARY)))).create();
    tenant.resource(cardDavSync(ns, "crm", "https://203.0.113.5/book/", "registry", false)).create();
    assertSourceRefusedItsCredentials(ns, "crm");
    tenant.close();
  }

  @Test
  void aLabelledSecretThatNamesOtherSyncsIsRefusedToThisOne() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "deputy-named");
    KubernetesClient tenant = tenantWithAdminSecret(ns);
    CLUSTER.admin().resource(new SecretBuilder(secret(ns, "for-other", "kubernetes.io/basic-auth", Map.of("username", CANARY_USER,
        "password", CANARY))).editMetadata().addToLabels(CONSENT_LABEL, "allowed").addToAnnotations(ALLOWED_SYNCS, "other, billing")
        .endMetadata().build()).create();
    tenant.resource(cardDavSync(ns, "crm", "https://203.0.113.5/book/", "for-other", false)).create();
    assertSourceRefusedItsCredentials(ns, "crm");
    tenant.close();
  }

  @Test
  void aConsentedSecretIsUsedAndItsRotationReachesTheSyncWithinSeconds() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "consented");
    KubernetesClient tenant = tenantWithAdminSecret(ns);
    CLUSTER.admin().resource(new SecretBuilder(secret(ns, "dav-creds", "kubernetes.io/basic-auth", Map.of("username", "crm-reader",
        "password", "first-password"))).editMetadata().addToLabels(CONSENT_LABEL, "allowed").addToAnnotations(ALLOWED_SYNCS, "crm")
        .endMetadata().build()).create();
    tenant.resource(cardDavSync(ns, "crm", "https://203.0.113.5/book/", "dav-creds", false)).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    await().atMost(CONVERGE).untilAsserted(() ->
        assertThat(decoded(syncSecret(ns, "crm"), "credentials.source.password")).isEqualTo("first-password"));
    assertThat(decoded(syncSecret(ns, "crm"), "credentials.source.username")).isEqualTo("crm-reader");

    CLUSTER.admin().secrets().inNamespace(ns).withName("dav-creds").edit(s -> new SecretBuilder(s).withData(null)
        .withStringData(Map.of("username", "crm-reader", "password", "rotated-password")).build());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(decoded(syncSecret(ns, "crm"), "credentials.source.password")).as("the rotated password in crm-sync")
            .isEqualTo("rotated-password"));
    tenant.close();
  }

  @Test
  void aSecretBoundToItsHostsIsRefusedOnceTheTenantRepointsTheSyncAtItsOwnServer() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "repoint");
    KubernetesClient tenant = tenantWithAdminSecret(ns);
    CLUSTER.admin().resource(new SecretBuilder(secret(ns, "dav-creds", "kubernetes.io/basic-auth", Map.of("username", CANARY_USER,
        "password", CANARY))).editMetadata().addToLabels(CONSENT_LABEL, "allowed").addToAnnotations(ALLOWED_SYNCS, "crm")
        .addToAnnotations("contactsync.io/allowed-hosts", "203.0.113.5").endMetadata().build()).create();
    tenant.resource(cardDavSync(ns, "crm", "https://203.0.113.5/book/", "dav-creds", false)).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    assertThat(decoded(syncSecret(ns, "crm"), "credentials.source.password")).isEqualTo(CANARY);

    try (TenantHttpServer thief = new TenantHttpServer()) {
      tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").edit(s -> {
        s.getSpec().getSource().getCarddav().setUrl(thief.url());
        s.getSpec().getSource().getCarddav().setAllowInsecureTransport(true);
        return s;
      });
      Condition ready = awaitReadyCondition(ns, "crm");
      assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo(REASON);
      await().atMost(CONVERGE).untilAsserted(() -> assertThat(syncSecret(ns, "crm")).as("crm-sync is removed").isNull());
      runThePod(ns, "crm");
      assertThat(thief.authorizations).as("what the tenant's server received").isEmpty();
      assertThat(egressCidrs(ns, "crm")).doesNotContain("127.0.0.1/32");
    } finally {
      tenant.close();
    }
  }

  @Test
  void theStatusSaysTheSameOfAMissingSecretAndOfAnExistingOneWithoutConsent() {
    String withSecret = TestCluster.namespace(CLUSTER.admin(), "oracle-a");
    String without = TestCluster.namespace(CLUSTER.admin(), "oracle-b");
    KubernetesClient tenantA = tenantWithAdminSecret(withSecret);
    CLUSTER.admin().resource(policy(without, "p")).create();
    KubernetesClient tenantB = TestCluster.tenant(CLUSTER.admin(), without, "tenant", "contactsync-editor", new CopyOnWriteArrayList<>());
    tenantA.resource(cardDavSync(withSecret, "crm", "https://203.0.113.5/book/", "db-admin", false)).create();
    tenantB.resource(cardDavSync(without, "crm", "https://203.0.113.5/book/", "db-admin", false)).create();

    Condition exists = awaitReadyCondition(withSecret, "crm");
    Condition missing = awaitReadyCondition(without, "crm");
    assertThat(exists.getReason()).isEqualTo(missing.getReason());
    assertThat(exists.getMessage().replace(withSecret, "NS")).isEqualTo(missing.getMessage().replace(without, "NS"));
    assertThat(exists.getReason()).isEqualTo(REASON);
    tenantA.close();
    tenantB.close();
  }

  @Test
  void anEndpointInAnotherNamespaceNeedsThatNamespacesConsentAndTheStatusDoesNotTellWhetherItsServiceExists() {
    String ns = TestCluster.namespace(CLUSTER.admin(), "tenant-svc");
    String withService = TestCluster.namespace(CLUSTER.admin(), "other-a");
    String without = TestCluster.namespace(CLUSTER.admin(), "other-b");
    CLUSTER.admin().resource(new ServiceBuilder().withNewMetadata().withName("hook").withNamespace(withService).endMetadata()
        .withNewSpec().withSelector(Map.of("app", "hook")).addNewPort().withPort(443).endPort().endSpec().build()).create();
    CLUSTER.admin().resource(policy(ns, "p")).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "tenant", "contactsync-editor", new CopyOnWriteArrayList<>());
    tenant.resource(sync(ns, "to-a", "in.vcf", webhookDestination("hook", "https://hook." + withService + ".svc/in",
        new PolicyReference("p", null)))).create();
    tenant.resource(sync(ns, "to-b", "in.vcf", webhookDestination("hook", "https://hook." + without + ".svc/in",
        new PolicyReference("p", null)))).create();

    Condition a = awaitReadyCondition(ns, "to-a");
    Condition b = awaitReadyCondition(ns, "to-b");
    assertThat(a.getStatus()).as(a.getMessage()).isEqualTo(Condition.Status.False);
    assertThat(a.getReason()).isEqualTo(b.getReason());
    assertThat(a.getMessage().replace(withService, "OTHER").replace("to-a", "SYNC"))
        .isEqualTo(b.getMessage().replace(without, "OTHER").replace("to-b", "SYNC"));
    assertThat(a.getMessage()).contains(ACCEPTS_FROM);

    CLUSTER.admin().namespaces().withName(withService).edit(n -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(n).editMetadata()
        .addToAnnotations(ACCEPTS_FROM, "someone-else, " + ns).endMetadata().build());
    TestCluster.awaitReady(CLUSTER.admin(), ns, "to-a", CONVERGE);
    NetworkPolicy network = CLUSTER.admin().network().v1().networkPolicies().inNamespace(ns).withName("to-a-sync").get();
    assertThat(network.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo()).anySatisfy(peer -> {
      assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", withService);
      assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "hook"));
    }));
    tenant.close();
  }
}
