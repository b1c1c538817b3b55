package io.contactsync.sync.config;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.fileDestination;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.rule;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static io.contactsync.sync.SyncFixtures.withSealedCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.WebhookConnector;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SyncValidationTest {
  private static Function<PolicyReference, PrivacyPolicy> only(PrivacyPolicy... policies) {
    return ref -> List.of(policies).stream().filter(p -> p.getMetadata().getName().equals(ref.getName())
        && p.getMetadata().getNamespace().equals(ref.getNamespace())).findFirst().orElse(null);
  }

  @Test
  void aSoundSyncHasNoViolations() {
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).isEmpty();
  }

  @Test
  void noFieldMayOverwriteTheOwnerMark() {
    var pg = postgresDestination("db", "jdbc:postgresql://db.sales.svc:5432/crm?sslmode=verify-full", "pg",
        new PolicyReference("p", null));
    pg.getPostgres().getColumns().add(new io.contactsync.api.v1alpha1.PostgresColumn("name.given", "Written_By"));
    ContactSync s = sync("sales", "s", "in.vcf", pg);
    assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).contains(new Violation(Violation.INVALID_SPEC,
        "destination 'db' declares column Written_By, which holds the sync's owner mark: name the column otherwise"));

    var ldap = new io.contactsync.api.v1alpha1.DestinationSpec();
    ldap.setName("dir");
    ldap.setPrivacyPolicyRef(new PolicyReference("p", null));
    ldap.setLdap(new io.contactsync.api.v1alpha1.LdapConnector());
    ldap.getLdap().setUrl("ldaps://ldap.sales.svc:636");
    ldap.getLdap().setBaseDn("ou=people,dc=example,dc=com");
    ldap.getLdap().setAttributes(new java.util.TreeMap<>(java.util.Map.of("organization", "businessCategory")));
    assertThat(SyncValidation.violations(sync("sales", "s", "in.vcf", ldap), only(policy("sales", "p"))))
        .contains(new Violation(Violation.INVALID_SPEC, "destination 'dir' maps 'organization' to businessCategory, "
            + "which holds the sync's owner mark: map it to another attribute"));
  }

  @Test
  void aMissingPolicyIsReported() {
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "out.jsonl", new PolicyReference("p", null)));
    assertThat(SyncValidation.violations(s, only())).containsExactly(new Violation(Violation.POLICY_NOT_FOUND,
        "destination 'out' references PrivacyPolicy sales/p, which does not exist"));
  }

  @Test
  void statusDoesNotSayWhetherAPolicyExistsInANamespaceThatDoesNotAdmitTheSync() {
    // attack: a tenant of sales cannot list PrivacyPolicies in hr; PolicyNotFound vs PolicyAccessDenied told it
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("layoffs", "hr")));
    assertThat(SyncValidation.violations(s, only())).isEqualTo(SyncValidation.violations(s, only(policy("hr", "layoffs"))));
  }

  @Test
  void anotherNamespacesPolicyNeedsItsConsent() {
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", "compliance")));
    assertThat(SyncValidation.violations(s, only(policy("compliance", "p")))).extracting(Violation::reason)
        .containsExactly(Violation.POLICY_ACCESS_DENIED);
    assertThat(SyncValidation.violations(s, only(admitting(policy("compliance", "p"), List.of("sales"), List.of())))).isEmpty();
    assertThat(SyncValidation.violations(s, only(admitting(policy("compliance", "p"), List.of("*"), List.of())))).isEmpty();
  }

  @Test
  void destinationHostsMustBeAllowedByThePolicy() {
    var ref = new PolicyReference("p", null);
    ContactSync s = sync("sales", "s", "in.vcf", webhookDestination("hook", "https://evil.example.net/in", ref),
        webhookDestination("ok", "https://crm.marketing.svc.cluster.local/in", ref));
    PrivacyPolicy p = admitting(policy("sales", "p"), List.of(), List.of("*.marketing.svc.cluster.local", "hooks.example.com"));
    assertThat(SyncValidation.violations(s, only(p))).containsExactly(new Violation(Violation.DESTINATION_NOT_ALLOWED,
        "destination 'hook' sends to 'evil.example.net:443', which PrivacyPolicy sales/p does not allow "
            + "(access.destinations: [*.marketing.svc.cluster.local, hooks.example.com])"));
  }

  @Test
  void wildcardHostsMatchSubdomainsOnly() {
    assertThat(SyncValidation.hostMatches("*.example.com", "a.example.com")).isTrue();
    assertThat(SyncValidation.hostMatches("*.example.com", "a.b.example.com")).isTrue();
    assertThat(SyncValidation.hostMatches("*.example.com", "example.com")).isFalse();
    assertThat(SyncValidation.hostMatches("*.example.com", "evilexample.com")).isFalse();
    assertThat(SyncValidation.hostMatches("Hooks.Example.com", "hooks.example.COM")).isTrue();
  }

  @Test
  void plaintextTransportMustBeDeclaredWhateverTheSchemesCase() {
    // attack: the HTTP client and EndpointAddress read HTTP:// as http (port 80, no TLS); the check looked for "http://"
    for (String url : List.of("HTTP://hooks.example.com/in", "Http://hooks.example.com/in")) {
      ContactSync s = sync("sales", "s", "in.vcf", webhookDestination("hook", url, new PolicyReference("p", null)));
      assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).as(url).extracting(Violation::reason)
          .containsExactly(Violation.INSECURE_TRANSPORT);
    }
  }

  @Test
  void plaintextTransportMustBeDeclared() {
    var ref = new PolicyReference("p", null);
    DestinationSpec hook = webhookDestination("hook", "http://hooks.example.com/in", ref);
    ContactSync s = sync("sales", "s", "in.vcf", hook);
    assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).extracting(Violation::reason)
        .containsExactly(Violation.INSECURE_TRANSPORT);
    hook.getWebhook().setAllowInsecureTransport(true);
    assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).isEmpty();
  }

  @Test
  void aServerWithoutAnAddressIsNamedNotFailedOnLater() {
    // the schema requires url, but a local run reads manifests that no API server has checked
    ContactSync s = sync("sales", "s", "in.vcf", webhookDestination("hook", null, new PolicyReference("p", null)));
    s.getSpec().getDestinations().get(0).getWebhook().setAllowInsecureTransport(true);
    assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).extracting(Violation::message)
        .containsExactly("destination 'hook' has no url: say where the server is");
  }

  @Test
  void everyStructuralProblemIsReportedAtOnce() {
    var ref = new PolicyReference("p", null);
    DestinationSpec two = fileDestination("out", "a.jsonl", ref);
    two.setWebhook(new WebhookConnector());
    two.getWebhook().setUrl("https://h.example.com");
    DestinationSpec none = fileDestination("out", "b.jsonl", ref);
    none.setFile(null);
    ContactSync s = sync("sales", "s", "in.vcf", two, none);
    s.getSpec().setSchedule("61 * * * *");
    s.getSpec().setTimeZone("Mars/Olympus");
    s.getSpec().getSource().setFile(null);
    assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).extracting(Violation::message).containsExactly(
        "schedule field 1 (minute) '61' is not valid: use *, 0-59, lists (1,15), ranges (1-5) or steps (*/10)",
        "timeZone 'Mars/Olympus' is not an IANA time zone (e.g. Europe/Berlin, UTC)",
        "source names no connector: set exactly one of carddav, ldap, postgres, file",
        "destination 'out' sets file and webhook: set exactly one connector",
        "destination 'out' is declared twice",
        "destination 'out' names no connector: set exactly one of carddav, ldap, postgres, file, webhook");
  }

  @Test
  void mappedColumnsNeedAFieldPath() {
    var ref = new PolicyReference("p", null);
    DestinationSpec db = io.contactsync.sync.SyncFixtures.postgresDestination("db",
        "jdbc:postgresql://pg.example.com/crm?sslmode=verify-full", "pg", ref);
    db.getPostgres().getColumns().add(new io.contactsync.api.v1alpha1.PostgresColumn("emails[0].value", "email"));
    db.getPostgres().getColumns().add(new io.contactsync.api.v1alpha1.PostgresColumn("shoeSize", "shoe"));
    assertThat(SyncValidation.violations(sync("sales", "s", "in.vcf", db), only(policy("sales", "p"))))
        .extracting(Violation::message).containsExactly("destination 'db' maps column shoe from 'shoeSize', which is "
            + "not a field path (e.g. emails[0].value, name.given, custom.crmId)");
  }

  @Test
  void aNameTooLongForItsObjectsNamesTheFieldTheLimitAndWhy() {
    for (int length : new int[] {53, 60, 253}) { // 253: the longest name the API server takes for a ContactSync
      ContactSync s = sync("sales", "x".repeat(length), "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)));
      assertThat(SyncValidation.violations(s, only(policy("sales", "p")))).singleElement().satisfies(v -> {
        assertThat(v.reason()).isEqualTo(Violation.INVALID_SPEC);
        assertThat(v.message()).isEqualTo("metadata.name is " + length + " characters long; a ContactSync name may have "
            + "at most 52: the operator names the sync's CronJob after it, each of the CronJob's Jobs adds 11 characters, "
            + "and a Job's name must fit a label value (at most 63 characters). Create the ContactSync again under a name "
            + "of at most 52 characters (a name cannot be changed) and delete this one");
      });
    }
    ContactSync fits = sync("sales", "x".repeat(52), "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)));
    assertThat(SyncValidation.violations(fits, only(policy("sales", "p")))).isEmpty();
  }

  @Test
  void aPolicyThatDoesNotCompileMakesTheSyncInvalid() {
    ContactSync s = sync("sales", "s", "in.vcf", fileDestination("out", "o.jsonl", new PolicyReference("p", null)));
    PrivacyPolicy p = policy("sales", "p", rule(PolicyAction.Mask, "title"));
    assertThat(SyncValidation.violations(s, only(p))).containsExactly(new Violation(Violation.POLICY_INVALID,
        "PrivacyPolicy sales/p: rule 5: Mask needs mask settings (keepFirst, keepLast, character)"));
  }

  @Test
  void cronSchedulesAreCheckedFieldByField() {
    for (String ok : List.of("*/30 * * * *", "0 3 * * 1-5", "15,45 8-18 1 jan,jul sun", "@hourly", "0 0 ? * *")) {
      assertThat(CronExpression.problems(ok)).as(ok).isEmpty();
    }
    assertThat(CronExpression.problems("* * * *")).containsExactly(
        "schedule '* * * *' has 4 fields; cron needs 5 (minute hour day month weekday)");
    assertThat(CronExpression.problems("@sometimes")).hasSize(1);
    Map.of("0 24 * * *", "hour", "0 0 0 * *", "day of month", "0 0 * 13 *", "month", "0 0 * * 8", "day of week",
        "*/0 * * * *", "minute", "5-1 * * * *", "minute").forEach((schedule, field) ->
        assertThat(CronExpression.problems(schedule)).as(schedule).singleElement().asString().contains(field));
  }

  @Test
  void credentialsComeFromASecretOrSealedValuesNotBothAndOnlyKnownKeys() {
    var ref = new PolicyReference("p", null);
    String url = "jdbc:postgresql://db.example.com/crm?sslmode=verify-full";
    PrivacyPolicy p = admitting(policy("sales", "p"), List.of(), List.of("db.example.com"));
    ContactSync both = sync("sales", "s", "in.vcf", postgresDestination("db", url, "db-creds", ref));
    both.getSpec().getDestinations().get(0).getPostgres().getCredentials().setSealed(Map.of("password", "sealed.v2.AAAA"));
    assertThat(SyncValidation.violations(both, only(p))).containsExactly(new Violation(Violation.INVALID_SPEC,
        "destination 'db' sets both credentials.secretRef and credentials.sealed: set one"));

    ContactSync unknownKey = sync("sales", "s", "in.vcf", withSealedCredentials(postgresDestination("db", url, "x", ref),
        Map.of("password", "sealed.v2.AAAA", "apiKey", "sealed.v2.BBBB")));
    assertThat(SyncValidation.violations(unknownKey, only(p))).containsExactly(new Violation(Violation.INVALID_SPEC,
        "destination 'db' seals credential 'apiKey', which no connector reads; use username, password, token, "
            + "signingKey, ca.crt"));

    ContactSync sealed = sync("sales", "s", "in.vcf", withSealedCredentials(postgresDestination("db", url, "x", ref),
        Map.of("username", "sealed.v2.AAAA", "password", "sealed.v2.BBBB")));
    assertThat(SyncValidation.violations(sealed, only(p))).isEmpty();
  }

  @Test
  void endpointsThatAllowedInsecureTransportAreNamedInSpecOrder() {
    var ref = new PolicyReference("p", null);
    ContactSync s = sync("sales", "s", "in.vcf", webhookDestination("tls", "https://hooks.example.com/in", ref),
        webhookDestination("plain", "http://hooks.example.com/in", ref));
    assertThat(SyncValidation.insecureEndpoints(s.getSpec().getSource(), s.getSpec().getDestinations())).isEmpty();
    s.getSpec().getDestinations().get(1).getWebhook().setAllowInsecureTransport(true);
    assertThat(SyncValidation.insecureEndpoints(s.getSpec().getSource(), s.getSpec().getDestinations()))
        .containsExactly("destination 'plain'");
  }
}
