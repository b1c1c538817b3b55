package io.contactsync.sync.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Checkpoints of local runs: checkpoints/&lt;namespace&gt;/&lt;sync&gt;.json under the state directory. */
public final class CheckpointStore {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final Path root;

  public CheckpointStore(Path stateDir) {
    this.root = stateDir.resolve("checkpoints");
  }

  public Path file(String namespace, String sync) {
    return root.resolve(namespace).resolve(sync + ".json");
  }

  public Checkpoint load(String namespace, String sync) throws IOException {
    Path file = file(namespace, sync);
    return Files.exists(file) ? parse(Files.readString(file)) : Checkpoint.NONE;
  }

  /** Replaces the checkpoint atomically: a crash leaves the old one or the new one, never half of either. */
  public void save(String namespace, String sync, Checkpoint checkpoint) throws IOException {
    Path file = file(namespace, sync);
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    Files.writeString(temp, write(checkpoint));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public static Checkpoint parse(String json) throws IOException {
    return JSON.readValue(json, Checkpoint.class);
  }

  public static String write(Checkpoint checkpoint) throws IOException {
    return JSON.writeValueAsString(checkpoint);
  }
}
