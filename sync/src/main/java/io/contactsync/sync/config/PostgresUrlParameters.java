package io.contactsync.sync.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a jdbc:postgresql URL, admitted from a short list. The driver lets URL parameters move the
 * connection (PGHOST, host), load classes (socketFactory, sslfactory, sslhostnameverifier, authentication plugins),
 * read or write files (sslrootcert, sslkey, loggerFile) and replace the credentials (user, password); none of those
 * is for a tenant's spec, since the operator and the worker set what they need themselves.
 */
public final class PostgresUrlParameters {
  /** Tuning and TLS mode only: nothing here reaches another host, a class or a file. */
  public static final Set<String> ALLOWED = Set.of("sslmode", "ApplicationName", "connectTimeout", "socketTimeout",
      "loginTimeout", "tcpKeepAlive", "targetServerType", "loadBalanceHosts", "hostRecheckSeconds", "currentSchema");

  private PostgresUrlParameters() {}

  /**
   * The URL's parameters by name, read as the driver reads them: names as written, values URL-decoded.
   *
   * @throws ConfigurationException for a parameter outside {@link #ALLOWED} or one given twice (the driver keeps the
   *     last, so a check that read the first would be walked around); the message names the parameter, never a value
   */
  public static Map<String, String> of(String url) throws ConfigurationException {
    Map<String, String> out = new LinkedHashMap<>();
    int query = url.indexOf('?');
    if (query < 0) return out;
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      // pgjdbc decodes values, never names: ssl%6Dode is no sslmode to the driver, so it is no allowed name here
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!ALLOWED.contains(name)) {
        throw new ConfigurationException("the url sets parameter '" + printable(name) + "', which a sync may not set "
            + "(it could move the connection, load code or files, or replace the credentials); allowed: "
            + String.join(", ", ALLOWED.stream().sorted().toList()));
      }
      if (out.put(name, value) != null) {
        throw new ConfigurationException("the url sets parameter '" + name + "' twice; set it once");
      }
    }
    return out;
  }

  private static String decode(String text) throws ConfigurationException {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the url has a parameter that is not URL-encoded correctly");
    }
  }

  /** A parameter name as said back: short and without control characters (a name is no secret, a value may be). */
  private static String printable(String name) {
    String cleaned = name.codePoints().filter(c -> c >= ' ' && c != 0x7f).limit(40)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return cleaned;
  }
}
