package io.contactsync.sync.connector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the system's CAs, or exactly the CAs of a PEM bundle (a credentials Secret's ca.crt). */
public final class TlsTrust {
  private TlsTrust() {}

  public static SSLContext context(Credentials credentials) throws IOException {
    try {
      if (credentials.bytes("ca.crt").isEmpty()) return SSLContext.getDefault();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> cas = factory.generateCertificates(
          new ByteArrayInputStream(credentials.bytes("ca.crt").orElseThrow()));
      if (cas.isEmpty()) throw new IOException("ca.crt holds no certificate");
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : cas) store.setCertificateEntry("ca-" + i++, ca);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("ca.crt is not a PEM bundle of certificates (" + e.getClass().getSimpleName() + ")");
    }
  }
}
