package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.CredentialsRef;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.operator.cli.ContactSyncMain;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, observation 4: a sealed credential must open only for the endpoint, key, host and port it was sealed for.
 * The limited tenant (contactsync-editor in its namespace, nothing else) holds a canary password sealed for its
 * CardDAV source at 203.0.113.5:8443 and tries to make the operator open it for somewhere else.
 */
class TenantSealedValuesIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String CANARY = "canary-tenant-sealed-pw-4d2c";
  private static final String GOOD_URL = "https://203.0.113.5:8443/dav/addressbooks/crm/";
  private static final String OTHER_URL = "https://127.0.0.1:39999/dav/addressbooks/crm/";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  @Test
  void aSealedPasswordDoesNotFollowTheSourceToAnotherHost() throws Exception {
    String ns = tenantNamespace("sealed-host");
    KubernetesClient tenant = tenant(ns);
    ContactSync sync = tenant.resource(carddavSync(ns, "crm", GOOD_URL,
        Map.of("password", seal(ns, "crm", "source", GOOD_URL, "password")))).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    assertThat(canaryIn(ns, "crm-sync", "credentials.source.password")).isTrue();

    tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"source\":{\"carddav\":{\"url\":\"" + OTHER_URL + "\"}}}}");

    awaitRefused(ns, "crm", "the source: credentials.sealed.password");
    assertThat(ready(ns, "crm").getMessage()).contains("--endpoint source", "--url", "127.0.0.1:39999", "--key password");
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(get(Secret.class, ns, "crm-sync")).as("the canary is not opened for 127.0.0.1:39999").isNull();
      assertThat(get(CronJob.class, ns, "crm")).as("no run goes to the new host").isNull();
    });
    assertNothingShows(ns, sync);
  }

  @Test
  void aSyncDeletedAndCreatedAgainWithTheSameNameElsewhereDoesNotOpenIt() throws Exception {
    String ns = tenantNamespace("sealed-recreate");
    KubernetesClient tenant = tenant(ns);
    Map<String, String> sealed = Map.of("password", seal(ns, "crm", "source", GOOD_URL, "password"));
    tenant.resource(carddavSync(ns, "crm", GOOD_URL, sealed)).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").delete();
    await().atMost(CONVERGE).until(() -> tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").get() == null);

    ContactSync again = tenant.resource(carddavSync(ns, "crm", OTHER_URL, sealed)).create();
    awaitRefused(ns, "crm", "the source: credentials.sealed.password");
    await().atMost(CONVERGE).untilAsserted(() -> assertThat(get(Secret.class, ns, "crm-sync")).isNull());
    assertNothingShows(ns, again);
  }

  @Test
  void aValueSealedForOneEndpointOrKeyDoesNotOpenForAnother() throws Exception {
    String ns = tenantNamespace("sealed-move");
    KubernetesClient tenant = tenant(ns);
    String hook = "https://203.0.113.5:8443/hook";
    String forSource = seal(ns, "crm", "source", hook, "signingKey");
    String username = seal(ns, "swapped", "source", GOOD_URL, "username");

    // sealed for the same sync, key, host and port: only the endpoint differs
    ContactSync moved = sync(ns, "crm", "in.vcf", sealedWebhook("hook", hook, Map.of("signingKey", forSource)));
    moved = tenant.resource(moved).create();
    awaitRefused(ns, "crm", "destination 'hook': credentials.sealed.signingKey");
    assertThat(get(Secret.class, ns, "crm-sync")).isNull();

    // the same sync, endpoint and address: only the key differs
    ContactSync swapped = tenant.resource(carddavSync(ns, "swapped", GOOD_URL, Map.of("password", username))).create();
    awaitRefused(ns, "swapped", "the source: credentials.sealed.password");
    assertThat(get(Secret.class, ns, "swapped-sync")).isNull();
    assertNothingShows(ns, moved, swapped);
  }

  @Test
  void aV1ValueIsRefusedWithTheCommandThatSealsItAgain() throws Exception {
    String ns = tenantNamespace("sealed-v1");
    KubernetesClient tenant = tenant(ns);
    String v1 = V1Sealing.seal(publicKeyset(), ns, "crm", CANARY.getBytes(StandardCharsets.UTF_8));
    ContactSync sync = tenant.resource(carddavSync(ns, "crm", GOOD_URL, Map.of("password", v1))).create();
    awaitRefused(ns, "crm", "the source: credentials.sealed.password");
    assertThat(ready(ns, "crm").getMessage()).contains("sealed.v1", "cannot name a host",
        "contactsync seal --namespace " + ns + " --name crm --endpoint source --url 'https://203.0.113.5:8443/' --key password");
    assertThat(get(Secret.class, ns, "crm-sync")).isNull();
    assertNothingShows(ns, sync);
  }

  @Test
  void theLegitimatePathOpensTheCanaryOnlyIntoTheSyncsSecret() throws Exception {
    String ns = tenantNamespace("sealed-ok");
    KubernetesClient tenant = tenant(ns);
    ContactSync sync = tenant.resource(carddavSync(ns, "crm", GOOD_URL,
        Map.of("password", seal(ns, "crm", "source", GOOD_URL, "password")))).create();
    TestCluster.awaitReady(CLUSTER.admin(), ns, "crm", CONVERGE);
    assertThat(canaryIn(ns, "crm-sync", "credentials.source.password")).isTrue();
    await().atMost(CONVERGE).until(() -> get(CronJob.class, ns, "crm") != null);

    // the URL's path may change: the binding is the host and port the driver contacts
    tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"source\":{\"carddav\":{\"url\":\"https://203.0.113.5:8443/dav/addressbooks/other/\"}}}}");
    await().atMost(CONVERGE).untilAsserted(() -> {
      ContactSync now = tenant.resources(ContactSync.class).inNamespace(ns).withName("crm").get();
      assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration());
      assertThat(ready(ns, "crm").getStatus()).as(ready(ns, "crm").getMessage()).isEqualTo(Condition.Status.True);
    });
    assertThat(canaryIn(ns, "crm-sync", "credentials.source.password")).isTrue();
    assertNothingShows(ns, sync);
    String log;
    log = CLUSTER.log();
    assertThat(log).as("the operator logs").contains("contactsync").doesNotContain(CANARY);
  }

  // --- helpers

  /** A fresh namespace with policy p, which admits destinations at 203.0.113.5 (set by an admin, not the tenant). */
  private static String tenantNamespace(String prefix) {
    String ns = TestCluster.namespace(CLUSTER.admin(), prefix);
    CLUSTER.admin().resource(admitting(policy(ns, "p"), List.of(), List.of("203.0.113.5"))).create();
    return ns;
  }

  private static KubernetesClient tenant(String ns) {
    return TestCluster.tenant(CLUSTER.admin(), ns, "tenant", "contactsync-editor", new ArrayList<>());
  }

  /** Seals the canary the way a tenant does, with the CLI and the public key the operator publishes. */
  private static String seal(String ns, String name, String endpoint, String url, String key) throws Exception {
    Path value = Files.writeString(Files.createTempFile("canary", ""), CANARY);
    Path publicKey = Files.writeString(Files.createTempFile("public", ".json"), publicKeyset());
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = ContactSyncMain.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("seal",
          "-n", ns, "--name", name, "--endpoint", endpoint, "--url", url, "--key", key, "--from-file", value.toString(),
          "--public-key", publicKey.toString());
      assertThat(exit).as(err.toString()).isZero();
      assertThat(out.toString()).doesNotContain(CANARY);
      return out.toString().strip().substring((key + ": ").length());
    } finally {
      Files.delete(value);
      Files.delete(publicKey);
    }
  }

  private static String publicKeyset() {
    return await().atMost(CONVERGE).until(() -> {
      ConfigMap published = get(ConfigMap.class, TestCluster.OPERATOR_NAMESPACE, "contactsync-sealing-public-key");
      return published == null ? null : published.getData().get("public-keyset.json");
    }, v -> v != null);
  }

  /** A CardDAV-to-file sync whose source carries the given sealed credentials. */
  private static ContactSync carddavSync(String ns, String name, String url, Map<String, String> sealed) {
    ContactSync s = sync(ns, name, "unused", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    CardDavConnector carddav = new CardDavConnector();
    carddav.setUrl(url);
    carddav.setCredentials(sealedCredentials(sealed));
    SourceSpec source = new SourceSpec();
    source.setCarddav(carddav);
    s.getSpec().setSource(source);
    return s;
  }

  private static DestinationSpec sealedWebhook(String name, String url, Map<String, String> sealed) {
    DestinationSpec d = webhookDestination(name, url, new PolicyReference("p", null));
    d.getWebhook().setCredentials(sealedCredentials(sealed));
    return d;
  }

  private static CredentialsRef sealedCredentials(Map<String, String> sealed) {
    CredentialsRef credentials = new CredentialsRef();
    credentials.setSealed(new TreeMap<>(sealed));
    return credentials;
  }

  private static void awaitRefused(String ns, String name, String names) {
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = ready(ns, name);
      assertThat(ready).isNotNull();
      assertThat(ready.getReason()).as(ready.getStatus() + " " + ready.getMessage()).isEqualTo("SealedValueInvalid");
      assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
    });
    assertThat(ready(ns, name).getMessage()).contains(names);
  }

  private static Condition ready(String ns, String name) {
    return TestCluster.ready(CLUSTER.admin(), ns, name);
  }

  private static boolean canaryIn(String ns, String secret, String key) {
    Secret s = get(Secret.class, ns, secret);
    if (s == null || s.getData() == null || s.getData().get(key) == null) return false;
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8).equals(CANARY);
  }

  /** The canary is nowhere a tenant or a viewer reads: status, events, ConfigMaps. */
  private static void assertNothingShows(String ns, ContactSync... syncs) {
    List<String> visible = new ArrayList<>();
    for (ContactSync s : syncs) {
      ContactSync now = CLUSTER.admin().resources(ContactSync.class).inNamespace(ns).withName(s.getMetadata().getName()).get();
      if (now != null) visible.add(CLUSTER.admin().getKubernetesSerialization().asJson(now.getStatus()));
    }
    CLUSTER.admin().configMaps().inNamespace(ns).list().getItems().forEach(c -> visible.add(String.valueOf(c.getData())));
    CLUSTER.admin().v1().events().inNamespace(ns).list().getItems().forEach(e -> visible.add(e.getReason() + " " + e.getMessage()));
    assertThat(visible).noneMatch(text -> text.contains(CANARY));
  }

  private static <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return CLUSTER.admin().resources(type).inNamespace(namespace).withName(name).get();
  }
}
