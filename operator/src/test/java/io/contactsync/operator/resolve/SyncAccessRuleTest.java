package io.contactsync.operator.resolve;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.Subject;
import io.contactsync.api.v1alpha1.SyncAccess;
import io.contactsync.sync.config.Violation;
import org.junit.jupiter.api.Test;

class SyncAccessRuleTest {
  private static ContactSync crm() {
    return sync("sales", "crm", "contacts.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
  }

  @Test
  void aSyncWithoutAccessSubjectsIsFine() {
    ContactSync sync = crm();
    assertThat(SyncAccessRule.violation(sync)).isEmpty();
    sync.getSpec().setAccess(new SyncAccess());
    assertThat(SyncAccessRule.violation(sync)).as("an empty access block").isEmpty();
  }

  @Test
  void anySubjectStopsTheSyncWithTheRoleBindingToMakeInstead() {
    for (boolean asEditor : new boolean[] {true, false}) {
      ContactSync sync = crm();
      SyncAccess access = new SyncAccess();
      Subject world = new Subject();
      world.setKind(Subject.Kind.Group);
      world.setName("system:unauthenticated");
      (asEditor ? access.getEditors() : access.getViewers()).add(world);
      sync.getSpec().setAccess(access);
      Violation v = SyncAccessRule.violation(sync).orElseThrow();
      assertThat(v.reason()).isEqualTo("AccessBindingsUnsupported");
      assertThat(v.message()).contains("kubectl create rolebinding", "-n sales", "--clusterrole=contactsync-editor",
          "contactsync-viewer");
    }
  }

  @Test
  void theResolverStopsDataForIt() {
    ContactSync sync = crm();
    SyncAccess access = new SyncAccess();
    Subject robot = new Subject();
    robot.setKind(Subject.Kind.ServiceAccount);
    robot.setName("ci");
    robot.setNamespace("elsewhere");
    access.getEditors().add(robot);
    sync.getSpec().setAccess(access);
    var lookups = new SyncResolverTest.MapLookups().withPolicy(io.contactsync.sync.SyncFixtures.policy("sales", "p"), true);
    SyncResolution r = SyncResolver.resolve(sync, lookups);
    assertThat(r.violations()).extracting(Violation::reason).containsExactly("AccessBindingsUnsupported");
    assertThat(r.dataMayFlow()).isFalse();
  }
}
