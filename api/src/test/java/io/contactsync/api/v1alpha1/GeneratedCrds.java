package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The CRDs as the build generated them (target/crds) and as committed (crds/ at the project root, and its copy in the Helm chart). */
final class GeneratedCrds {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final List<String> FILES =
      List.of("contactsyncs.contactsync.io-v1.yml", "privacypolicies.contactsync.io-v1.yml");

  static Path generated(String file) {
    return Path.of("target", "crds", file);
  }

  static Path committed(String file) {
    return projectRoot().resolve("crds").resolve(file);
  }

  /** The copy the Helm chart installs (Helm reads CRDs only from inside the chart). */
  static Path inChart(String file) {
    return projectRoot().resolve("charts/contactsync-operator/crds").resolve(file);
  }

  static Path projectRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  static JsonNode schemaOf(String file) {
    try {
      JsonNode crd = YAML.readTree(Files.readString(generated(file)));
      return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GeneratedCrds() {}
}
