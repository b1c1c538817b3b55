package io.contactsync.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointAddressTest {
  static String binding(String url) throws ConfigurationException {
    return EndpointAddress.of(url).binding();
  }

  @Test
  void eachSchemeHasTheDefaultPortItsDriverUses() throws Exception {
    assertThat(binding("https://dav.good.test/dav/")).isEqualTo("dav.good.test:443");
    assertThat(binding("http://dav.good.test/")).isEqualTo("dav.good.test:80");
    assertThat(binding("ldaps://ldap.good.test")).isEqualTo("ldap.good.test:636");
    assertThat(binding("ldap://ldap.good.test/dc=x")).isEqualTo("ldap.good.test:389");
    assertThat(binding("jdbc:postgresql://pg.db.svc/crm?sslmode=verify-full")).isEqualTo("pg.db.svc:5432");
  }

  @Test
  void anExplicitPortUserInfoAndCaseAreReadTheWayTheDriverReadsThem() throws Exception {
    assertThat(binding("https://DAV.Good.test:8443/dav/?x=1#f")).isEqualTo("dav.good.test:8443");
    assertThat(binding("https://dav.good.test@203.0.113.5:8443/")).as("userinfo is not the host").isEqualTo("203.0.113.5:8443");
    assertThat(binding("https://[2001:db8::1]:8443/")).isEqualTo("[2001:db8::1]:8443");
    assertThat(binding("jdbc:postgresql://[2001:db8::1]:6432/crm")).isEqualTo("[2001:db8::1]:6432");
  }

  @Test
  void aMultiHostJdbcUrlBindsTheWholeOrderedList() throws Exception {
    assertThat(binding("jdbc:postgresql://pg1.test:5432,pg2.test,203.0.113.5:6432/crm?targetServerType=primary"))
        .isEqualTo("pg1.test:5432,pg2.test:5432,203.0.113.5:6432");
    assertThat(binding("jdbc:postgresql://pg2.test,pg1.test/crm")).as("order matters")
        .isNotEqualTo(binding("jdbc:postgresql://pg1.test,pg2.test/crm"));
  }

  @Test
  void jdbcParametersThatMoveTheDriverElsewhereAreWhatIsBound() throws Exception {
    assertThat(binding("jdbc:postgresql://pg.good.test:5432/crm?host=127.0.0.1")).isEqualTo("127.0.0.1:5432");
    assertThat(binding("jdbc:postgresql://pg.good.test/crm?PGHOST=evil.test&PGPORT=1")).isEqualTo("evil.test:1");
  }

  @Test
  void theSealUrlCarriesOnlyTheAddressAndReadsBackToTheSameBinding() throws Exception {
    for (String url : new String[] {"https://dav.good.test:8443/dav/?token=x", "ldap://ldap.good.test",
        "jdbc:postgresql://pg1.test,pg2.test:6432/crm?password=secret", "https://[2001:db8::1]/"}) {
      EndpointAddress a = EndpointAddress.of(url);
      assertThat(a.url()).doesNotContain("secret", "token", "dav/", "crm");
      assertThat(EndpointAddress.of(a.url())).isEqualTo(a);
    }
    assertThat(EndpointAddress.of("jdbc:postgresql://pg.test/crm").url()).isEqualTo("jdbc:postgresql://pg.test:5432/");
  }

  @Test
  void whatCannotBeReadIsAnErrorNeverAnEmptyBinding() {
    for (String url : new String[] {null, "", "https://", "https:///path", "https://bad_host.test/", "not a url",
        "ftp://files.test/", "mailto:a@b.test", "jdbc:postgresql:///crm",
        "jdbc:postgresql://pg.test/crm?service=prod", "https://dav.good.test:0/", "jdbc:postgresql://pg.test:99999/crm"}) {
      assertThatThrownBy(() -> EndpointAddress.of(url)).as(String.valueOf(url)).isInstanceOf(ConfigurationException.class);
    }
  }
}
