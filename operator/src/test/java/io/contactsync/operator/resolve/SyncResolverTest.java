package io.contactsync.operator.resolve;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.secretCredentials;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static io.contactsync.sync.SyncFixtures.withSealedCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SealBinding;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.Violation;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncResolverTest {
  static final SealingKeys SEALING_KEYS = SealingKeys.generate();

  /** Lookups from maps, keyed "namespace/name". */
  static final class MapLookups implements Lookups {
    final Map<String, PrivacyPolicy> policies = new HashMap<>();
    final Map<String, Secret> secrets = new HashMap<>();
    final Map<String, Service> services = new HashMap<>();
    final Map<String, List<String>> dns = new HashMap<>();
    final Map<String, Namespace> namespaces = new HashMap<>();
    List<Cidr> apiServer = List.of(Cidr.host("10.96.0.1"), Cidr.host("192.0.2.10"));
    AdminBounds bounds = AdminBounds.DEFAULTS;

    /** Namespace {@code name} accepts syncs from {@code from}. */
    MapLookups accepting(String name, String from) {
      namespaces.put(name, new NamespaceBuilder().withNewMetadata().withName(name)
          .addToAnnotations("contactsync.io/accepts-syncs-from", from).endMetadata().build());
      return this;
    }

    MapLookups withPolicy(PrivacyPolicy p, boolean withKeys) {
      policies.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
      if (withKeys) {
        Secret keys = ownedBy(p, PolicyKeysSecret.desired(p, PolicyKeys.generate()));
        secrets.put(p.getMetadata().getNamespace() + "/" + keys.getMetadata().getName(), keys);
      }
      return this;
    }

    /** The keys Secret as the operator makes it: owned by the policy (JOSDK adds the owner reference). */
    static Secret ownedBy(PrivacyPolicy p, Secret keys) {
      if (p.getMetadata().getUid() == null) p.getMetadata().setUid("uid-" + p.getMetadata().getName());
      keys.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
          .withApiVersion("contactsync.io/v1alpha1").withKind("PrivacyPolicy").withName(p.getMetadata().getName())
          .withUid(p.getMetadata().getUid()).withController(true).build()));
      return keys;
    }

    @Override public PrivacyPolicy policy(String namespace, String name) { return policies.get(namespace + "/" + name); }
    @Override public Secret secret(String namespace, String name) { return secrets.get(namespace + "/" + name); }
    @Override public Secret credentialsSecret(String namespace, String name) { return secrets.get(namespace + "/" + name); }
    @Override public Namespace namespace(String name) { return namespaces.get(name); }
    @Override public Service service(String namespace, String name) { return services.get(namespace + "/" + name); }
    @Override public SealingKeys sealingKeys() { return SEALING_KEYS; }
    @Override public AdminBounds bounds() { return bounds; }

    @Override
    public List<String> addresses(String host) throws IOException {
      if (!dns.containsKey(host)) throw new IOException("unknown");
      return dns.get(host);
    }

    @Override public List<Cidr> apiServerAddresses() { return java.util.Objects.requireNonNull(apiServer, "read"); }
  }

  static DestinationSpec postgres(String name, String url, String secret) {
    return postgresDestination(name, url, secret, new PolicyReference("p", null));
  }

  static DestinationSpec webhook(String name, String url) {
    return webhookDestination(name, url, new PolicyReference("p", null));
  }

  @Test
  void theAdminsBoundsOnWorkStopDataFromFlowing() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)));
    s.getSpec().setSchedule("* * * * *");
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).extracting(Violation::reason).containsExactly("ScheduleTooFrequent");
    assertThat(r.dataMayFlow()).isFalse();
  }

  @Test
  void aSoundSyncResolvesPoliciesKeysCredentialsAndEndpoints() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true).accepting("db", "sales");
    lookups.secrets.put("sales/pg-creds", consented("sales", "pg-creds", Map.of("username", "dQ==", "password", "cA==", "unrelated", "eA==")));
    lookups.services.put("db/pg", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg"))
        .addNewPort().withPort(5432).withTargetPort(new IntOrString("postgres")).endPort().endSpec().build());
    lookups.dns.put("hooks.example.com", List.of("198.51.100.9", "198.51.100.8"));
    ContactSync s = sync("sales", "s", "in.vcf",
        postgres("db", "jdbc:postgresql://pg.db.svc.cluster.local:5432/crm?sslmode=verify-full", "pg-creds"),
        webhook("hook", "https://hooks.example.com/in"), webhook("ip", "https://203.0.113.5:8443/in"));

    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).isEmpty();
    assertThat(r.dataMayFlow()).isTrue();
    assertThat(r.policies()).containsOnlyKeys("sales/p");
    assertThat(r.policyKeys().get("sales/p")).containsOnlyKeys("tokenize.json", "hash.json", "encrypt-private.json", "record-id.json");
    assertThat(r.credentials().get("db")).as("only the keys a connector uses").containsOnlyKeys("username", "password");
    assertThat(r.endpoints()).containsExactly(
        new Endpoint.InCluster("db", Map.of("app", "pg"), "postgres"),
        new Endpoint.External("hooks.example.com", List.of(Cidr.host("198.51.100.8"), Cidr.host("198.51.100.9")), 443),
        new Endpoint.External("203.0.113.5", List.of(Cidr.host("203.0.113.5")), 8443));
  }

  @Test
  void missingKeysCredentialsAndEndpointsAreReported() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), false);
    ContactSync s = sync("sales", "s", "in.vcf",
        postgres("db", "jdbc:postgresql://pg.db.svc:5432/crm?sslmode=verify-full", "pg-creds"),
        webhook("hook", "https://nowhere.example.com/in"));
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).extracting(Violation::reason).containsExactly("PolicyKeysMissing", "CredentialsUnavailable",
        "EndpointNotAccepted");
    assertThat(r.violations().get(1).message()).startsWith("destination 'db' names Secret pg-creds, which this sync may not use")
        .contains("kubectl -n sales label secret pg-creds contactsync.io/credentials=allowed");
    assertThat(r.dataMayFlow()).isFalse();
    assertThat(r.endpoints()).as("no egress for an endpoint refused its credentials").hasSize(1);
    assertThat(r.unresolved()).extracting(Endpoint.Unresolved::host).containsExactly("nowhere.example.com");
  }

  static Secret consented(String namespace, String name, Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("contactsync.io/credentials", "allowed").endMetadata().withType("Opaque").withData(data).build();
  }

  @Test
  void credentialsComeOnlyFromASecretItsWriterAllowedAndEveryRefusalReadsTheSame() {
    ContactSync s = sync("sales", "crm", "in.vcf", postgres("db", "jdbc:postgresql://203.0.113.5/crm?sslmode=verify-full", "creds"));
    Map<String, String> data = Map.of("username", "dQ==", "password", "Y2FuYXJ5");
    Map<String, Secret> refused = new java.util.LinkedHashMap<>();
    refused.put("missing", null);
    refused.put("unlabelled", new SecretBuilder(consented("sales", "creds", data)).editMetadata().withLabels(Map.of()).endMetadata().build());
    refused.put("label not 'allowed'", new SecretBuilder(consented("sales", "creds", data)).editMetadata()
        .addToLabels("contactsync.io/credentials", "true").endMetadata().build());
    refused.put("for other syncs", new SecretBuilder(consented("sales", "creds", data)).editMetadata()
        .addToAnnotations("contactsync.io/allowed-syncs", "billing, crm-2").endMetadata().build());
    refused.put("for other hosts", new SecretBuilder(consented("sales", "creds", data)).editMetadata()
        .addToAnnotations("contactsync.io/allowed-hosts", "dav.example.com, *.example.com").endMetadata().build());
    refused.put("a ServiceAccount token", new SecretBuilder(consented("sales", "creds", data)).withType("kubernetes.io/service-account-token").build());
    refused.put("a registry login", new SecretBuilder(consented("sales", "creds", data)).withType("kubernetes.io/dockerconfigjson").build());
    refused.put("of another namespace", consented("other", "creds", data));
    String message = null;
    for (var e : refused.entrySet()) {
      MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
      if (e.getValue() != null) lookups.secrets.put("sales/creds", e.getValue());
      SyncResolution r = SyncResolver.resolve(s, lookups);
      assertThat(r.violations()).as(e.getKey()).extracting(Violation::reason).containsExactly("CredentialsUnavailable");
      assertThat(r.credentials()).as(e.getKey()).isEmpty();
      assertThat(r.endpoints()).as(e.getKey()).isEmpty();
      if (message == null) message = r.violations().get(0).message();
      assertThat(r.violations().get(0).message()).as(e.getKey() + ": the same words, so status is no oracle").isEqualTo(message);
    }
    assertThat(message).contains("contactsync.io/credentials=allowed", "contactsync.io/allowed-syncs", "crm", "kubernetes.io/basic-auth");

    for (Secret allowed : List.of(consented("sales", "creds", data),
        new SecretBuilder(consented("sales", "creds", data)).withType("kubernetes.io/basic-auth").build(),
        new SecretBuilder(consented("sales", "creds", data)).withType("kubernetes.io/tls").build(),
        new SecretBuilder(consented("sales", "creds", data)).editMetadata().addToAnnotations("contactsync.io/allowed-syncs", "billing,crm")
            .addToAnnotations("contactsync.io/allowed-hosts", "db.example.com, 203.0.113.5").endMetadata().build())) {
      MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
      lookups.secrets.put("sales/creds", allowed);
      SyncResolution r = SyncResolver.resolve(s, lookups);
      assertThat(r.violations()).as(allowed.getType()).isEmpty();
      assertThat(r.credentials().get("db")).containsExactlyEntriesOf(new java.util.TreeMap<>(data));
    }
  }

  @Test
  void aServiceInAnotherNamespaceNeedsThatNamespacesConsentAndIsNotLookedUpWithoutIt() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true)
        .withPolicy(admitting(policy("compliance", "shared"), List.of("sales"), List.of()), true);
    lookups.services.put("db/hook", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "hook"))
        .addNewPort().withPort(443).endPort().endSpec().build());
    ContactSync toDb = sync("sales", "s", "in.vcf", webhook("hook", "https://hook.db.svc/in"));
    ContactSync toNowhere = sync("sales", "s", "in.vcf", webhook("hook", "https://hook.nowhere.svc/in"));

    SyncResolution a = SyncResolver.resolve(toDb, lookups);
    SyncResolution b = SyncResolver.resolve(toNowhere, lookups);
    assertThat(a.violations()).extracting(Violation::reason).containsExactly("EndpointNotAccepted");
    assertThat(a.violations().get(0).message().replace("db", "X")).isEqualTo(b.violations().get(0).message().replace("nowhere", "X"));
    assertThat(a.violations().get(0).message()).contains("contactsync.io/accepts-syncs-from");
    assertThat(a.endpoints()).isEmpty();

    for (String accepts : List.of("sales", "billing, sales", "*")) {
      lookups.namespaces.put("db", new NamespaceBuilder().withNewMetadata().withName("db")
          .addToAnnotations("contactsync.io/accepts-syncs-from", accepts).endMetadata().build());
      SyncResolution accepted = SyncResolver.resolve(toDb, lookups);
      assertThat(accepted.violations()).as(accepts).isEmpty();
      assertThat(accepted.endpoints()).containsExactly(new Endpoint.InCluster("db", Map.of("app", "hook"), "443"));
    }
    // other spellings of a name in db's svc domain are db's too: DNS ignores case and a final dot, and pod names sit below
    for (String url : List.of("https://HOOK.DB.svc/in", "https://hook.db.svc.cluster.local./in", "https://pod-0.hook.db.svc.cluster.local/in")) {
      ContactSync spelled = sync("sales", "s", "in.vcf", webhook("hook", url));
      assertThat(SyncResolver.resolve(spelled, lookups.accepting("db", "sales")).endpoints()).as(url)
          .containsExactly(new Endpoint.InCluster("db", Map.of("app", "hook"), "443"));
      assertThat(SyncResolver.resolve(spelled, lookups.accepting("db", "billing")).violations()).as(url)
          .extracting(Violation::reason).containsExactly("EndpointNotAccepted");
    }
    lookups.namespaces.put("db", new NamespaceBuilder().withNewMetadata().withName("db")
        .addToAnnotations("contactsync.io/accepts-syncs-from", "billing, sales-2").endMetadata().build());
    assertThat(SyncResolver.resolve(toDb, lookups).violations()).extracting(Violation::reason).containsExactly("EndpointNotAccepted");

    // the sync's own namespace and its destinations' policies' namespaces need no annotation
    lookups.services.put("compliance/hook", lookups.services.get("db/hook"));
    ContactSync toPolicyNamespace = sync("sales", "s", "in.vcf", webhookDestination("hook", "https://hook.compliance.svc/in",
        new PolicyReference("shared", "compliance")));
    assertThat(SyncResolver.resolve(toPolicyNamespace, lookups).violations()).isEmpty();
    lookups.services.put("sales/hook", lookups.services.get("db/hook"));
    assertThat(SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", "https://hook.sales.svc/in")), lookups)
        .violations()).isEmpty();
  }

  @Test
  void everyHostOfAMultiHostUrlNeedsItsConsentAndGetsItsEgress() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    Service pg = new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg")).addNewPort().withPort(5432).endPort()
        .endSpec().build();
    lookups.services.put("sales/pg", pg);
    lookups.services.put("db/pg", pg);
    DestinationSpec db = postgres("db", "jdbc:postgresql://pg.sales.svc:5432,pg.db.svc:5432/crm?sslmode=verify-full", null);
    db.getPostgres().setCredentials(null);
    ContactSync twoHosts = sync("sales", "s", "in.vcf", db);

    assertThat(SyncResolver.resolve(twoHosts, lookups).violations()).as("the second host is in another namespace")
        .extracting(Violation::reason).containsExactly("EndpointNotAccepted");
    SyncResolution accepted = SyncResolver.resolve(twoHosts, lookups.accepting("db", "sales"));
    assertThat(accepted.violations()).isEmpty();
    assertThat(accepted.endpoints()).containsExactly(new Endpoint.InCluster("sales", Map.of("app", "pg"), "5432"),
        new Endpoint.InCluster("db", Map.of("app", "pg"), "5432"));

    // a Secret bound to hosts must allow every host the values may go to
    db.getPostgres().setCredentials(secretCredentials("creds"));
    Map<String, String> data = Map.of("password", "Y2FuYXJ5");
    lookups.secrets.put("sales/creds", new SecretBuilder(consented("sales", "creds", data)).editMetadata()
        .addToAnnotations("contactsync.io/allowed-hosts", "pg.sales.svc").endMetadata().build());
    assertThat(SyncResolver.resolve(twoHosts, lookups).violations()).extracting(Violation::reason)
        .containsExactly("CredentialsUnavailable");
    lookups.secrets.put("sales/creds", new SecretBuilder(consented("sales", "creds", data)).editMetadata()
        .addToAnnotations("contactsync.io/allowed-hosts", "pg.sales.svc, pg.db.svc:5432").endMetadata().build());
    assertThat(SyncResolver.resolve(twoHosts, lookups).violations()).isEmpty();
  }

  @Test
  void keysComeOnlyFromTheSecretTheOperatorMadeForThePolicy() {
    PrivacyPolicy p = policy("sales", "p");
    p.getMetadata().setUid("uid-p");
    p.getSpec().setKeys(new io.contactsync.api.v1alpha1.KeysSpec());
    p.getSpec().getKeys().setSecretName("db-admin");
    MapLookups lookups = new MapLookups().withPolicy(p, false);
    // a Secret keys.secretName names, shaped like keys (even labelled), but not owned by this policy
    Secret foreign = PolicyKeysSecret.desired(p, PolicyKeys.generate());
    lookups.secrets.put("sales/db-admin", foreign);
    ContactSync s = sync("sales", "crm", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.policyKeys()).isEmpty();
    assertThat(r.violations()).extracting(Violation::reason).containsExactly("PolicyKeysMissing");

    MapLookups.ownedBy(p, foreign).getMetadata().getOwnerReferences().get(0).setUid("uid-another-policy");
    assertThat(SyncResolver.resolve(s, lookups).policyKeys()).as("owned by another policy").isEmpty();
    foreign.getMetadata().getOwnerReferences().get(0).setUid("uid-p");
    assertThat(SyncResolver.resolve(s, lookups).policyKeys()).containsOnlyKeys("sales/p");
  }

  @Test
  void aPolicyThatDoesNotAdmitTheSyncLendsItsNamespaceNoConsentAndStatusSaysNothingOfIt() {
    // attack: naming any existing policy of hr (admitting or not) made hr a "policy namespace", so its Services
    // were looked up without hr's consent and status told whether hr/pg exists; a missing policy also read differently
    MapLookups lookups = new MapLookups().withPolicy(policy("hr", "p"), false);
    ContactSync s = sync("sales", "s", "in.vcf", webhookDestination("hook", "https://pg.hr.svc/in",
        new PolicyReference("p", "hr")));
    SyncResolution withoutService = SyncResolver.resolve(s, lookups);
    lookups.services.put("hr/pg", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg"))
        .addNewPort().withPort(443).endPort().endSpec().build());
    SyncResolution withService = SyncResolver.resolve(s, lookups);
    SyncResolution withoutPolicy = SyncResolver.resolve(s, new MapLookups());
    assertThat(withService.violations()).isEqualTo(withoutService.violations()).isEqualTo(withoutPolicy.violations());
    assertThat(withService.violations()).extracting(Violation::reason).contains("EndpointNotAccepted");
    assertThat(withService.endpoints()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.Disabled("open: the pod resolves relative names through its DNS search list (docs/security.md, Known gaps)")
  void aRelativeNameThePodsSearchListTurnsIntoAnotherNamespacesServiceNeedsThatNamespacesConsent() {
    // the operator resolves "pg.other" as an absolute name (no such host: Unresolved, and the sync still runs); the pod
    // resolves it through its search list (ndots 5) to pg.other.svc.cluster.local, the Service pg in namespace other.
    // The same turns hooks.example.com into endpoint hooks of Service example in a namespace named "com".
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.namespaces.put("other", new NamespaceBuilder().withNewMetadata().withName("other").endMetadata().build());
    lookups.services.put("other/pg", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg"))
        .addNewPort().withPort(443).endPort().endSpec().build());
    SyncResolution r = SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", "https://pg.other/in")), lookups);
    assertThat(r.violations()).extracting(Violation::reason).containsExactly("EndpointNotAccepted");
  }

  @Test
  void aPolicysNamespaceIsOpenOnlyToTheDestinationsOfThatPolicyNotToTheSourceOrOtherDestinations() {
    // attack: compliance's policy admits every namespace (as a shared policy does); a tenant of sales names it on a
    // file destination and points its source, or another destination, at any Service in compliance: no consent was
    // asked, egress was opened, and status said whether the Service exists
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true)
        .withPolicy(admitting(policy("compliance", "shared"), List.of("*"), List.of()), true);
    lookups.services.put("compliance/db", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "db"))
        .addNewPort().withPort(443).endPort().endSpec().build());
    ContactSync fromCompliance = sync("sales", "s", "in.vcf",
        fileDestination("out", "o.jsonl", new PolicyReference("shared", "compliance")));
    fromCompliance.getSpec().getSource().setFile(null);
    CardDavConnector dav = new CardDavConnector();
    dav.setUrl("https://db.compliance.svc/dav/");
    fromCompliance.getSpec().getSource().setCarddav(dav);
    assertThat(SyncResolver.resolve(fromCompliance, lookups).violations()).as("the source").extracting(Violation::reason)
        .containsExactly("EndpointNotAccepted");

    ContactSync toCompliance = sync("sales", "s", "in.vcf",
        fileDestination("out", "o.jsonl", new PolicyReference("shared", "compliance")),
        webhook("hook", "https://db.compliance.svc/in"));
    assertThat(SyncResolver.resolve(toCompliance, lookups).violations()).as("a destination under another policy")
        .extracting(Violation::reason).containsExactly("EndpointNotAccepted");
  }

  @Test
  void aPolicyThatDoesNotAdmitTheNamespaceStopsData() {
    MapLookups lookups = new MapLookups().withPolicy(policy("compliance", "p"), true);
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", "compliance")));
    assertThat(SyncResolver.resolve(s, lookups).violations()).extracting(Violation::reason).containsExactly("PolicyAccessDenied");
    lookups.withPolicy(admitting(policy("compliance", "p"), List.of("sales"), List.of()), true);
    assertThat(SyncResolver.resolve(s, lookups).dataMayFlow()).isTrue();
  }

  @Test
  void sealedCredentialsOpenForTheirOwnSyncOnlyAndAFailureNamesTheKeyNotTheValue() throws Exception {
    String canary = "canary-password-7f3a";
    String publicKeys = SEALING_KEYS.publicKeyset();
    byte[] value = canary.getBytes(StandardCharsets.UTF_8);
    String forThisSync = SealingKeys.seal(publicKeys, new SealBinding("sales", "s", "db", "password", "pg.db.svc:5432"), value);
    String forAnotherSync = SealingKeys.seal(publicKeys, new SealBinding("sales", "other", "db", "password", "pg.db.svc:5432"), value);
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.services.put("db/pg", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg"))
        .addNewPort().withPort(5432).endPort().endSpec().build());
    lookups.accepting("db", "sales");
    String url = "jdbc:postgresql://pg.db.svc:5432/crm?sslmode=verify-full";

    ContactSync s = sync("sales", "s", "in.vcf",
        withSealedCredentials(postgres("db", url, "unused"), Map.of("password", forThisSync)));
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).isEmpty();
    assertThat(r.credentials().get("db")).containsExactly(
        Map.entry("password", Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8))));

    ContactSync copied = sync("sales", "s", "in.vcf",
        withSealedCredentials(postgres("db", url, "unused"), Map.of("password", forAnotherSync, "username", "sealed.v2.AAAA")));
    SyncResolution refused = SyncResolver.resolve(copied, lookups);
    assertThat(refused.dataMayFlow()).isFalse();
    assertThat(refused.violations()).extracting(Violation::reason).containsExactly("SealedValueInvalid", "SealedValueInvalid");
    assertThat(refused.violations().get(1).message()).startsWith("destination 'db': credentials.sealed.password does not open")
        .contains("this endpoint contacts pg.db.svc:5432",
            "contactsync seal --namespace sales --name s --endpoint db --url 'jdbc:postgresql://pg.db.svc:5432/' --key password")
        .doesNotContain(canary).doesNotContain(forAnotherSync).doesNotContain("sslmode");
  }

  @Test
  void aSealedValueDoesNotOpenForAnotherHostPortEndpointOrKey() throws Exception {
    byte[] canary = "canary-password-2b9e".getBytes(StandardCharsets.UTF_8);
    String sealed = SealingKeys.seal(SEALING_KEYS.publicKeyset(),
        new SealBinding("sales", "s", "hook", "signingKey", "203.0.113.5:8443"), canary);
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    java.util.function.BiFunction<String, String, SyncResolution> resolve = (url, key) -> SyncResolver.resolve(
        sync("sales", "s", "in.vcf", withSealedCredentials(webhook("hook", url), Map.of(key, sealed))), lookups);

    assertThat(resolve.apply("https://203.0.113.5:8443/in", "signingKey").violations()).isEmpty();
    assertThat(resolve.apply("https://203.0.113.5:8443/elsewhere?x=1", "signingKey").violations())
        .as("the path is not bound: the driver contacts the same host and port").isEmpty();
    for (String url : List.of("https://127.0.0.1:8443/in", "https://203.0.113.5/in", "https://203.0.113.5:8444/in",
        "https://dav.203.0.113.5.nip.io:8443/in")) {
      assertThat(resolve.apply(url, "signingKey").violations()).as(url).extracting(Violation::reason)
          .containsExactly("SealedValueInvalid");
    }
    assertThat(resolve.apply("https://203.0.113.5:8443/in", "token").violations()).extracting(Violation::message)
        .singleElement().asString().startsWith("destination 'hook': credentials.sealed.token does not open");
    ContactSync asSource = sync("sales", "s", "in.vcf", webhook("hook", "https://203.0.113.5:8443/in"));
    asSource.getSpec().getSource().setFile(null);
    CardDavConnector carddav = new CardDavConnector();
    carddav.setUrl("https://203.0.113.5:8443/in");
    carddav.setCredentials(withSealedCredentials(webhook("x", "https://x.test/"), Map.of("signingKey", sealed))
        .getWebhook().getCredentials());
    asSource.getSpec().getSource().setCarddav(carddav);
    assertThat(SyncResolver.resolve(asSource, lookups).violations()).extracting(Violation::message)
        .singleElement().asString().startsWith("the source: credentials.sealed.signingKey does not open");
  }

  @Test
  void aDestinationNamedSourceCannotLendItsCheckedCredentialsToTheRealSource() throws Exception {
    // attack: the source's password, sealed for the source at dav.example.com:443; the tenant moves the source to
    // its own server and adds a destination named "source" at dav.example.com, with the same sealed value. Endpoints
    // are keyed by name ("source" or the destination's), so the destination's check stood in for the source's, and
    // the pod's source read credentials/source/, which held the opened canary.
    byte[] canary = "canary-password-5d1c".getBytes(StandardCharsets.UTF_8);
    String sealed = SealingKeys.seal(SEALING_KEYS.publicKeyset(),
        new SealBinding("sales", "s", "source", "password", "dav.example.com:443"), canary);
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.dns.put("dav.example.com", List.of("198.51.100.7"));
    ContactSync s = sync("sales", "s", "in.vcf", withSealedCredentials(webhook("source", "https://dav.example.com/in"),
        Map.of("password", sealed)));
    s.getSpec().getSource().setFile(null);
    CardDavConnector attackers = new CardDavConnector();
    attackers.setUrl("https://203.0.113.66:8443/dav/");
    attackers.setCredentials(withSealedCredentials(webhook("x", "https://x.test/"), Map.of("password", sealed))
        .getWebhook().getCredentials());
    s.getSpec().getSource().setCarddav(attackers);

    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.dataMayFlow()).as("a sync whose source's credentials were checked against another url").isFalse();
    assertThat(r.violations()).extracting(Violation::message).anySatisfy(m -> assertThat(m).contains("'source'"));
  }

  @Test
  void aV1ValueAndAUrlWithNoAddressAreRefusedWithWhatToDo() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    SyncResolution v1 = SyncResolver.resolve(sync("sales", "s", "in.vcf",
        withSealedCredentials(webhook("hook", "https://hooks.good.test/in"), Map.of("signingKey", "sealed.v1.AAAA"))), lookups);
    assertThat(v1.violations()).extracting(Violation::reason).containsExactly("SealedValueInvalid");
    assertThat(v1.violations().get(0).message()).contains("credentials.sealed.signingKey is a sealed.v1 value",
        "cannot name a host",
        "contactsync seal --namespace sales --name s --endpoint hook --url 'https://hooks.good.test:443/' --key signingKey")
        .doesNotContain("AAAA");
    SyncResolution noHost = SyncResolver.resolve(sync("sales", "s", "in.vcf",
        withSealedCredentials(webhook("hook", "https://bad_host.test/in"), Map.of("signingKey", "sealed.v2.AAAA"))), lookups);
    assertThat(noHost.violations()).extracting(Violation::reason).contains("SealedValueInvalid");
    assertThat(noHost.dataMayFlow()).isFalse();
  }

  /** The default bounds, but with the admin's allowance for the namespaces given. */
  static AdminBounds allowingNamespaces(String... namespaces) {
    AdminBounds d = AdminBounds.DEFAULTS;
    return new AdminBounds(d.deniedCidrs(), d.allowedCidrs(), d.denyApiServer(), Set.of(namespaces),
        d.minScheduleInterval(), d.maxCpu(), d.maxMemory(), d.maxRunTimeout(), d.finishedJobTtl());
  }

  @Test
  void anEndpointAtAMetadataOrApiServerAddressGetsNoEgressAndTheStatusNamesTheAdminSetting() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.dns.put("metadata.attacker.test", List.of("198.51.100.9", "169.254.169.254"));
    for (String url : List.of("https://169.254.169.254/latest/meta-data/", "https://metadata.attacker.test/in",
        "https://[fd00:ec2::254]/latest/", "https://10.96.0.1:443/api", "https://192.0.2.10:6443/api")) {
      SyncResolution r = SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", url)), lookups);
      assertThat(r.violations()).as(url).extracting(Violation::reason).containsExactly("EgressNotAllowed");
      assertThat(r.violations().get(0).message()).as(url).startsWith("destination 'hook' connects to ")
          .containsAnyOf("syncBounds.egress.deniedCidrs", "syncBounds.egress.denyApiServer");
      assertThat(r.endpoints()).as(url).isEmpty();
      assertThat(r.dataMayFlow()).isFalse();
    }
    assertThat(SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", "https://metadata.attacker.test/in")), lookups)
        .violations().get(0).message()).contains("metadata.attacker.test at 169.254.169.254/32 overlaps 169.254.0.0/16");
  }

  @Test
  void anAddressInAFormANetworkPolicyCannotSayIsRefusedNotWrittenAsACidr() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    for (String host : List.of("2130706433", "127.1", "0177.0.0.1", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]")) {
      SyncResolution r = SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", "https://" + host + ":8443/in")), lookups);
      assertThat(r.violations()).as(host).extracting(Violation::reason).containsExactly("InvalidSpec");
      assertThat(r.endpoints()).as(host).noneMatch(Endpoint.External.class::isInstance);
    }
    // an IPv4-mapped IPv6 address reaches the IPv4 address, yet as an IPv6 range it would overlap no IPv4 bound
    assertThat(SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", "https://[::ffff:169.254.169.254]/in")), lookups)
        .violations().get(0).message()).contains("host [::ffff:169.254.169.254]", "four decimal numbers");
  }

  @Test
  void specEgressIsHeldToTheBoundsAndOnlyWhatPassesReachesTheNetworkPolicy() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    ContactSync s = sync("sales", "s", "in.vcf", webhook("hook", "https://203.0.113.5/in"));
    for (String cidr : List.of("203.0.113.0/24", "0.0.0.0/0", "::/0", "169.254.169.254/32", "10.96.0.0/12", "999.1.1.1/99")) {
      io.contactsync.api.v1alpha1.EgressRule rule = new io.contactsync.api.v1alpha1.EgressRule();
      rule.setCidr(cidr);
      s.getSpec().getEgress().add(rule);
    }
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).startsWith("spec.egress[1].cidr 0.0.0.0/0 is every address"))
        .anySatisfy(m -> assertThat(m).startsWith("spec.egress[2].cidr 0:0:0:0:0:0:0:0/0 is every address"))
        .anySatisfy(m -> assertThat(m).startsWith("spec.egress[3].cidr 169.254.169.254/32 overlaps"))
        .anySatisfy(m -> assertThat(m).startsWith("spec.egress[4].cidr 10.96.0.0/12 includes an address of the Kubernetes API"))
        .anySatisfy(m -> assertThat(m).startsWith("spec.egress[5].cidr: '999.1.1.1/99'"));
    assertThat(r.dataMayFlow()).isFalse();
    assertThat(r.endpoints()).as("the webhook and the one rule within bounds; the NetworkPolicy never sees the others")
        .containsExactly(new Endpoint.External("203.0.113.5", List.of(Cidr.host("203.0.113.5")), 443),
            new Endpoint.Declared(Cidr.parse("203.0.113.0/24"), List.of()));
  }

  @Test
  void theApiServersAddressesAreNotReadWhenTheAdminDoesNotDenyThem() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.apiServer = null; // a read would fail the test
    AdminBounds d = AdminBounds.DEFAULTS;
    AdminBounds allowing = new AdminBounds(d.deniedCidrs(), d.allowedCidrs(), false, d.allowedNamespaces(),
        d.minScheduleInterval(), d.maxCpu(), d.maxMemory(), d.maxRunTimeout(), d.finishedJobTtl());
    lookups.bounds = allowing;
    SyncResolution r = SyncResolver.resolve(sync("sales", "s", "in.vcf", webhook("hook", "https://10.96.0.1/in")), lookups);
    assertThat(r.violations()).isEmpty();
  }

  @Test
  void theAdminsAllowedNamespacesAreTheOtherWayToAnotherNamespacesServices() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.services.put("tenant-b/db", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg"))
        .addNewPort().withPort(5432).endPort().endSpec().build());
    DestinationSpec db = postgres("db", "jdbc:postgresql://db.tenant-b.svc:5432/crm?sslmode=verify-full", null);
    db.getPostgres().setCredentials(null);
    ContactSync s = sync("sales", "s", "in.vcf", db);

    SyncResolution refused = SyncResolver.resolve(s, lookups);
    assertThat(refused.violations()).extracting(Violation::reason).containsExactly("EndpointNotAccepted");
    assertThat(refused.violations().get(0).message()).contains("contactsync.io/accepts-syncs-from",
        "the cluster admin lists tenant-b in the chart value syncBounds.egress.allowedNamespaces",
        "--egress-allowed-namespaces");
    assertThat(refused.endpoints()).isEmpty();
    lookups.bounds = allowingNamespaces("shared-db", "tenant-b");
    SyncResolution allowed = SyncResolver.resolve(s, lookups);
    assertThat(allowed.violations()).isEmpty();
    assertThat(allowed.endpoints()).containsExactly(new Endpoint.InCluster("tenant-b", Map.of("app", "pg"), "5432"));
    lookups.bounds = allowingNamespaces("tenant-c");
    assertThat(SyncResolver.resolve(s, lookups).violations())
        .extracting(Violation::reason).containsExactly("EndpointNotAccepted");
  }
}
