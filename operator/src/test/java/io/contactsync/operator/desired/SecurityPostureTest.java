package io.contactsync.operator.desired;

import static io.contactsync.sync.SyncFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.PolicyAccess;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.operator.chart.HelmChart;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security posture in one place: every pod the operator makes, and the operator's own, meets Pod Security
 * "restricted" (checked rule by rule, not by a label); sync pods carry no API token and their NetworkPolicy admits
 * no ingress; every Role the operator makes names the objects it grants. That the ClusterRoles it ships have no
 * wildcard is ChartTest's (the kustomize ones are the same objects: ChartIT).
 */
class SecurityPostureTest {
  private static final List<KeyToPath> ITEMS = List.of(new KeyToPath("keys.compliance.p.tokenize.json", null, "keys/compliance/p/tokenize.json"));
  private static final List<String> RESTRICTED_VOLUME_TYPES = List.of("configMap", "csi", "downwardAPI", "emptyDir",
      "ephemeral", "persistentVolumeClaim", "projected", "secret");

  /** Pod Security Standards, "restricted" profile (Kubernetes 1.25+ wording), every rule that applies to a pod spec. */
  static void assertRestricted(String what, PodSpec pod) {
    assertThat(pod.getHostNetwork()).as(what + ": hostNetwork").isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).as(what + ": hostPID").isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).as(what + ": hostIPC").isNotEqualTo(Boolean.TRUE);
    var podContext = pod.getSecurityContext();
    for (Volume volume : pod.getVolumes()) {
      Map<String, Object> asMap = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(volume, Map.class);
      assertThat(asMap.keySet().stream().filter(k -> !k.equals("name"))).as(what + ": volume " + volume.getName())
          .allMatch(RESTRICTED_VOLUME_TYPES::contains);
    }
    List<Container> containers = new ArrayList<>(pod.getContainers());
    containers.addAll(pod.getInitContainers());
    assertThat(containers).isNotEmpty();
    for (Container c : containers) {
      SecurityContext sc = c.getSecurityContext();
      String where = what + ", container " + c.getName();
      assertThat(sc).as(where + ": securityContext").isNotNull();
      assertThat(sc.getPrivileged()).as(where + ": privileged").isNotEqualTo(Boolean.TRUE);
      assertThat(sc.getAllowPrivilegeEscalation()).as(where + ": allowPrivilegeEscalation").isFalse();
      Capabilities caps = sc.getCapabilities();
      assertThat(caps.getDrop()).as(where + ": capabilities dropped").contains("ALL");
      assertThat(caps.getAdd() == null ? List.<String>of() : caps.getAdd()).as(where + ": capabilities added")
          .isSubsetOf("NET_BIND_SERVICE");
      boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
          || (sc.getRunAsNonRoot() == null && podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot()));
      assertThat(nonRoot).as(where + ": runAsNonRoot").isTrue();
      assertThat(sc.getRunAsUser() == null || sc.getRunAsUser() != 0L).as(where + ": runAsUser is not root").isTrue();
      String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
          : podContext != null && podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
      assertThat(seccomp).as(where + ": seccomp").isIn("RuntimeDefault", "Localhost");
      assertThat(c.getPorts()).as(where + ": host ports").allMatch(p -> p.getHostPort() == null || p.getHostPort() == 0);
    }
  }

  @Test
  void syncPodsAreRestrictedTokenlessAndUnreachable() {
    var sync = DesiredStateTest.crm();
    PodSpec scheduled = SyncCronJob.desired(sync, DesiredStateTest.SETTINGS, ITEMS, false)
        .getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    PodSpec requested = RequestedRun.desired(sync, "2026-11-27T00:00:00Z", DesiredStateTest.SETTINGS, ITEMS)
        .getSpec().getTemplate().getSpec();
    for (var entry : Map.of("scheduled run", scheduled, "requested run", requested).entrySet()) {
      assertRestricted(entry.getKey(), entry.getValue());
      assertThat(entry.getValue().getAutomountServiceAccountToken()).as(entry.getKey() + ": API token").isFalse();
      assertThat(entry.getValue().getServiceAccountName()).isEqualTo("crm-sync");
    }
    assertThat(SyncServiceAccount.desired(sync).getAutomountServiceAccountToken()).isFalse();
    var network = SyncNetworkPolicy.desired(sync, List.of());
    assertThat(network.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
    assertThat(network.getSpec().getIngress()).as("no ingress at all").isEmpty();
    assertThat(network.getSpec().getEgress()).as("only DNS when nothing is declared").hasSize(1);
  }

  /** The kustomize Deployment is the same object (ChartIT compares the two renderings). */
  @Test
  void theOperatorsOwnPodIsRestrictedInBothInstallations() {
    Deployment charted = HelmChart.render(Map.of()).stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    assertRestricted("the chart's operator", charted.getSpec().getTemplate().getSpec());
    assertThat(charted.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
        .isTrue();
  }

  @Test
  void everyRoleTheOperatorMakesNamesWhatItGrants() {
    PrivacyPolicy policy = policy("compliance", "p");
    Subject officers = new Subject();
    officers.setKind(Subject.Kind.Group);
    officers.setName("privacy-officers");
    policy.getSpec().setAccess(new PolicyAccess());
    policy.getSpec().getAccess().getKeyReaders().add(officers);
    Role role = KeyReaderAccess.role(policy).orElseThrow();
    assertThat(role.getRules()).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.getResourceNames()).as("resourceNames of " + rule).isNotEmpty();
      assertThat(rule.getVerbs()).doesNotContain("*", "list", "watch");
    });
  }
}
