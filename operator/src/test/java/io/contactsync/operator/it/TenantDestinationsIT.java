package io.contactsync.operator.it;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue "Where data may go", observations 1, 2 and 4 (ports), as a namespace editor plays them against the real API server: URLs
 * whose driver would reach a host the policy does not allow, or whose host the check cannot read. Each sync is refused
 * with a reason and a message naming the endpoint and what is wrong with its url, and the operator makes nothing for
 * it: no CronJob, Secret, job or state ConfigMap, Job, ServiceAccount or NetworkPolicy.
 */
class TenantDestinationsIT {
  private static final Duration CONVERGE = Duration.ofSeconds(45);
  private static final String ALLOWED = "pg.marketing.svc.cluster.local:5432";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator();

  private record Attack(String sync, ContactSync spec, String reason, List<String> named) {}

  @Test
  void urlsThatReachPastThePolicyOrCannotBeReadAreRefusedByFieldAndGetNothing() throws Exception {
    String ns = TestCluster.namespace(CLUSTER.admin(), "dests");
    CLUSTER.admin().resource(admitting(policy(ns, "p"), List.of(), List.of("*.marketing.svc.cluster.local"))).create();
    // observation 4: a policy that names a port allows that port only
    CLUSTER.admin().resource(admitting(policy(ns, "ported"), List.of(), List.of("hooks.marketing.svc.cluster.local:443")))
        .create();
    // the credentials exist and consent to syncs, so nothing but the url stops these syncs
    CLUSTER.admin().resource(new SecretBuilder().withNewMetadata().withName("db-creds").withNamespace(ns)
        .addToLabels("contactsync.io/credentials", "allowed").endMetadata()
        .withType("Opaque").addToStringData(Map.of("username", "crm", "password", "not-a-real-one")).build()).create();
    KubernetesClient tenant = TestCluster.tenant(CLUSTER.admin(), ns, "mallory", "contactsync-editor", new ArrayList<>());
    PolicyReference p = new PolicyReference("p", null);
    String verified = "?sslmode=verify-full";
    List<Attack> attacks = List.of(
        new Attack("multi-host", sync(ns, "multi-host", "in.vcf", postgresDestination("db",
            "jdbc:postgresql://127.0.0.1:39998," + ALLOWED + "/crm" + verified, "db-creds", p)),
            "DestinationNotAllowed", List.of("destination 'db'", "'127.0.0.1:39998'", "access.destinations")),
        new Attack("pghost", sync(ns, "pghost", "in.vcf", postgresDestination("db",
            "jdbc:postgresql://" + ALLOWED + "/crm" + verified + "&PGHOST=127.0.0.1&PGPORT=39998", "db-creds", p)),
            // the driver reads PGHOST as the host: the check does too, and refuses the parameter as well
            "DestinationNotAllowed", List.of("destination 'db'", "'127.0.0.1:39998'", "parameter 'PGHOST'")),
        new Attack("sslmode-twice", sync(ns, "sslmode-twice", "in.vcf", postgresDestination("db",
            "jdbc:postgresql://" + ALLOWED + "/crm" + verified + "&sslmode=disable", "db-creds", p)),
            "InvalidSpec", List.of("destination 'db'", "url", "parameter 'sslmode' twice")),
        new Attack("socket-factory", sync(ns, "socket-factory", "in.vcf", postgresDestination("db",
            "jdbc:postgresql://" + ALLOWED + "/crm" + verified + "&socketFactory=org.postgresql.ssl.NonValidatingFactory",
            "db-creds", p)),
            "InvalidSpec", List.of("destination 'db'", "url", "parameter 'socketFactory'")),
        new Attack("underscore-hook", sync(ns, "underscore-hook", "in.vcf",
            webhookDestination("hook", "https://evil_host.attacker.com/in", p)),
            "InvalidSpec", List.of("destination 'hook'", "url names no host that can be read")),
        new Attack("other-port", sync(ns, "other-port", "in.vcf",
            webhookDestination("hook", "https://hooks.marketing.svc.cluster.local:39999/in", new PolicyReference("ported", null))),
            "DestinationNotAllowed", List.of("destination 'hook'", "39999", "access.destinations")),
        new Attack("underscore-source", underscoreSource(ns, p),
            "InvalidSpec", List.of("the source", "url names no host that can be read")));
    for (Attack attack : attacks) tenant.resource(attack.spec()).create();

    for (Attack attack : attacks) {
      await().atMost(CONVERGE).untilAsserted(() -> {
        Condition ready = TestCluster.ready(CLUSTER.admin(), ns, attack.sync());
        assertThat(ready).as("Ready of " + attack.sync()).isNotNull();
        assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
        assertThat(ready.getReason()).as(attack.sync() + ": " + ready.getMessage()).isEqualTo(attack.reason());
        assertThat(ready.getMessage()).as(attack.sync()).contains(attack.named()).doesNotContain("not-a-real-one");
      });
    }
    Thread.sleep(3000); // give a wrongly converging operator the time to write
    assertThat(NothingMade.forSyncs(CLUSTER.admin(), ns)).as("what the operator made for the refused syncs").isEmpty();
  }

  /** A CardDAV source on a host java.net.URI cannot read: getHost() is null, and a check that skips null passes it. */
  private static ContactSync underscoreSource(String ns, PolicyReference p) {
    ContactSync s = sync(ns, "underscore-source", "in.vcf", webhookDestination("hook", "https://hooks.marketing.svc.cluster.local/in", p));
    CardDavConnector dav = new CardDavConnector();
    dav.setUrl("https://evil_host.attacker.com/dav/");
    dav.setCredentials(io.contactsync.sync.SyncFixtures.secretCredentials("db-creds"));
    s.getSpec().getSource().setFile(null);
    s.getSpec().getSource().setCarddav(dav);
    return s;
  }
}
