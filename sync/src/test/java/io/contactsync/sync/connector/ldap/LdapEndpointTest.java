package io.contactsync.sync.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.sync.config.EndpointAddress;
import io.contactsync.sync.connector.Credentials;
import org.junit.jupiter.api.Test;

/** The LDAP driver contacts the address the operator checked, bound and opened egress for. */
class LdapEndpointTest {
  private static LdapEndpoint endpoint(String url) {
    LdapConnector spec = new LdapConnector();
    spec.setUrl(url);
    return new LdapEndpoint("the source", spec, Credentials.none());
  }

  @Test
  void theSchemeIsReadWithoutRegardToCaseAsTheChecksReadIt() throws Exception {
    // attack: EndpointAddress binds LDAPS://dir.example.com/ to dir.example.com:636 (sealed values, allowed-hosts,
    // egress), while the endpoint compared the scheme case-sensitively and connected to port 389 without TLS
    for (String url : java.util.List.of("LDAPS://dir.example.com/", "Ldaps://dir.example.com/", "ldaps://dir.example.com/")) {
      assertThat(EndpointAddress.of(url).binding()).isEqualTo("dir.example.com:636");
      assertThat(endpoint(url).where()).as(url).isEqualTo("ldap dir.example.com:636");
    }
  }
}
