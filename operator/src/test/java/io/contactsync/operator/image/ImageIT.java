package io.contactsync.operator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image the build makes with Jib (on the offline base here; on eclipse-temurin for releases), unpacked
 * and run as a container would run it: its entrypoint is the contactsync executable, it runs as a non-root user, and
 * a local sync of the bundled samples works inside it.
 */
class ImageIT {
  private static final Path ARCHIVE = Path.of("target", "image", "contactsync-image.tar").toAbsolutePath();
  private static final Path SAMPLES = Path.of("..", "config", "samples", "local").toAbsolutePath().normalize();
  private static final String NON_ROOT = "65532:65532";

  @TempDir static Path work;
  static UnpackedImage image;

  @BeforeAll
  static void unpack() throws Exception {
    assertThat(ARCHIVE).as("the build writes the image at pre-integration-test; run the tests with ./mvnw verify").exists();
    image = UnpackedImage.unpack(ARCHIVE, work);
  }

  @Test
  void theEntrypointIsTheContactsyncExecutableRunningAsNonRoot() {
    assertThat(image.user()).isEqualTo(NON_ROOT);
    assertThat(image.entrypoint()).first().isEqualTo("java");
    assertThat(image.entrypoint()).last().isEqualTo("io.contactsync.operator.cli.ContactSyncMain");
    assertThat(image.config.path("Labels").path("org.opencontainers.image.title").asText()).isEqualTo("contactsync-operator");
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    UnpackedImage.Run run = image.run("--help");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("sync", "preview", "keys", "generate", "operator", "seal", "reveal");
  }

  @Test
  void aLocalSyncOfTheBundledSamplesRunsInsideTheImage() throws Exception {
    Path samples = Files.createDirectories(image.root.resolve("home/nonroot/samples"));
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) Files.copy(file, samples.resolve(file.getFileName()));
    }
    giveToImageUser(samples);

    UnpackedImage.Run run = image.run("sync", "--local", "-f", "/home/nonroot/samples/");
    assertThat(run.exit()).as(run.err()).isZero();
    Path jsonl = samples.resolve("out/contacts.jsonl");
    assertThat(jsonl).exists();
    assertThat(Files.readAllLines(jsonl)).as("300 samples, 12 of them quarantined by the policy").hasSize(288);
    assertThat(run.out()).contains("read 300 contact records", "quarantined 12");
    if (UnpackedImage.runsAsImageUser()) {
      PosixFileAttributes owner = Files.readAttributes(jsonl, PosixFileAttributes.class);
      assertThat(owner.owner().getName() + ":" + owner.group().getName())
          .as("written by the image's user, not root").isIn(NON_ROOT, "nonroot:nonroot");
    }
  }

  private static void giveToImageUser(Path dir) throws IOException, InterruptedException {
    if (!UnpackedImage.runsAsImageUser()) return;
    Process chown = new ProcessBuilder(List.of("chown", "-R", NON_ROOT, dir.toString())).inheritIO().start();
    assertThat(chown.waitFor()).isZero();
  }
}
