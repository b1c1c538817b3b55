package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.EgressRule;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PostgresConnector;
import io.contactsync.api.v1alpha1.SourceSpec;
import io.contactsync.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, observations 4 and 5, played by a tenant holding only contactsync-editor in its namespace: whatever the
 * tenant writes, a sync reaches no address the cluster admin's egress bounds deny (by default link-local and metadata
 * addresses, the API server, every address at once), no CIDR the NetworkPolicy API would refuse, and no other
 * tenant's Services without consent. Each refused sync gets nothing that runs: no CronJob, no Secret, no job
 * ConfigMap, no Job even when a run is requested; its status names the setting only the admin can change.
 */
class TenantEgressIT {
  static final Duration CONVERGE = Duration.ofSeconds(45);
  static final String REFUSED = "EgressNotAllowed";
  static final String RUN_REQUESTED = "2026-12-02T10:00:00Z";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  /** A namespace with policy p and a client acting as its tenant. */
  record Tenant(String namespace, KubernetesClient client) {
    static Tenant of(InProcessOperator cluster, String prefix) {
      String ns = TestCluster.namespace(cluster.admin(), prefix);
      cluster.admin().resource(policy(ns, "p")).create();
      return new Tenant(ns, TestCluster.tenant(cluster.admin(), ns, "tenant", "contactsync-editor", new CopyOnWriteArrayList<>()));
    }
  }

  /** A sync into a local file that asks for a run at once: any Job made for it would show right away. */
  static ContactSync requestingARun(String ns, String name) {
    ContactSync s = sync(ns, name, "in.vcf", fileDestination("out", "/tmp/out.jsonl", new PolicyReference("p", null)));
    s.getMetadata().setAnnotations(Map.of(Names.RUN_REQUESTED_AT, RUN_REQUESTED));
    return s;
  }

  static ContactSync withEgress(ContactSync s, String cidr) {
    EgressRule rule = new EgressRule();
    rule.setCidr(cidr);
    s.getSpec().getEgress().add(rule);
    return s;
  }

  static ContactSync withCardDavSource(ContactSync s, String url) {
    CardDavConnector dav = new CardDavConnector();
    dav.setUrl(url);
    dav.setAllowInsecureTransport(url.startsWith("http:"));
    SourceSpec source = new SourceSpec();
    source.setCarddav(dav);
    s.getSpec().setSource(source);
    return s;
  }

  static ContactSync withPostgresSource(ContactSync s, String url) {
    PostgresConnector pg = new PostgresConnector();
    pg.setUrl(url);
    pg.setTable("contacts");
    SourceSpec source = new SourceSpec();
    source.setPostgres(pg);
    s.getSpec().setSource(source);
    return s;
  }

  /** The Ready condition, once the operator has written one for the sync's current generation. */
  static Condition awaitReadyCondition(InProcessOperator cluster, String ns, String name) {
    await().atMost(CONVERGE).until(() -> {
      ContactSync s = cluster.admin().resources(ContactSync.class).inNamespace(ns).withName(name).get();
      return s != null && s.getStatus() != null
          && Objects.equals(s.getStatus().getObservedGeneration(), s.getMetadata().getGeneration())
          && TestCluster.ready(cluster.admin(), ns, name) != null;
    });
    return TestCluster.ready(cluster.admin(), ns, name);
  }

