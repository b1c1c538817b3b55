package io.contactsync.sync.keys;

import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Policy keysets on disk for local runs: keys/&lt;namespace&gt;/&lt;policy&gt;/ under the state directory, one Tink
 * JSON file per purpose, as the operator's keys Secret holds them (so a mounted Secret loads the same way).
 * Created once, owner-only (0700/0600); never overwritten except by an explicit rotation.
 */
public final class FileKeyStore {
  private final Path root;

  public FileKeyStore(Path stateDir) {
    this.root = stateDir.resolve("keys");
  }

  public Path directory(String namespace, String policy) {
    return root.resolve(namespace).resolve(policy);
  }

  public boolean exists(String namespace, String policy) {
    return Files.isDirectory(directory(namespace, policy));
  }

  /** The policy's keys, generated and stored on first use. */
  public PolicyKeys loadOrCreate(String namespace, String policy) throws IOException {
    Path dir = directory(namespace, policy);
    if (Files.isDirectory(dir)) return load(dir);
    PolicyKeys keys = PolicyKeys.generate();
    try {
      writeAtomically(dir, keys, false);
    } catch (FileAlreadyExistsException raced) {
      // another run created them first: theirs are the keys, ours were never used
    }
    return load(dir);
  }

  /** Adds a new primary key for the purpose, keeping the older ones. */
  public PolicyKeys rotate(String namespace, String policy, KeyPurpose purpose) throws IOException {
    Path dir = directory(namespace, policy);
    if (!Files.isDirectory(dir)) {
      throw new IOException("policy " + namespace + "/" + policy + " has no keys in " + root + " yet; generate them first");
    }
    PolicyKeys rotated = load(dir).rotate(purpose);
    writeAtomically(dir, rotated, true);
    return rotated;
  }

  /** Loads keysets from a directory of Tink JSON files (a state directory, or a mounted Secret). */
  public static PolicyKeys load(Path dir) throws IOException {
    Map<KeyPurpose, String> serialized = new EnumMap<>(KeyPurpose.class);
    for (KeyPurpose purpose : KeyPurpose.values()) {
      Path file = dir.resolve(purpose.fileName());
      if (Files.exists(file)) serialized.put(purpose, Files.readString(file));
    }
    try {
      return PolicyKeys.parse(serialized);
    } catch (GeneralSecurityException e) {
      throw new IOException("the keys in " + dir + " cannot be used: " + e.getMessage());
    }
  }

  private static void writeAtomically(Path dir, PolicyKeys keys, boolean replace) throws IOException {
    Files.createDirectories(dir.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path temp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".");
    try {
      for (Map.Entry<KeyPurpose, String> e : keys.serialize().entrySet()) {
        Path file = temp.resolve(e.getKey().fileName());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, e.getValue());
      }
      if (replace) {
        for (KeyPurpose purpose : KeyPurpose.values()) {
          Files.move(temp.resolve(purpose.fileName()), dir.resolve(purpose.fileName()), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        try {
          Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, dir);
        } catch (IOException e) {
          if (Files.isDirectory(dir)) throw new FileAlreadyExistsException(dir.toString());
          throw e;
        }
      }
    } finally {
      if (Files.exists(temp)) {
        try (Stream<Path> files = Files.walk(temp)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
