package io.contactsync.sync.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The hosts and ports a connector's driver contacts for its URL, derived the way the driver derives them: java.net.URI
 * for http(s) and ldap(s) (what the HTTP client and LdapEndpoint use) and the PostgreSQL driver's own URL parser for
 * jdbc:postgresql, whose query parameters (host=, PGHOST=, port=) override the authority. A sealed value is bound to
 * {@link #binding()}; anything this class cannot read is an error, never an empty or partial binding.
 */
public record EndpointAddress(String scheme, List<String> hostPorts) {
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("https", 443, "http", 80, "ldaps", 636, "ldap", 389,
      "postgresql", 5432);
  private static final String JDBC = "jdbc:postgresql:";

  public EndpointAddress {
    if (!DEFAULT_PORTS.containsKey(scheme) || hostPorts.isEmpty()) throw new IllegalArgumentException("no address");
    hostPorts = List.copyOf(hostPorts);
  }

  /**
   * The address of a connector URL.
   *
   * @throws ConfigurationException when the URL names no host and port that can be read with certainty; the message
   *     never repeats the URL, which may carry parameters
   */
  public static EndpointAddress of(String url) throws ConfigurationException {
    if (url == null || url.isBlank()) throw new ConfigurationException("the endpoint has no url");
    return url.startsWith(JDBC) ? postgres(url) : uri(url);
  }

  /** Every host:port in the order the driver tries them, comma-separated: what a sealed value is bound to. */
  public String binding() {
    return String.join(",", hostPorts);
  }

  /** The shortest URL with this address: what 'contactsync seal --url' needs, with no path, user or parameters. */
  public String url() {
    return (scheme.equals("postgresql") ? "jdbc:postgresql" : scheme) + "://" + binding() + "/";
  }

  private static EndpointAddress uri(String url) throws ConfigurationException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigurationException("the url is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!DEFAULT_PORTS.containsKey(scheme) || scheme.equals("postgresql")) {
      throw new ConfigurationException("the url's scheme is not one of https, http, ldaps, ldap, jdbc:postgresql");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigurationException("the url names no host that can be read (for example a host name with '_')");
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORTS.get(scheme) : uri.getPort();
    return new EndpointAddress(scheme, List.of(hostPort(uri.getHost(), port)));
  }

  private static EndpointAddress postgres(String url) throws ConfigurationException {
    Properties parsed = org.postgresql.Driver.parseURL(url, null);
    if (parsed == null) throw new ConfigurationException("the PostgreSQL driver cannot read the url");
    String[] hosts = parsed.getProperty("PGHOST", "").split(",", -1);
    String[] ports = parsed.getProperty("PGPORT", "").split(",", -1);
    if (hosts.length != ports.length) {
      throw new ConfigurationException("the url's hosts and ports do not pair up");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      if (hosts[i].isBlank()) throw new ConfigurationException("the url names an empty host");
      int port;
      try {
        port = Integer.parseInt(ports[i].strip());
      } catch (NumberFormatException e) {
        throw new ConfigurationException("the url names a port that is not a number");
      }
      out.add(hostPort(hosts[i].strip(), port));
    }
    return new EndpointAddress("postgresql", out);
  }

  private static String hostPort(String host, int port) throws ConfigurationException {
    if (port < 1 || port > 65535) throw new ConfigurationException("the url names port " + port + ", outside 1-65535");
    if (host.indexOf(',') >= 0 || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#' || c == '@')) {
      throw new ConfigurationException("the url names a host with characters no host name has");
    }
    // host names are case-insensitive; IPv6 literals keep their brackets, so host:port stays unambiguous
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
