package io.contactsync.operator.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container image from a `docker save` archive (what Jib's buildTar writes), unpacked layer by layer into a root
 * file system, and run the way a container runtime would: its entrypoint and environment, as its user, chrooted, with
 * its own /proc. Needs root (a mount namespace and chroot), or else an unprivileged user namespace, where the image
 * then runs as that namespace's root.
 */
final class UnpackedImage {
  record Run(int exit, String out, String err) {}

  final Path root;
  final JsonNode config;

  private UnpackedImage(Path root, JsonNode config) {
    this.root = root;
    this.config = config;
  }

  static UnpackedImage unpack(Path archive, Path into) throws IOException, InterruptedException {
    Path outer = Files.createDirectories(into.resolve("archive"));
    Path root = Files.createDirectories(into.resolve("rootfs"));
    run(List.of("tar", "-x", "-f", archive.toString(), "-C", outer.toString()));
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(outer.resolve("manifest.json").toFile()).get(0);
    for (JsonNode layer : manifest.get("Layers")) {
      // GNU tar recognises gzip by itself; layers are applied in order, later files replacing earlier ones
      run(List.of("tar", "-x", "-f", outer.resolve(layer.asText()).toString(), "-C", root.toString()));
    }
    return new UnpackedImage(root, json.readTree(outer.resolve(manifest.get("Config").asText()).toFile()).get("config"));
  }

  /** As root the image runs as its own user; otherwise as the root of an unprivileged user namespace. */
  static boolean runsAsImageUser() {
    return "root".equals(System.getProperty("user.name"));
  }

  List<String> entrypoint() {
    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
    return entrypoint;
  }

  String user() {
    return config.path("User").asText("");
  }

  /** Runs the entrypoint with these arguments inside the image (from /), with the image's environment and nothing else. */
  Run run(String... args) throws IOException, InterruptedException {
    boolean privileged = runsAsImageUser();
    String chroot = privileged && !user().isEmpty() ? "chroot --userspec=" + user() : "chroot";
    List<String> command = new ArrayList<>(entrypoint());
    command.addAll(List.of(args));
    String script = "mount -t proc proc '" + root + "/proc' && mount --rbind /dev '" + root + "/dev' && exec " + chroot
        + " '" + root + "' " + quoteAll(command);
    List<String> unshare = new ArrayList<>(List.of("unshare"));
    if (!privileged) unshare.addAll(List.of("--user", "--map-root-user"));
    unshare.addAll(List.of("--mount", "--pid", "--fork", "--kill-child", "sh", "-c", script));
    ProcessBuilder builder = new ProcessBuilder(unshare);
    Map<String, String> env = builder.environment();
    env.clear();
    config.path("Env").forEach(entry -> {
      String[] pair = entry.asText().split("=", 2);
      env.put(pair[0], pair[1]);
    });
    Path out = Files.createTempFile("image-out", ".txt");
    Path err = Files.createTempFile("image-err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the image's entrypoint did not finish in 180 s");
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String quoteAll(List<String> words) {
    StringBuilder quoted = new StringBuilder();
    for (String word : words) quoted.append(" '").append(word.replace("'", "'\\''")).append('\'');
    return quoted.toString().strip();
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + output);
  }
}
