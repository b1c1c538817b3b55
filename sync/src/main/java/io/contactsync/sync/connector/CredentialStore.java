package io.contactsync.sync.connector;

import io.contactsync.api.v1alpha1.CredentialsRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a run finds the credentials of its endpoints: a directory of directories of files, one file per Secret key.
 * In a sync pod the operator mounts them per endpoint (credentials/source/password); a local run keeps them per
 * Secret name (credentials/dav-creds/password), as a copy of the Secret would look.
 */
public final class CredentialStore {
  private final Path root;
  private final boolean bySecretName;

  private CredentialStore(Path root, boolean bySecretName) {
    this.root = root;
    this.bySecretName = bySecretName;
  }

  /** The layout the operator mounts: one directory per endpoint. */
  public static CredentialStore perEndpoint(Path root) {
    return new CredentialStore(root, false);
  }

  /** The local layout: one directory per Secret name. */
  public static CredentialStore perSecretName(Path root) {
    return new CredentialStore(root, true);
  }

  /** @param endpoint "source" or a destination's name */
  public Credentials forEndpoint(String endpoint, CredentialsRef ref) throws IOException {
    if (ref == null || (ref.getSecretRef() == null && !ref.hasSealed())) return Credentials.none();
    String label = endpoint.equals("source") ? "the source" : "destination '" + endpoint + "'";
    if (bySecretName && ref.getSecretRef() == null) {
      throw new IOException(label + " has sealed credentials, which only the operator that sealed them can open; for a "
          + "local run use credentials.secretRef and a directory of that name under the credentials directory");
    }
    Path dir = root.resolve(bySecretName ? ref.getSecretRef().getName() : endpoint);
    if (!Files.isDirectory(dir)) {
      throw new IOException(label + " needs " + (ref.getSecretRef() == null ? "its sealed credentials"
          : "the credentials of Secret " + ref.getSecretRef().getName()) + ", which are not in " + dir
          + (bySecretName ? " (put one file per key there: username, password, ca.crt …)" : ""));
    }
    Map<String, byte[]> values = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) values.put(f.getFileName().toString(), Files.readAllBytes(f));
    }
    return new Credentials(values);
  }
}
