package io.contactsync.sync.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

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
  private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5]");
  private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]*");

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

  /** The address of a URL, or empty when it has none that can be read (validation says why, and refuses the URL). */
  public static Optional<EndpointAddress> readable(String url) {
    try {
      return Optional.of(of(url));
    } catch (ConfigurationException e) {
      return Optional.empty();
    }
  }

  /**
   * {host, port} of a {@code host:port} as {@link #hostPorts()} writes it, or of a pattern naming no port (then the
   * port is null); an IPv6 literal keeps its brackets.
   */
  public static String[] split(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    boolean bracketed = hostPort.startsWith("[");
    if (colon < 0 || (bracketed && colon < hostPort.indexOf(']'))) return new String[] {hostPort, null};
    return new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1)};
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
    if (!host.startsWith("[")) checkNameOrAddress(host);
    // host names are case-insensitive; IPv6 literals keep their brackets, so host:port stays unambiguous
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /**
   * A host is a dotted-quad IPv4 address or a DNS name whose last label has a letter. Resolvers read other numeric
   * forms as addresses ("2130706433", "127.1", "0x7f.0.0.1", and "0177.0.0.1" as octal), which a check of names
   * would not see.
   */
  private static void checkNameOrAddress(String host) throws ConfigurationException {
    // one final dot is DNS's absolute form of the same name
    String[] labels = (host.endsWith(".") ? host.substring(0, host.length() - 1) : host).split("\\.", -1);
    if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      if (labels.length != 4 || Arrays.stream(labels).anyMatch(l -> !DECIMAL_OCTET.matcher(l).matches())) {
        throw new ConfigurationException("the url names a numeric host that is not a dotted-quad IPv4 address");
      }
      return;
    }
    String last = labels[labels.length - 1];
    if (Arrays.stream(labels).anyMatch(String::isEmpty) || last.chars().noneMatch(Character::isLetter)
        || HEX_NUMBER.matcher(last).matches()) {
      throw new ConfigurationException("the url names a host that is neither a DNS name nor a dotted-quad IPv4 address");
    }
  }
}
