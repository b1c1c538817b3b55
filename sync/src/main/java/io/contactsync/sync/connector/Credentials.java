package io.contactsync.sync.connector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The credentials of one endpoint: the keys of its credentials Secret. Never printed: toString hides them. */
public final class Credentials {
  /** Every key a connector reads; nothing else a credentials Secret holds is copied or opened. */
  public static final List<String> KEYS = List.of("username", "password", "token", "signingKey", "ca.crt");
  private static final Credentials NONE = new Credentials(Map.of());
  private final Map<String, byte[]> values;

  public Credentials(Map<String, byte[]> values) {
    this.values = Map.copyOf(values);
  }

  public static Credentials none() {
    return NONE;
  }

  public Optional<String> text(String key) {
    return bytes(key).map(b -> new String(b, StandardCharsets.UTF_8).strip());
  }

  public Optional<byte[]> bytes(String key) {
    return Optional.ofNullable(values.get(key)).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "Credentials[" + values.keySet() + ", values hidden]";
  }
}
