package io.contactsync.privacy.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a sealed.v2 value is bound to, as HPKE context info: it opens only for this namespace, ContactSync, endpoint
 * ("source" or a destination's name), credential key, and the host:port list the endpoint's driver contacts. Changing
 * any of them (a new URL, the same name re-created elsewhere, a value pasted under another endpoint or key) means the
 * value does not open.
 *
 * @param hostPort the endpoint's address as the driver contacts it, e.g. "dav.example.com:443" or, for a multi-host
 *     JDBC URL, the ordered list "pg1:5432,pg2:5432"
 */
public record SealBinding(String namespace, String sync, String endpoint, String key, String hostPort) {
  private static final byte[] DOMAIN = "contactsync.io/sealed/v2".getBytes(StandardCharsets.UTF_8);

  public SealBinding {
    // fail closed: a binding with a missing part would be one a value could open under more than one spec
    for (String part : new String[] {namespace, sync, endpoint, key, hostPort}) {
      if (part == null || part.isBlank()) throw new IllegalArgumentException("every part of a seal binding must be set");
    }
  }

  /**
   * The HPKE context info: the domain, then each part as a 4-byte big-endian length and its UTF-8 bytes. Length
   * prefixes make the encoding injective: no two bindings encode alike, whatever characters their parts hold.
   */
  public byte[] contextInfo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String part : new String[] {null, namespace, sync, endpoint, key, hostPort}) {
      byte[] bytes = part == null ? DOMAIN : part.getBytes(StandardCharsets.UTF_8);
      out.write(bytes.length >>> 24);
      out.write(bytes.length >>> 16);
      out.write(bytes.length >>> 8);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
