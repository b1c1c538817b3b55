package io.contactsync.operator.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.EgressPort;
import io.contactsync.api.v1alpha1.EgressRule;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.desired.Endpoint;
import io.contactsync.sync.config.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressBoundsTest {
  static final List<Cidr> API_SERVER = List.of(Cidr.host("10.96.0.1"), Cidr.host("192.0.2.10"));
  static final EgressBounds DEFAULTS = new EgressBounds(AdminBounds.DEFAULTS, API_SERVER);

  static AdminBounds bounds(List<String> denied, List<String> allowed, boolean denyApiServer) {
    AdminBounds d = AdminBounds.DEFAULTS;
    return new AdminBounds(denied.stream().map(Cidr::parse).toList(), allowed.stream().map(Cidr::parse).toList(),
        denyApiServer, Set.of(), d.minScheduleInterval(), d.maxCpu(), d.maxMemory(), d.maxRunTimeout(), d.finishedJobTtl());
  }

  static EgressRule rule(String cidr, int... ports) {
    EgressRule rule = new EgressRule();
    rule.setCidr(cidr);
    for (int port : ports) {
      EgressPort p = new EgressPort();
      p.setPort(port);
      rule.getPorts().add(p);
    }
    return rule;
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254/32", "169.254.0.0/16", "169.0.0.0/8", "fe80::1/128", "fd00:ec2::254/128",
      "fd00::/8"})
  void theDefaultsDenyLinkLocalAndMetadataAddressesNamingTheSetting(String cidr) {
    List<Violation> v = DEFAULTS.check("spec.egress[0].cidr " + cidr, Cidr.parse(cidr));
    assertThat(v).extracting(Violation::reason).containsExactly("EgressNotAllowed");
    assertThat(v.get(0).message()).startsWith("spec.egress[0].cidr " + cidr + " overlaps ")
        .contains("syncBounds.egress.deniedCidrs", "--egress-denied-cidrs");
  }

  @Test
  void everyAddressIsRefusedUnlessTheAdminListsIt() {
    assertThat(DEFAULTS.check("x", Cidr.parse("0.0.0.0/0"))).extracting(Violation::message)
        .as("every address, the metadata range and the API server: three problems, each said")
        .anySatisfy(m -> assertThat(m).contains("is every address", "syncBounds.egress.allowedCidrs", "--egress-allowed-cidrs"))
        .anySatisfy(m -> assertThat(m).contains("169.254.0.0/16"))
        .anySatisfy(m -> assertThat(m).contains("API server", "syncBounds.egress.denyApiServer", "--egress-deny-api-server"))
        .hasSize(3);
    assertThat(DEFAULTS.check("x", Cidr.parse("::/0"))).extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("is every address"))
        .anySatisfy(m -> assertThat(m).contains("fe80:0:0:0:0:0:0:0/10", "fd00:ec2:0:0:0:0:0:254/128"))
        .hasSize(2);
    EgressBounds open = new EgressBounds(bounds(List.of(), List.of("0.0.0.0/0"), false), List.of());
    assertThat(open.check("x", Cidr.parse("0.0.0.0/0"))).as("listed by the admin").isEmpty();
    assertThat(open.check("x", Cidr.parse("::/0"))).extracting(Violation::message)
        .as("listing 0.0.0.0/0 says nothing of IPv6").anySatisfy(m -> assertThat(m).contains("is every address"));
  }

  @Test
  void theApiServersAddressesAreDeniedUnlessTheAdminSaysOtherwise() {
    assertThat(DEFAULTS.check("x", Cidr.parse("10.96.0.0/12"))).extracting(Violation::message)
        .singleElement().asString().contains("Kubernetes API server", "syncBounds.egress.denyApiServer");
    assertThat(DEFAULTS.check("x", Cidr.host("192.0.2.10"))).hasSize(1);
    assertThat(DEFAULTS.check("x", Cidr.parse("10.97.0.0/16"))).isEmpty();
    EgressBounds allowing = new EgressBounds(bounds(List.of(), List.of(), false), API_SERVER);
    assertThat(allowing.check("x", Cidr.host("10.96.0.1"))).isEmpty();
  }

  @Test
  void whenTheAdminAllowsRangesEveryAddressMustLieInsideOne() {
    EgressBounds bounded = new EgressBounds(bounds(List.of(), List.of("203.0.113.0/24", "2001:db8::/32"), true), API_SERVER);
    assertThat(bounded.check("x", Cidr.parse("203.0.113.128/25"))).isEmpty();
    assertThat(bounded.check("x", Cidr.parse("2001:db8:1::/48"))).isEmpty();
    assertThat(bounded.check("x", Cidr.parse("203.0.112.0/23"))).as("overlapping is not inside")
        .extracting(Violation::message).singleElement().asString()
        .contains("outside the networks the cluster admin allows (203.0.113.0/24, 2001:db8:0:0:0:0:0:0/32)",
            "syncBounds.egress.allowedCidrs", "--egress-allowed-cidrs");
    assertThat(bounded.check("x", Cidr.host("198.51.100.7"))).hasSize(1);
  }

  @Test
  void specEgressIsParsedStrictlyAndOnlyRulesWithoutProblemsAreOpenedWhileEveryProblemIsSaid() {
    EgressBounds.Declared d = DEFAULTS.declared(List.of(rule("999.1.1.1/99"), rule("203.0.113.0/24", 3128),
        rule("10.0.0.1/8"), rule("169.254.169.254/32"), rule("2001:db8::/32")));
    assertThat(d.violations()).extracting(Violation::reason)
        .containsExactly("InvalidSpec", "InvalidSpec", "EgressNotAllowed");
    assertThat(d.violations().get(0).message()).startsWith("spec.egress[0].cidr: '999.1.1.1/99' is not an IPv4 or IPv6");
    assertThat(d.violations().get(1).message()).startsWith("spec.egress[2].cidr: '10.0.0.1/8' has address bits set")
        .contains("10.0.0.0/8");
    assertThat(d.violations().get(2).message()).startsWith("spec.egress[3].cidr 169.254.169.254/32 overlaps 169.254.0.0/16");
    assertThat(d.allowed()).extracting(Endpoint.Declared::cidr)
        .containsExactly(Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8::/32"));
    assertThat(d.allowed().get(0).ports()).extracting(EgressPort::getPort).containsExactly(3128);
  }
}
