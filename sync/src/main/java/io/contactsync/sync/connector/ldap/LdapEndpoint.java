package io.contactsync.sync.connector.ldap;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.TlsTrust;
import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * An LDAP endpoint: ldaps://, or ldap:// upgraded with StartTLS unless plaintext is explicitly allowed; the server's
 * certificate is checked against the CA and the host name. Failures are one line naming the endpoint.
 */
final class LdapEndpoint {
  private final String label;
  private final LdapConnector spec;
  private final Credentials credentials;
  private final URI uri;
  /** In lower case, as EndpointAddress reads it: LDAPS:// is ldaps on 636, the address the operator checked. */
  private final String scheme;

  LdapEndpoint(String label, LdapConnector spec, Credentials credentials) {
    this.label = label;
    this.spec = spec;
    this.credentials = credentials;
    this.uri = URI.create(spec.getUrl());
    this.scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
  }

  String where() {
    return "ldap " + uri.getHost() + ":" + port();
  }

  private int port() {
    return uri.getPort() > 0 ? uri.getPort() : "ldaps".equals(scheme) ? 636 : 389;
  }

  LDAPConnection connect() throws IOException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(10_000);
    options.setResponseTimeoutMillis(300_000);
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
    // a referral names another server: the bind credentials and the entries go to the checked endpoint only
    options.setFollowReferrals(false);
    boolean ldaps = "ldaps".equals(scheme);
    boolean plaintext = !ldaps && Boolean.TRUE.equals(spec.getAllowInsecureTransport());
    LDAPConnection c = null;
    try {
      SSLContext tls = TlsTrust.context(credentials);
      c = ldaps ? new LDAPConnection(tls.getSocketFactory(), options, uri.getHost(), port())
          : new LDAPConnection(options, uri.getHost(), port());
      if (!ldaps && !plaintext) {
        ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(tls));
        if (r.getResultCode() != ResultCode.SUCCESS) {
          throw new IOException(label + " (" + where() + "): StartTLS failed (" + r.getResultCode().getName() + ")");
        }
      }
      String dn = credentials.text("username").orElse(null);
      if (dn != null) c.bind(dn, credentials.text("password").orElse(""));
      return c;
    } catch (LDAPException e) {
      if (c != null) c.close();
      throw failure("cannot connect", e);
    }
  }

  IOException failure(String what, LDAPException e) {
    ResultCode code = e.getResultCode();
    String hint;
    if (code == ResultCode.INVALID_CREDENTIALS) {
      hint = "authentication failed: check username (a bind DN) and password in the credentials Secret";
    } else if (code == ResultCode.CONFIDENTIALITY_REQUIRED) {
      hint = "the server requires TLS: use ldaps:// or StartTLS";
    } else if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT) {
      String m = String.valueOf(e.getMessage());
      hint = (m.contains("ertificate") || m.contains("SSL") || m.contains("TLS") || m.contains("hostname")
          ? "TLS failed: check the server's certificate against ca.crt"
          : "check that the server is up and reachable");
    } else if (code == ResultCode.NO_SUCH_OBJECT) {
      hint = "the base DN " + spec.getBaseDn() + " does not exist";
    } else if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
      hint = "the bind DN may not do this";
    } else {
      hint = code.getName();
    }
    return new IOException(label + " (" + where() + "): " + what + ": " + hint);
  }
}
