package io.contactsync.privacy.keys;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How far a policy's tokens and hashes join: the scope a writer's Tokenize and Hash keys are derived for. Two outputs
 * of the same value are equal only when they were made in the same scope; a holder of one scope's keys can open
 * (detokenize) only what was made in that scope.
 *
 * @param namespace the sync's namespace (Namespace and Destination scopes), else null
 * @param sync the sync's name (Destination scope), else null
 * @param destination the destination's name (Destination scope), else null
 */
public record KeyScope(Kind kind, String policyNamespace, String policyName, String namespace, String sync,
    String destination) {
  public enum Kind {
    /** The policy's master keys: tokens join across every namespace and sync that uses the policy. */
    POLICY,
    /** Keys derived for one namespace: tokens join across the syncs of that namespace only. */
    NAMESPACE,
    /** Keys derived for one destination of one sync: tokens join within that destination only. */
    DESTINATION
  }

  public KeyScope {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.POLICY) {
      Objects.requireNonNull(policyNamespace, "policyNamespace");
      Objects.requireNonNull(policyName, "policyName");
      Objects.requireNonNull(namespace, "namespace");
    }
    if (kind == Kind.DESTINATION) {
      Objects.requireNonNull(sync, "sync");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /** The policy's own keys, not derived. */
  public static KeyScope policy() {
    return new KeyScope(Kind.POLICY, null, null, null, null, null);
  }

  public static KeyScope namespace(String policyNamespace, String policyName, String namespace) {
    return new KeyScope(Kind.NAMESPACE, policyNamespace, policyName, namespace, null, null);
  }

  public static KeyScope destination(String policyNamespace, String policyName, String namespace, String sync,
      String destination) {
    return new KeyScope(Kind.DESTINATION, policyNamespace, policyName, namespace, sync, destination);
  }

  /** The scope of one destination of one sync under a policy whose scope kind is {@code kind}. */
  public static KeyScope of(Kind kind, String policyNamespace, String policyName, String namespace, String sync,
      String destination) {
    return switch (kind) {
      case POLICY -> policy();
      case NAMESPACE -> namespace(policyNamespace, policyName, namespace);
      case DESTINATION -> destination(policyNamespace, policyName, namespace, sync, destination);
    };
  }

  /**
   * The HKDF info of one purpose in this scope: a version tag, then every field length-prefixed, so no two scopes
   * (or purposes, or policies) ever share an info string, whatever their names contain.
   */
  byte[] info(KeyPurpose purpose) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, "contactsync.io/scoped-key/v1");
    field(out, purpose.cliName());
    field(out, kind.name());
    field(out, policyNamespace);
    field(out, policyName);
    field(out, namespace);
    if (kind == Kind.DESTINATION) {
      field(out, sync);
      field(out, destination);
    }
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  /** For messages: which scope, without any key material. */
  public String describe() {
    return switch (kind) {
      case POLICY -> "the policy scope";
      case NAMESPACE -> "namespace " + namespace;
      case DESTINATION -> "destination " + namespace + "/" + sync + "/" + destination;
    };
  }
}