  /** Every IP block the sync's NetworkPolicy opens egress to. */
  static List<String> egressCidrs(InProcessOperator cluster, String ns, String name) {
    NetworkPolicy network = cluster.admin().network().v1().networkPolicies().inNamespace(ns).withName(name + "-sync").get();
    if (network == null) return List.of();
    return network.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream()).map(NetworkPolicyPeer::getIpBlock)
        .filter(Objects::nonNull).map(b -> b.getCidr()).toList();
  }

  /** The namespaces the sync's NetworkPolicy opens egress into. */
  static List<String> egressNamespaces(InProcessOperator cluster, String ns, String name) {
    NetworkPolicy network = cluster.admin().network().v1().networkPolicies().inNamespace(ns).withName(name + "-sync").get();
    if (network == null) return List.of();
    return network.getSpec().getEgress().stream().flatMap(r -> r.getTo().stream())
        .map(NetworkPolicyPeer::getNamespaceSelector).filter(Objects::nonNull)
        .map(n -> n.getMatchLabels().get("kubernetes.io/metadata.name")).toList();
  }

  /** Ready=False for the reason, the message naming each part, and nothing made that could run or hold data. */
  static Condition assertRefusedAndNothingMade(InProcessOperator cluster, String ns, String name, String reason,
      String... messageParts) {
    // until the policy's keys exist the sync waits for them (PolicyKeysMissing) and makes nothing either
    await().atMost(CONVERGE).untilAsserted(() -> {
      Condition ready = awaitReadyCondition(cluster, ns, name);
      assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo(reason);
    });
    Condition ready = awaitReadyCondition(cluster, ns, name);
    assertThat(ready.getStatus()).as(ready.getMessage()).isEqualTo(Condition.Status.False);
    assertThat(ready.getMessage()).contains(messageParts);
    KubernetesClient admin = cluster.admin();
    assertThat(admin.resources(CronJob.class).inNamespace(ns).withName(name).get()).as("CronJob").isNull();
    assertThat(admin.secrets().inNamespace(ns).withName(name + "-sync").get()).as("Secret").isNull();
    assertThat(admin.configMaps().inNamespace(ns).withName(name + "-job").get()).as("job ConfigMap").isNull();
    assertThat(admin.resources(Job.class).inNamespace(ns).withLabel(Names.SYNC_LABEL, name).list().getItems())
        .as("Jobs, though a run was requested").isEmpty();
    return ready;
  }

  @Test
  void whileAViolationStandsTheKeptNetworkPolicyOpensNothingButDns() {
    Tenant t = Tenant.of(CLUSTER, "egress-kept");
    t.client().resource(withEgress(sync(t.namespace(), "crm", "in.vcf",
        fileDestination("out", "/tmp/out.jsonl", new PolicyReference("p", null))), "203.0.113.0/24")).create();
    TestCluster.awaitReady(CLUSTER.admin(), t.namespace(), "crm", CONVERGE);
    assertThat(egressCidrs(CLUSTER, t.namespace(), "crm")).containsExactly("203.0.113.0/24");

    // a run pod started before the violation must not keep an egress the spec no longer earns
    t.client().resources(ContactSync.class).inNamespace(t.namespace()).withName("crm").edit(s -> {
      s.getSpec().getDestinations().add(fileDestination("more", "/tmp/more.jsonl", new PolicyReference("missing", null)));
      return s;
    });
    await().atMost(CONVERGE).untilAsserted(() -> {
      assertThat(TestCluster.ready(CLUSTER.admin(), t.namespace(), "crm").getReason()).isEqualTo("PolicyNotFound");
      assertThat(egressCidrs(CLUSTER, t.namespace(), "crm")).as("egress while refused").isEmpty();
    });
    NetworkPolicy kept = CLUSTER.admin().network().v1().networkPolicies().inNamespace(t.namespace()).withName("crm-sync").get();
    assertThat(kept).as("kept, so the pods stay isolated").isNotNull();
    assertThat(kept.getSpec().getEgress()).as("DNS only").singleElement();

    t.client().resources(ContactSync.class).inNamespace(t.namespace()).withName("crm").edit(s -> {
      s.getSpec().getDestinations().removeIf(d -> d.getName().equals("more"));
      return s;
    });
    TestCluster.awaitReady(CLUSTER.admin(), t.namespace(), "crm", CONVERGE);
    assertThat(egressCidrs(CLUSTER, t.namespace(), "crm")).containsExactly("203.0.113.0/24");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.0.0.0/0          | syncBounds.egress.allowedCidrs | --egress-allowed-cidrs",
      "::/0               | syncBounds.egress.allowedCidrs | --egress-allowed-cidrs",
      "169.254.169.254/32 | syncBounds.egress.deniedCidrs  | --egress-denied-cidrs",
      "fd00:ec2::254/128  | syncBounds.egress.deniedCidrs  | --egress-denied-cidrs"})
  void aSpecEgressCidrBeyondTheAdminsBoundsIsRefusedAndNothingIsMade(String cidr, String chartValue, String flag) {
    Tenant tenant = Tenant.of(CLUSTER, "egress");
    tenant.client().resource(withEgress(requestingARun(tenant.namespace(), "crm"), cidr)).create();
    assertRefusedAndNothingMade(CLUSTER, tenant.namespace(), "crm", REFUSED, "spec.egress[0].cidr", chartValue, flag);
    assertThat(egressCidrs(CLUSTER, tenant.namespace(), "crm")).as("the NetworkPolicy opens only DNS").isEmpty();
    tenant.client().close();
  }

  @Test
  void theApiServersAddressIsRefusedAsSpecEgressAndAsAnEndpoint() {
    String clusterIp = CLUSTER.admin().services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP();
    Tenant tenant = Tenant.of(CLUSTER, "egress-api");
    tenant.client().resource(withEgress(requestingARun(tenant.namespace(), "cidr"), clusterIp + "/32")).create();
    ContactSync hook = requestingARun(tenant.namespace(), "hook");
    hook.getSpec().getDestinations().add(webhookDestination("api", "https://" + clusterIp + "/api/v1/secrets",
        new PolicyReference("p", null)));
    tenant.client().resource(hook).create();

    assertRefusedAndNothingMade(CLUSTER, tenant.namespace(), "cidr", REFUSED, "spec.egress[0].cidr " + clusterIp + "/32",
        "Kubernetes API server", "syncBounds.egress.denyApiServer", "--egress-deny-api-server");
    assertRefusedAndNothingMade(CLUSTER, tenant.namespace(), "hook", REFUSED, "destination 'api' connects to " + clusterIp,
        "syncBounds.egress.denyApiServer");
    assertThat(egressCidrs(CLUSTER, tenant.namespace(), "cidr")).isEmpty();
    assertThat(egressCidrs(CLUSTER, tenant.namespace(), "hook")).isEmpty();
    tenant.client().close();
  }

  @Test
  void aCidrTheNetworkPolicyApiWouldRefuseIsRefusedAtAdmissionOrInStatusAndNothingIsMade() {
    Tenant tenant = Tenant.of(CLUSTER, "egress-bad");
    assertThatThrownBy(() -> tenant.client().resource(withEgress(requestingARun(tenant.namespace(), "garbage"), "999.1.1.1/99"))
        .create()).as("the CRD's pattern").isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(422));
    // the pattern cannot see host bits past the prefix; the operator's parser does
    tenant.client().resource(withEgress(requestingARun(tenant.namespace(), "bits"), "10.0.0.1/8")).create();
    assertRefusedAndNothingMade(CLUSTER, tenant.namespace(), "bits", "InvalidSpec", "spec.egress[0].cidr",
        "'10.0.0.1/8' has address bits set past its prefix length; the network is 10.0.0.0/8");
    assertThat(CLUSTER.log()).as("the NetworkPolicy was never sent the CIDR").doesNotContain("10.0.0.1/8\" is invalid");
    tenant.client().close();
  }

  @Test
  void aSourceAtTheMetadataAddressGetsNoEgress() {
    Tenant tenant = Tenant.of(CLUSTER, "egress-meta");
    tenant.client().resource(withCardDavSource(requestingARun(tenant.namespace(), "crm"),
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/")).create();
    assertRefusedAndNothingMade(CLUSTER, tenant.namespace(), "crm", REFUSED, "the source connects to 169.254.169.254",
        "overlaps 169.254.0.0/16", "syncBounds.egress.deniedCidrs", "--egress-denied-cidrs");
    assertThat(egressCidrs(CLUSTER, tenant.namespace(), "crm")).doesNotContain("169.254.169.254/32");
    tenant.client().close();
  }

  /** Another tenant's database: a Service db in its namespace selecting its PostgreSQL pods. */
  static String otherTenantsDatabase(InProcessOperator cluster) {
    String other = TestCluster.namespace(cluster.admin(), "tenant-b");
    cluster.admin().resource(new ServiceBuilder().withNewMetadata().withName("db").withNamespace(other).endMetadata()
        .withNewSpec().withSelector(Map.of("app", "postgres")).addNewPort().withPort(5432).endPort().endSpec().build()).create();
    return other;
  }

  @Test
  void aSourceInAnotherTenantsNamespaceGetsNoEgressToItsDatabaseWithoutConsentOrTheAdminsAllowance() {
    String other = otherTenantsDatabase(CLUSTER);
    Tenant tenant = Tenant.of(CLUSTER, "egress-ns");
    tenant.client().resource(withPostgresSource(requestingARun(tenant.namespace(), "crm"),
        "jdbc:postgresql://db." + other + ".svc:5432/crm?sslmode=verify-full")).create();
    assertRefusedAndNothingMade(CLUSTER, tenant.namespace(), "crm", "EndpointNotAccepted",
        "namespace " + other, "contactsync.io/accepts-syncs-from", "syncBounds.egress.allowedNamespaces",
        "--egress-allowed-namespaces");
    assertThat(egressNamespaces(CLUSTER, tenant.namespace(), "crm")).doesNotContain(other);
    tenant.client().close();
  }

  @Test
  void noCronJobAndNoRunJobExistUntilTheNetworkPolicyIsApplied() {
    Tenant tenant = Tenant.of(CLUSTER, "egress-closed");
    String ns = tenant.namespace();
    // a webhook that nothing answers, failing closed: the API server refuses every NetworkPolicy write in ns
    String webhook = "refuse-network-policies-" + ns;
    CLUSTER.admin().namespaces().withName(ns).edit(n -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(n)
        .editMetadata().addToLabels(webhook, "true").endMetadata().build());
    CLUSTER.admin().resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(webhook).endMetadata()
        .addNewWebhook().withName("refuse.contactsync.test").withAdmissionReviewVersions("v1").withSideEffects("None")
        .withFailurePolicy("Fail").withTimeoutSeconds(2)
        .withNewNamespaceSelector().addToMatchLabels(webhook, "true").endNamespaceSelector()
        .addNewRule().withApiGroups("networking.k8s.io").withApiVersions("v1").withOperations("CREATE", "UPDATE")
        .withResources("networkpolicies").endRule()
        .withNewClientConfig().withUrl("https://127.0.0.1:9/refuse").endClientConfig()
        .endWebhook().build()).create();
    try {
      tenant.client().resource(requestingARun(ns, "crm")).create();
      // the error status of a failed reconcile carries no observed generation: the condition itself is awaited
      await().atMost(CONVERGE).untilAsserted(() -> assertThat(TestCluster.ready(CLUSTER.admin(), ns, "crm"))
          .extracting(Condition::getReason).isEqualTo("DependentsFailed"));
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        assertThat(CLUSTER.admin().network().v1().networkPolicies().inNamespace(ns).withName("crm-sync").get()).isNull();
        assertThat(CLUSTER.admin().resources(CronJob.class).inNamespace(ns).withName("crm").get()).as("CronJob").isNull();
        assertThat(CLUSTER.admin().resources(Job.class).inNamespace(ns).list().getItems()).as("requested run").isEmpty();
      });
    } finally {
      CLUSTER.admin().resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(webhook).endMetadata()
          .build()).delete();
    }
    // once the NetworkPolicy can be applied, the next reconcile (here: the tenant touching the sync) makes the rest
    tenant.client().resources(ContactSync.class).inNamespace(ns).withName("crm").edit(s -> {
      s.getMetadata().getAnnotations().put("touched", "yes");
      return s;
    });
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(CLUSTER.admin().network().v1().networkPolicies().inNamespace(ns).withName("crm-sync").get()).isNotNull();
      assertThat(CLUSTER.admin().resources(CronJob.class).inNamespace(ns).withName("crm").get()).isNotNull();
      assertThat(CLUSTER.admin().resources(Job.class).inNamespace(ns).list().getItems()).hasSize(1);
    });
    tenant.client().close();
  }
}
