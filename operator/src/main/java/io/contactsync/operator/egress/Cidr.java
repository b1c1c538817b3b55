package io.contactsync.operator.egress;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range, parsed strictly: dotted-quad IPv4 with no leading zeros, IPv6 in any of its textual
 * forms, a prefix length in range, and no bits set past the prefix ({@code 10.0.0.1/8} is refused, as the NetworkPolicy
 * API would refuse it). A CIDR that parses here is one the API server accepts.
 */
public record Cidr(byte[] network, int prefixLength) {
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

  public Cidr {
    network = network.clone();
  }

  /** Parses "address/prefix"; the message of the exception says what is wrong, for a status message. */
  public static Cidr parse(String text) {
    if (text == null) throw new IllegalArgumentException("no CIDR given");
    int slash = text.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException(quote(text) + " has no /prefix length");
    byte[] address = address(text.substring(0, slash), text);
    String prefix = text.substring(slash + 1);
    int bits = address.length * 8;
    if (!prefix.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(prefix) > bits) {
      throw new IllegalArgumentException(quote(text) + " has a prefix length outside 0-" + bits);
    }
    Cidr cidr = new Cidr(address, Integer.parseInt(prefix));
    if (!cidr.masked(address).equals(new BigInteger(1, address))) {
      throw new IllegalArgumentException(quote(text) + " has address bits set past its prefix length; the network is "
          + new Cidr(bytes(cidr.masked(address), address.length), cidr.prefixLength));
    }
    return cidr;
  }

  /** One address as a host CIDR (/32 or /128). */
  public static Cidr host(String address) {
    byte[] bytes = address(address, address);
    return new Cidr(bytes, bytes.length * 8);
  }

  public boolean ipv6() {
    return network.length == 16;
  }

  /** Whether this range and the other share an address (never across families). */
  public boolean overlaps(Cidr other) {
    if (other.network.length != network.length) return false;
    int shorter = Math.min(prefixLength, other.prefixLength);
    return prefix(network, shorter).equals(prefix(other.network, shorter));
  }

  /** Whether every address of the other range is in this one. */
  public boolean contains(Cidr other) {
    return other.network.length == network.length && other.prefixLength >= prefixLength
        && prefix(network, prefixLength).equals(prefix(other.network, prefixLength));
  }

  @Override
  public String toString() {
    try {
      String address = InetAddress.getByAddress(network).getHostAddress();
      return address + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only for a wrong length, which the constructor's callers never pass
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixLength == prefixLength && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefixLength;
  }

  private BigInteger masked(byte[] address) {
    return prefix(address, prefixLength).shiftLeft(address.length * 8 - prefixLength);
  }

  /** The number as exactly {@code length} bytes, big-endian. */
  private static byte[] bytes(BigInteger number, int length) {
    byte[] raw = number.toByteArray();
    byte[] out = new byte[length];
    int copied = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copied, out, length - copied, copied);
    return out;
  }

  private static BigInteger prefix(byte[] address, int bits) {
    return new BigInteger(1, address).shiftRight(address.length * 8 - bits);
  }

  /** An address literal, never a name: InetAddress is only given text that cannot make it query DNS. */
  private static byte[] address(String text, String whole) {
    try {
      if (IPV4.matcher(text).matches()) {
        byte[] out = new byte[4];
        String[] parts = text.split("\\.");
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(parts[i]);
          if (part > 255) throw new IllegalArgumentException(quote(whole) + " is not an IPv4 or IPv6 address range");
          out[i] = (byte) part;
        }
        return out;
      }
      if (text.contains(":") && IPV6.matcher(text).matches()) {
        byte[] out = InetAddress.getByName(text).getAddress();
        if (out.length == 16) return out;
        // ::ffff:a.b.c.d is mapped to IPv4 by InetAddress; in a NetworkPolicy it would be a different range
      }
    } catch (UnknownHostException e) {
      // not a literal: falls through to the refusal
    }
    throw new IllegalArgumentException(quote(whole) + " is not an IPv4 or IPv6 address range");
  }

  private static String quote(String text) {
    String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return "'" + shown + "'";
  }
}
