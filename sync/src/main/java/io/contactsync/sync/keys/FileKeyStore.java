package io.contactsync.sync.keys;

import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SyncKeys;
import io.contactsync.sync.config.JobConfig;
import io.contactsync.sync.config.KeyScopes;
import io.contactsync.sync.config.SyncValidation;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Policy keysets on disk for local runs: keys/&lt;namespace&gt;/&lt;policy&gt;/ under the state directory, one Tink
 * JSON file per keyset, as the operator's keys Secret holds them. Created once, owner-only (0700/0600); never
 * overwritten except by an explicit rotation, and by the one-time addition of the HPKE Encrypt keyset to keys made
 * before it. A local run writes with the keys derived for each destination's scope, as a pod would.
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

  /** What a local run writes one destination with: its policy's keys derived for the destination's scope. */
  public SyncKeys writerKeys(JobConfig job, JobConfig.Destination destination) throws IOException {
    return loadOrCreate(SyncValidation.namespaceOf(destination.policyRef(), job.namespace()),
        destination.policyRef().getName()).forScope(KeyScopes.of(job, destination));
  }

  /** The policy's keys, generated and stored on first use; keys made before HPKE gain its keyset here, once. */
  public PolicyKeys loadOrCreate(String namespace, String policy) throws IOException {
    Path dir = directory(namespace, policy);
    if (Files.isDirectory(dir)) {
      Path hpke = dir.resolve(KeyPurpose.ENCRYPT.fileName());
      if (!Files.exists(hpke)) {
        Map<String, String> added = PolicyKeys.withEncryptKeyset(read(dir));
        writeFile(dir, KeyPurpose.ENCRYPT.fileName(), added.get(KeyPurpose.ENCRYPT.fileName()));
      }
      return load(dir);
    }
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

  /** Loads a policy's keysets from a directory of Tink JSON files (a state directory). */
  public static PolicyKeys load(Path dir) throws IOException {
    try {
      return PolicyKeys.parse(read(dir));
    } catch (GeneralSecurityException e) {
      throw new IOException("the keys in " + dir + " cannot be used: " + e.getMessage());
    }
  }

  /** Loads what a pod mounts for one destination: keys/&lt;destination&gt;/ (derived keys, public Encrypt keys). */
  public static SyncKeys loadMounted(Path dir) throws IOException {
    try {
      return SyncKeys.parse(read(dir));
    } catch (GeneralSecurityException e) {
      throw new IOException("the keys in " + dir + " cannot be used: " + e.getMessage());
    }
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (Stream<Path> listed = Files.list(dir)) {
      for (Path file : (Iterable<Path>) listed::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && Files.isRegularFile(file)) files.put(name, Files.readString(file));
      }
    }
    return files;
  }

  private static void writeFile(Path dir, String name, String json) throws IOException {
    Path temp = Files.createTempFile(dir, "." + name + ".", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, json);
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeAtomically(Path dir, PolicyKeys keys, boolean replace) throws IOException {
    Files.createDirectories(dir.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path temp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".");
    try {
      for (Map.Entry<String, String> e : keys.serialize().entrySet()) {
        Path file = temp.resolve(e.getKey());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, e.getValue());
      }
      if (replace) {
        for (String name : keys.serialize().keySet()) {
          Files.move(temp.resolve(name), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
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
