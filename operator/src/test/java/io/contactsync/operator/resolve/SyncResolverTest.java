package io.contactsync.operator.resolve;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static io.contactsync.sync.SyncFixtures.withSealedCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.desired.PolicyKeysSecret;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SealingKeys;
import io.contactsync.sync.config.Violation;
import io.fabric8.kubernetes.api.model.IntOrString;
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
import org.junit.jupiter.api.Test;

class SyncResolverTest {
  static final SealingKeys SEALING_KEYS = SealingKeys.generate();

  /** Lookups from maps, keyed "namespace/name". */
  static final class MapLookups implements Lookups {
    final Map<String, PrivacyPolicy> policies = new HashMap<>();
    final Map<String, Secret> secrets = new HashMap<>();
    final Map<String, Service> services = new HashMap<>();
    final Map<String, List<String>> dns = new HashMap<>();

    MapLookups withPolicy(PrivacyPolicy p, boolean withKeys) {
      policies.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
      if (withKeys) {
        Secret keys = PolicyKeysSecret.desired(p, PolicyKeys.generate());
        secrets.put(p.getMetadata().getNamespace() + "/" + keys.getMetadata().getName(), keys);
      }
      return this;
    }

    @Override public PrivacyPolicy policy(String namespace, String name) { return policies.get(namespace + "/" + name); }
    @Override public Secret secret(String namespace, String name) { return secrets.get(namespace + "/" + name); }
    @Override public Service service(String namespace, String name) { return services.get(namespace + "/" + name); }
    @Override public SealingKeys sealingKeys() { return SEALING_KEYS; }

    @Override
    public List<String> addresses(String host) throws IOException {
      if (!dns.containsKey(host)) throw new IOException("unknown");
      return dns.get(host);
    }
  }

  static DestinationSpec postgres(String name, String url, String secret) {
    return postgresDestination(name, url, secret, new PolicyReference("p", null));
  }

  static DestinationSpec webhook(String name, String url) {
    return webhookDestination(name, url, new PolicyReference("p", null));
  }

  @Test
  void aSoundSyncResolvesPoliciesKeysCredentialsAndEndpoints() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.secrets.put("sales/pg-creds", new SecretBuilder().withNewMetadata().withName("pg-creds").endMetadata()
        .withData(Map.of("username", "dQ==", "password", "cA==", "unrelated", "eA==")).build());
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
        new Endpoint.External("hooks.example.com", List.of("198.51.100.8", "198.51.100.9"), 443),
        new Endpoint.External("203.0.113.5", List.of("203.0.113.5"), 8443));
  }

  @Test
  void missingKeysCredentialsAndEndpointsAreReported() {
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), false);
    ContactSync s = sync("sales", "s", "in.vcf",
        postgres("db", "jdbc:postgresql://pg.db.svc:5432/crm?sslmode=verify-full", "pg-creds"),
        webhook("hook", "https://nowhere.example.com/in"));
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).extracting(Violation::reason).containsExactly("PolicyKeysMissing", "CredentialsMissing");
    assertThat(r.violations().get(1).message()).isEqualTo("destination 'db' references Secret pg-creds, which does not exist in sales");
    assertThat(r.dataMayFlow()).isFalse();
    assertThat(r.unresolved()).extracting(Endpoint.Unresolved::host).containsExactly("pg.db.svc", "nowhere.example.com");
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
    String forThisSync = SealingKeys.seal(publicKeys, "sales", "s", canary.getBytes(StandardCharsets.UTF_8));
    String forAnotherSync = SealingKeys.seal(publicKeys, "sales", "other", canary.getBytes(StandardCharsets.UTF_8));
    MapLookups lookups = new MapLookups().withPolicy(policy("sales", "p"), true);
    lookups.services.put("db/pg", new ServiceBuilder().withNewSpec().withSelector(Map.of("app", "pg"))
        .addNewPort().withPort(5432).endPort().endSpec().build());
    String url = "jdbc:postgresql://pg.db.svc:5432/crm?sslmode=verify-full";

    ContactSync s = sync("sales", "s", "in.vcf",
        withSealedCredentials(postgres("db", url, "unused"), Map.of("password", forThisSync)));
    SyncResolution r = SyncResolver.resolve(s, lookups);
    assertThat(r.violations()).isEmpty();
    assertThat(r.credentials().get("db")).containsExactly(
        Map.entry("password", Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8))));

    ContactSync copied = sync("sales", "s", "in.vcf",
        withSealedCredentials(postgres("db", url, "unused"), Map.of("password", forAnotherSync, "username", "sealed.v1.AAAA")));
    SyncResolution refused = SyncResolver.resolve(copied, lookups);
    assertThat(refused.dataMayFlow()).isFalse();
    assertThat(refused.violations()).extracting(Violation::reason).containsExactly("SealedValueInvalid", "SealedValueInvalid");
    assertThat(refused.violations().get(1).message()).startsWith("destination 'db': credentials.sealed.password does not open")
        .contains("contactsync seal --namespace sales --name s").doesNotContain(canary).doesNotContain(forAnotherSync);
  }
}
