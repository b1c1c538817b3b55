package io.contactsync.sync.config;

import static io.contactsync.sync.SyncFixtures.admitting;
import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.postgresDestination;
import static io.contactsync.sync.SyncFixtures.sync;
import static io.contactsync.sync.SyncFixtures.webhookDestination;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.DestinationSpec;
import io.contactsync.api.v1alpha1.PolicyReference;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.api.v1alpha1.SourceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every host a driver will contact is checked against the policy, read the way that driver reads it, and a URL whose
 * host cannot be read with certainty fails closed (issue "Where data may go", observations 1, 2 and 5).
 */
class DriverHostsTest {
  private static final PolicyReference REF = new PolicyReference("p", null);
  private static final PrivacyPolicy MARKETING = admitting(policy("sales", "p"), List.of(),
      List.of("*.marketing.svc.cluster.local", "hooks.example.com:443"));

  private static List<Violation> violations(DestinationSpec d) {
    ContactSync s = sync("sales", "s", "in.vcf", d);
    return SyncValidation.violations(s, ref -> ref.getName().equals("p") ? MARKETING : null);
  }

  private static List<Violation> postgres(String url) {
    return violations(postgresDestination("db", url, "pg", REF));
  }

  @Test
  void everyHostOfAMultiHostJdbcUrlIsChecked() {
    assertThat(postgres("jdbc:postgresql://127.0.0.1:39998,pg.marketing.svc.cluster.local:5432/crm?sslmode=verify-full"))
        .singleElement().satisfies(v -> {
          assertThat(v.reason()).isEqualTo(Violation.DESTINATION_NOT_ALLOWED);
          assertThat(v.message()).contains("'127.0.0.1:39998'");
        });
    assertThat(postgres("jdbc:postgresql://pg1.marketing.svc.cluster.local,pg2.marketing.svc.cluster.local:6432/crm"
        + "?sslmode=verify-full&targetServerType=primary")).isEmpty();
  }

  @Test
  void parametersThatRedirectTheConnectionOrLoadCodeOrFilesAreRefused() {
    for (String parameter : List.of("PGHOST=127.0.0.1&PGPORT=39998", "host=127.0.0.1", "socketFactory=x.Evil",
        "sslfactory=x.Evil", "sslhostnameverifier=x.Evil", "loggerFile=/tmp/log", "sslrootcert=/etc/passwd",
        "user=postgres", "password=x", "authenticationPluginClassName=x.Evil", "sslpasswordcallback=x.Evil")) {
      List<Violation> found = postgres("jdbc:postgresql://pg.marketing.svc.cluster.local:5432/crm?sslmode=verify-full&"
          + parameter);
      assertThat(found).as(parameter).extracting(Violation::reason).contains(Violation.INVALID_SPEC);
      assertThat(found).as(parameter).filteredOn(v -> v.reason().equals(Violation.INVALID_SPEC))
          .allSatisfy(v -> assertThat(v.message()).contains("parameter", "destination 'db'").doesNotContain("Evil", "passwd"));
    }
  }

  @Test
  void theTlsModeIsReadAsTheDriverReadsItNotAsASubstring() {
    assertThat(postgres("jdbc:postgresql://pg.marketing.svc.cluster.local/crm?sslmode=verify-full&sslmode=disable"))
        .extracting(Violation::reason).contains(Violation.INVALID_SPEC);
    assertThat(postgres("jdbc:postgresql://pg.marketing.svc.cluster.local/crm?ApplicationName=sslmode=verify-full"))
        .extracting(Violation::reason).contains(Violation.INSECURE_TRANSPORT);
    assertThat(postgres("jdbc:postgresql://pg.marketing.svc.cluster.local/crm?sslmode=verify-full")).isEmpty();
  }

  @Test
  void parameterNamesAreReadRawAsTheDriverReadsThem() {
    // attack: pgjdbc decodes parameter values but not names, so ssl%6Dode=verify-full set no sslmode at all (the
    // driver's default, prefer: no certificate check, plaintext if the server offers no TLS) while the check read
    // sslmode=verify-full
    assertThat(postgres("jdbc:postgresql://pg.marketing.svc.cluster.local/crm?ssl%6Dode=verify-full")).isNotEmpty();
    assertThat(postgres("jdbc:postgresql://pg.marketing.svc.cluster.local/crm?sslmode=verify%2Dfull")).isEmpty();
  }

  @Test
  void aHostTheUrlParserCannotReadFailsClosed() {
    assertThat(violations(webhookDestination("hook", "https://evil_host.attacker.com/in", REF)))
        .extracting(Violation::reason).contains(Violation.INVALID_SPEC);
    ContactSync s = sync("sales", "s", "in.vcf", webhookDestination("hook", "https://hooks.example.com/in", REF));
    SourceSpec source = new SourceSpec();
    CardDavConnector dav = new CardDavConnector();
    dav.setUrl("https://evil_host.attacker.com/dav/");
    source.setCarddav(dav);
    s.getSpec().setSource(source);
    assertThat(SyncValidation.violations(s, ref -> MARKETING)).extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).startsWith("the source").contains("host"));
  }

  @Test
  void numericHostsThatResolversReadAsAddressesAreRefused() {
    for (String host : List.of("2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.0.0.1")) {
      assertThat(violations(webhookDestination("hook", "https://" + host + "/in", REF))).as(host)
          .extracting(Violation::reason).contains(Violation.INVALID_SPEC);
    }
  }

  @Test
  void aPolicyThatNamesAPortAllowsOnlyThatPort() {
    assertThat(violations(webhookDestination("hook", "https://hooks.example.com/in", REF))).isEmpty();
    assertThat(violations(webhookDestination("hook", "https://hooks.example.com:443/in", REF))).isEmpty();
    assertThat(violations(webhookDestination("hook", "https://hooks.example.com:39999/in", REF)))
        .singleElement().satisfies(v -> assertThat(v.reason()).isEqualTo(Violation.DESTINATION_NOT_ALLOWED));
  }
}
