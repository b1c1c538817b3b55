package io.contactsync.operator.desired;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.EgressPort;
import io.contactsync.api.v1alpha1.EgressRule;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SyncKeys;
import io.contactsync.api.v1alpha1.KeysSpec;
import io.contactsync.api.v1alpha1.TokenScope;
import io.contactsync.sync.keys.FileKeyStore;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every desired-state builder, without a server. */
class DesiredStateTest {
  static final OperatorSettings SETTINGS = new OperatorSettings("registry.example/contactsync:1.0", "IfNotPresent", false);

  static ContactSync crm() {
    return sync("sales", "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", "compliance")));
  }

  @Test
  void theServiceAccountHasNoToken() {
    var account = SyncServiceAccount.desired(crm());
    assertThat(account.getMetadata().getName()).isEqualTo("crm-sync");
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    assertThat(account.getMetadata().getLabels()).containsEntry("contactsync.io/sync", "crm")
        .containsEntry("app.kubernetes.io/managed-by", "contactsync-operator");
  }

  @Test
  void theSecretHoldsOnlyWhatItIsGivenAndMapsItToDirectories() {
    Secret keysSecret = PolicyKeysSecret.desired(policy("compliance", "p"), PolicyKeys.generate());
    Secret secret = SyncSecret.desired(crm(), Map.of("compliance/p", policy("compliance", "p")),
        Map.of("compliance/p", keysSecret.getData()), Map.of("source", Map.of("username", "dQ==", "ca.crt", "Yw==")));
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getData()).containsOnlyKeys("keys.out.tokenize.json", "keys.out.hash.json",
        "keys.out.record-id.json", "keys.out.encrypt-public.json", "credentials.source.username", "credentials.source.ca.crt");
    assertThat(SyncSecret.volumeItems(secret)).extracting(KeyToPath::getPath).containsExactly(
        "credentials/source/ca.crt", "credentials/source/username", "keys/out/encrypt-public.json",
        "keys/out/hash.json", "keys/out/record-id.json", "keys/out/tokenize.json");
  }

  /** Mounts the sync Secret's items under dir, as the kubelet would. */
  static void mount(Secret secret, Path dir) throws Exception {
    for (KeyToPath item : SyncSecret.volumeItems(secret)) {
      Path file = dir.resolve(item.getPath());
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(secret.getData().get(item.getKey())));
    }
  }

  @Test
  void aPodHoldsItsNamespacesDerivedKeysAndThePublicEncryptKeysOnly(@TempDir Path dir) throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    Secret keysSecret = PolicyKeysSecret.desired(policy("compliance", "p"), keys);
    Secret secret = SyncSecret.desired(crm(), Map.of("compliance/p", policy("compliance", "p")),
        Map.of("compliance/p", keysSecret.getData()), Map.of());
    mount(secret, dir);
    SyncKeys mounted = FileKeyStore.loadMounted(dir.resolve("keys/out"));
    assertThat(mounted.describe()).as("the master key ids, for the fingerprint and rotation").isEqualTo(keys.describe());
    // the local run of the same sync derives the same keys, so it writes the same outputs
    assertThat(mounted.serialize()).isEqualTo(keys.forScope(KeyScope.namespace("compliance", "p", "sales")).serialize());
    for (String master : List.of("tokenize.json", "hash.json", "encrypt-private.json")) {
      assertThat(secret.getData().containsValue(keysSecret.getData().get(master))).as(master).isFalse();
    }
    assertThat(secret.getData().get("keys.out.record-id.json")).as("record ids never change")
        .isEqualTo(keysSecret.getData().get("record-id.json"));
  }

  @Test
  void theTokenScopeOfThePolicyPicksWhatIsDerived() throws Exception {
    PolicyKeys keys = PolicyKeys.generate();
    Secret keysSecret = PolicyKeysSecret.desired(policy("compliance", "p"), keys);
    ContactSync twoDestinations = sync("sales", "crm", "in.vcf",
        fileDestination("out", "out.jsonl", new PolicyReference("p", "compliance")),
        fileDestination("copy", "copy.jsonl", new PolicyReference("p", "compliance")));
    Map<TokenScope, Map<String, String>> byScope = new java.util.EnumMap<>(TokenScope.class);
    for (TokenScope scope : TokenScope.values()) {
      PrivacyPolicy p = policy("compliance", "p");
      p.getSpec().setKeys(new KeysSpec());
      p.getSpec().getKeys().setTokenScope(scope);
      byScope.put(scope, SyncSecret.desired(twoDestinations, Map.of("compliance/p", p),
          Map.of("compliance/p", keysSecret.getData()), Map.of()).getData());
    }
    String master = keysSecret.getData().get("tokenize.json");
    assertThat(byScope.get(TokenScope.Policy).get("keys.out.tokenize.json")).isEqualTo(master);
    assertThat(byScope.get(TokenScope.Namespace).get("keys.out.tokenize.json")).isNotEqualTo(master)
        .isEqualTo(byScope.get(TokenScope.Namespace).get("keys.copy.tokenize.json"));
    assertThat(byScope.get(TokenScope.Destination).get("keys.out.tokenize.json"))
        .isNotEqualTo(byScope.get(TokenScope.Destination).get("keys.copy.tokenize.json"))
        .isNotEqualTo(byScope.get(TokenScope.Namespace).get("keys.out.tokenize.json")).isNotEqualTo(master);
    for (Map<String, String> data : byScope.values()) {
      assertThat(data.containsValue(keysSecret.getData().get("encrypt-private.json"))).isFalse();
    }
  }

  @Test
  void thePolicyKeysSecretHoldsOneTinkKeysetPerPurpose() {
    Secret secret = PolicyKeysSecret.desired(policy("compliance", "p"), PolicyKeys.generate());
    assertThat(secret.getMetadata().getName()).isEqualTo("p-keys");
    assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "keys")
        .containsEntry("contactsync.io/policy", "p");
    assertThat(secret.getData()).containsOnlyKeys(List.of(KeyPurpose.values()).stream().map(KeyPurpose::fileName).toList());
    assertThat(new String(Base64.getDecoder().decode(secret.getData().get("tokenize.json")), StandardCharsets.UTF_8))
        .contains("AesSivKey");
  }

  @Test
  void theJobConfigMapCarriesConnectorsAndPoliciesButNoKeys() {
    PrivacyPolicy p = policy("compliance", "p");
    var cm = SyncConfigMaps.job(crm(), Map.of("compliance/p", p));
    String job = cm.getData().get("job.json");
    assertThat(job).contains("\"namespace\":\"sales\"", "\"name\":\"crm\"", "\"Tokenize\"", "\"in.vcf\"")
        .doesNotContain("AesSiv", "keyMaterial", "baseDir");
    var empty = SyncConfigMaps.state(crm(), null, null);
    assertThat(empty.getData()).containsEntry("checkpoint.json", "");
    assertThat(empty.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "state");
  }

  @Test
  void theNetworkPolicyDeniesIngressAndAllowsOnlyDnsEndpointsAndDeclaredRanges() {
    ContactSync sync = crm();
    EgressRule unchecked = new EgressRule();
    unchecked.setCidr("999.1.1.1/99");
    sync.getSpec().getEgress().add(unchecked); // the resolver's to admit, never the builder's to read
    EgressPort port = new EgressPort();
    port.setPort(3128);
    NetworkPolicy np = SyncNetworkPolicy.desired(sync, List.of(
        new Endpoint.InCluster("db", Map.of("app", "pg"), "5432"),
        new Endpoint.External("hooks.example.com", List.of(Cidr.host("198.51.100.7"), Cidr.host("2001:db8::7")), 443),
        new Endpoint.Unresolved("gone.example.com", "no DNS"),
        new Endpoint.Declared(Cidr.parse("203.0.113.0/24"), List.of(port))));
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(np.getSpec().getIngress()).isEmpty();
    assertThat(np.getSpec().getPodSelector().getMatchLabels()).containsEntry("contactsync.io/sync", "crm")
        .containsEntry("app.kubernetes.io/component", "sync");
    var egress = np.getSpec().getEgress();
    assertThat(egress).hasSize(4);
    assertThat(egress.get(0).getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .containsExactly("UDP/53", "TCP/53");
    assertThat(egress.get(1).getTo().get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "db");
    assertThat(egress.get(1).getTo().get(0).getPodSelector().getMatchLabels()).containsEntry("app", "pg");
    assertThat(egress.get(2).getTo()).extracting(t -> t.getIpBlock().getCidr())
        .containsExactly("198.51.100.7/32", "2001:db8:0:0:0:0:0:7/128");
    assertThat(egress.get(2).getPorts().get(0).getPort()).isEqualTo(new IntOrString(443));
    assertThat(egress.get(3).getTo().get(0).getIpBlock().getCidr()).isEqualTo("203.0.113.0/24");
    assertThat(egress.get(3).getPorts().get(0).getPort()).isEqualTo(new IntOrString(3128));
  }

  @Test
  void anEndpointUsedAsSourceAndDestinationOpensOneRule() {
    Endpoint database = new Endpoint.InCluster("db", Map.of("app", "pg"), "postgres");
    NetworkPolicy np = SyncNetworkPolicy.desired(crm(), List.of(database, new Endpoint.InCluster("db", Map.of("app", "pg"), "postgres")));
    assertThat(np.getSpec().getEgress()).as("DNS and the database, once").hasSize(2);
    assertThat(np.getSpec().getEgress().get(1).getPorts().get(0).getPort()).isEqualTo(new IntOrString("postgres"));
  }

  @Test
  void theCronJobRunsTheSyncCommandOneAtATimeUnderPodSecurityRestricted() {
    ContactSync sync = crm();
    sync.getSpec().setRetries(2);
    sync.getSpec().setTimeout("1h30m");
    sync.getSpec().setTimeZone("Europe/Berlin");
    CronJob cron = SyncCronJob.desired(sync, SETTINGS, List.of(), false);
    var spec = cron.getSpec();
    assertThat(spec.getSchedule()).isEqualTo("*/30 * * * *");
    assertThat(spec.getTimeZone()).as("not served before Kubernetes 1.27").isNull();
    assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(spec.getSuspend()).isFalse();
    assertThat(spec.getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(2);
    assertThat(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(5400L);
    var pod = spec.getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("crm-sync");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.example/contactsync:1.0");
    assertThat(c.getArgs()).containsExactly("sync", "--config", "/etc/contactsync/job/job.json", "--keys-dir",
        "/etc/contactsync/secret/keys", "--credentials-dir", "/etc/contactsync/secret/credentials", "--checkpoint", "/etc/contactsync/state/checkpoint.json", "--report",
        "/dev/termination-log");
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts()).allSatisfy(m -> assertThat(m.getReadOnly() == null || m.getReadOnly() || m.getMountPath().equals("/tmp")).isTrue());
    assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("job", "state", "secret", "tmp");
    assertThat(pod.getVolumes().get(2).getSecret().getDefaultMode()).isEqualTo(0400);
    assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));

    OperatorSettings newer = new OperatorSettings("i", "Always", true);
    ResourceRequirements declared = new ResourceRequirements();
    declared.setLimits(Map.of("memory", new Quantity("2Gi")));
    sync.getSpec().setResources(declared);
    CronJob later = SyncCronJob.desired(sync, newer, List.of(), true);
    assertThat(later.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(later.getSpec().getSuspend()).isTrue();
    assertThat(later.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
        .getLimits()).containsEntry("memory", new Quantity("2Gi"));
  }

  @Test
  void everyRunsJobIsDeletedAfterTheAdminsTtlAndKeepsAFewHistoryEntries() {
    ContactSync sync = crm();
    sync.getMetadata().setUid("5e1c-0000-crm");
    CronJob cron = SyncCronJob.desired(sync, SETTINGS, List.of(), false);
    assertThat(cron.getSpec().getJobTemplate().getSpec().getTtlSecondsAfterFinished()).isEqualTo(86_400);
    assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
    assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
    assertThat(RequestedRun.desired(sync, "2026-12-01T10:00:00Z", SETTINGS, List.of()).getSpec().getTtlSecondsAfterFinished())
        .isEqualTo(86_400);

    AdminBounds d = AdminBounds.DEFAULTS;
    OperatorSettings hourly = new OperatorSettings("i", "Always", false, new AdminBounds(d.deniedCidrs(), d.allowedCidrs(),
        d.denyApiServer(), d.allowedNamespaces(), d.minScheduleInterval(), d.maxCpu(), d.maxMemory(), d.maxRunTimeout(),
        Durations.parse("1h")));
    assertThat(RequestedRun.desired(sync, "2026-12-01T10:00:00Z", hourly, List.of()).getSpec().getTtlSecondsAfterFinished())
        .isEqualTo(3600);
  }

  @Test
  void noSyncPodIsUnboundedALimitLeftOutIsTheAdminsMaximum() {
    ContactSync sync = crm();
    assertThat(container(sync, SETTINGS).getResources().getLimits())
        .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("512Mi")));
    assertThat(container(sync, SETTINGS).getResources().getRequests())
        .isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));

    ResourceRequirements declared = new ResourceRequirements();
    declared.setRequests(Map.of("memory", new Quantity("1Gi")));
    sync.getSpec().setResources(declared);
    assertThat(container(sync, SETTINGS).getResources().getLimits())
        .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")));
    assertThat(container(sync, SETTINGS).getResources().getRequests()).isEqualTo(Map.of("memory", new Quantity("1Gi")));

    AdminBounds d = AdminBounds.DEFAULTS;
    OperatorSettings small = new OperatorSettings("i", "Always", false, new AdminBounds(d.deniedCidrs(), d.allowedCidrs(),
        d.denyApiServer(), d.allowedNamespaces(), d.minScheduleInterval(), new Quantity("50m"), new Quantity("128Mi"),
        d.maxRunTimeout(), d.finishedJobTtl()));
    sync.getSpec().setResources(null);
    assertThat(container(sync, small).getResources().getLimits())
        .isEqualTo(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi")));
    assertThat(container(sync, small).getResources().getRequests()).as("the defaults, within the admin's bounds")
        .isEqualTo(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi")));
  }

  private static io.fabric8.kubernetes.api.model.Container container(ContactSync sync, OperatorSettings settings) {
    return SyncCronJob.desired(sync, settings, List.of(), false).getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
        .getContainers().get(0);
  }

  @Test
  void keyReadersMayGetTheKeysSecretAndNothingElse() {
    PrivacyPolicy p = policy("compliance", "p");
    assertThat(KeyReaderAccess.role(p)).isEmpty();
    Subject officers = new Subject();
    officers.setKind(Subject.Kind.Group);
    officers.setName("privacy-officers");
    p.getSpec().setAccess(new io.contactsync.api.v1alpha1.PolicyAccess());
    p.getSpec().getAccess().getKeyReaders().add(officers);
    var rule = KeyReaderAccess.role(p).orElseThrow().getRules().get(0);
    assertThat(rule.getResources()).containsExactly("secrets");
    assertThat(rule.getResourceNames()).containsExactly("p-keys");
    assertThat(rule.getVerbs()).containsExactly("get");
    assertThat(KeyReaderAccess.binding(p).orElseThrow().getRoleRef().getName()).isEqualTo("p-key-readers");
  }
}
