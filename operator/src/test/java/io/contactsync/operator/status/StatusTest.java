package io.contactsync.operator.status;

import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.Condition;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.operator.desired.OperatorSettings;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.resolve.SyncResolution;
import io.contactsync.operator.runs.RunState;
import io.contactsync.sync.config.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-27T11:00:00Z");
  static final OperatorSettings SETTINGS = new OperatorSettings("registry.example/contactsync:1.0", "IfNotPresent", true);

  static ContactSync crm() {
    ContactSync s = sync("sales", "crm", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)));
    s.getMetadata().setGeneration(4L);
    return s;
  }

  static SyncResolution resolution(List<Violation> violations, List<Endpoint> endpoints) {
    return new SyncResolution(violations, Map.of(), Map.of(), Map.of(), endpoints);
  }

  static Condition condition(io.contactsync.api.v1alpha1.ContactSyncStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void aHealthySyncIsReadyAndKeepsItsTransitionTimeOnResync() {
    ContactSync s = crm();
    var first = SyncStatus.of(s, resolution(List.of(), List.of()), RunState.NONE, StatusTest.SETTINGS, T0);
    assertThat(first.getObservedGeneration()).isEqualTo(4L);
    assertThat(first.getSource()).isEqualTo("file");
    assertThat(condition(first, "Ready")).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly(Condition.Status.True, "Reconciled");
    assertThat(condition(first, "LastRunSucceeded").getReason()).isEqualTo("NoRunYet");
    s.setStatus(first);
    var again = SyncStatus.of(s, resolution(List.of(), List.of()), RunState.NONE, StatusTest.SETTINGS, T1);
    assertThat(again).as("a resync changes nothing, so nothing is written").isEqualTo(first);
  }

  @Test
  void aViolationMakesTheSyncNotReadyWithItsReasonAndANewTransitionTime() {
    ContactSync s = crm();
    s.setStatus(SyncStatus.of(s, resolution(List.of(), List.of()), RunState.NONE, StatusTest.SETTINGS, T0));
    var denied = SyncStatus.of(s, resolution(List.of(new Violation("PolicyAccessDenied", "not admitted")), List.of()), RunState.NONE, StatusTest.SETTINGS, T1);
    Condition ready = condition(denied, "Ready");
    assertThat(ready.getStatus()).isEqualTo(Condition.Status.False);
    assertThat(ready.getReason()).isEqualTo("PolicyAccessDenied");
    assertThat(ready.getMessage()).startsWith("not admitted. No data flows");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-27T11:00:00Z");
    assertThat(condition(denied, "PolicyResolved").getReason()).isEqualTo("PolicyAccessDenied");
  }

  @Test
  void unresolvedEndpointsAndSuspensionAreExplained() {
    ContactSync s = crm();
    var unresolved = SyncStatus.of(s, resolution(List.of(), List.of(new Endpoint.Unresolved("pg.db.svc", "gone"))), RunState.NONE, StatusTest.SETTINGS, T0);
    assertThat(condition(unresolved, "Ready").getReason()).isEqualTo("EndpointNotResolved");
    assertThat(condition(unresolved, "Ready").getMessage()).startsWith("pg.db.svc: gone.");
    s.getSpec().setSuspend(true);
    assertThat(condition(SyncStatus.of(s, resolution(List.of(), List.of()), RunState.NONE, StatusTest.SETTINGS, T0), "Ready").getReason()).isEqualTo("Suspended");
  }

  @Test
  void aPolicyStatusListsEveryProblem() {
    var p = policy("compliance", "p");
    p.getMetadata().setGeneration(2L);
    var ok = PolicyStatus.of(p, List.of(), T0);
    assertThat(ok.getRuleCount()).isEqualTo(4);
    assertThat(ok.getKeysSecret()).isEqualTo("p-keys");
    assertThat(ok.getConditions().get(0).getReason()).isEqualTo("Compiled");
    var bad = PolicyStatus.of(p, List.of("rule 1: x", "rule 2: y"), T1);
    assertThat(bad.getConditions().get(0).getStatus()).isEqualTo(Condition.Status.False);
    assertThat(bad.getConditions().get(0).getMessage()).contains("rule 1: x; rule 2: y");
  }

  @Test
  void aRefusedPolicyIsNotReadyForItsReasonAndNamesNoKeysSecret() {
    var p = policy("compliance", "p");
    var refused = PolicyStatus.of(p, List.of(), java.util.Optional.of(new io.contactsync.operator.desired.PolicyGrants.Refusal(
        "KeysSecretNotOwned", "keys.secretName names Secret db-admin")), java.util.Optional.empty(), T0);
    assertThat(refused.getKeysSecret()).isNull();
    assertThat(refused.getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo(Condition.Status.False);
      assertThat(c.getReason()).isEqualTo("KeysSecretNotOwned");
      assertThat(c.getMessage()).startsWith("keys.secretName names Secret db-admin.").contains("no keys Secret, Role or RoleBinding");
    });
  }

  @Test
  void longNamesBecomeValidLabelValues() {
    String name = "x".repeat(70);
    String label = Names.labelValue(name);
    assertThat(label).hasSizeLessThanOrEqualTo(63).isNotEqualTo(Names.labelValue("x".repeat(71)));
    assertThat(Names.labelValue("short")).isEqualTo("short");
  }

  @Test
  void whatTheClusterCannotHonourAndInsecureTransportAreSaidInReady() {
    ContactSync s = crm();
    s.getSpec().setTimeZone("Europe/Berlin");
    var supported = SyncStatus.of(s, resolution(List.of(), List.of()), RunState.NONE, SETTINGS, T0);
    assertThat(condition(supported, "Ready").getMessage()).isEqualTo("CronJob crm runs on '*/30 * * * *'");
    OperatorSettings before127 = new OperatorSettings("i", "IfNotPresent", false);
    var old = SyncStatus.of(s, resolution(List.of(), List.of()), RunState.NONE, before127, T0);
    assertThat(condition(old, "Ready").getStatus()).isEqualTo(Condition.Status.True);
    assertThat(condition(old, "Ready").getMessage()).contains("spec.timeZone 'Europe/Berlin' is not applied");

    ContactSync plain = sync("sales", "crm", "in.vcf", webhookDestination("hook", "http://hooks.example.com/in",
        new PolicyReference("p", null)));
    plain.getSpec().getDestinations().get(0).getWebhook().setAllowInsecureTransport(true);
    var insecure = SyncStatus.of(plain, resolution(List.of(), List.of()), RunState.NONE, SETTINGS, T0);
    assertThat(condition(insecure, "Ready").getMessage()).endsWith("; destination 'hook' allowed insecure transport");
  }
}
