package io.contactsync.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.it.TenantEgressIT.Tenant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, observation 4, the admin's side: a namespace in syncBounds.egress.allowedNamespaces is open to every
 * tenant's syncs without that namespace's consent (a shared database), and only that namespace. An operator of its
 * own, since the setting is the operator's; a test of its own class, so that it never runs beside another operator.
 */
class TenantEgressAllowanceIT {
  static final String SHARED = "shared-db-egress-it";

  @RegisterExtension static final InProcessOperator CLUSTER = new InProcessOperator(allowing(SHARED));

  static OperatorSettings allowing(String namespace) {
    AdminBounds d = AdminBounds.DEFAULTS;
    OperatorSettings s = TestCluster.SETTINGS;
    return new OperatorSettings(s.image(), s.imagePullPolicy(), s.cronJobTimeZones(), new AdminBounds(d.deniedCidrs(),
        d.allowedCidrs(), d.denyApiServer(), Set.of(namespace), d.minScheduleInterval(), d.maxCpu(), d.maxMemory(),
        d.maxRunTimeout(), d.finishedJobTtl()));
  }

  @Test
  void aNamespaceTheAdminAllowsIsReachableWithoutItsConsentAndAnotherIsNot() {
    CLUSTER.admin().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(SHARED)
        .addToLabels(TestCluster.TEST_LABEL, "true").endMetadata().build()).create();
    CLUSTER.admin().resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("db")
        .withNamespace(SHARED).endMetadata().withNewSpec().withSelector(Map.of("app", "postgres")).addNewPort()
        .withPort(5432).endPort().endSpec().build()).create();
    String other = TenantEgressIT.otherTenantsDatabase(CLUSTER);
    Tenant tenant = Tenant.of(CLUSTER, "egress-allowed");
    String ns = tenant.namespace();
    tenant.client().resource(TenantEgressIT.withPostgresSource(TenantEgressIT.requestingARun(ns, "shared"),
        "jdbc:postgresql://db." + SHARED + ".svc:5432/crm?sslmode=verify-full")).create();
    tenant.client().resource(TenantEgressIT.withPostgresSource(TenantEgressIT.requestingARun(ns, "other"),
        "jdbc:postgresql://db." + other + ".svc:5432/crm?sslmode=verify-full")).create();

    TestCluster.awaitReady(CLUSTER.admin(), ns, "shared", TenantEgressIT.CONVERGE);
    assertThat(TenantEgressIT.egressNamespaces(CLUSTER, ns, "shared")).contains(SHARED);
    TenantEgressIT.assertRefusedAndNothingMade(CLUSTER, ns, "other", "EndpointNotAccepted", "namespace " + other,
        "syncBounds.egress.allowedNamespaces");
    assertThat(TenantEgressIT.egressNamespaces(CLUSTER, ns, "other")).doesNotContain(other);
    tenant.client().close();
  }
}
