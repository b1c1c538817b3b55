package io.contactsync.sync.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.sync.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads ContactSync and PrivacyPolicy manifests from YAML files or directories, as kubectl apply -f would.
 * Other kinds are skipped; unknown fields are errors, since a typo would otherwise silently drop a setting.
 */
public final class Manifests {
  public static final String API_VERSION = ContactSync.GROUP + "/" + ContactSync.VERSION;
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The manifests that were read, each with the directory its file is in. */
  public record Loaded(List<Located<ContactSync>> syncs, List<Located<PrivacyPolicy>> policies) {}

  /** An object and the directory of the file it came from (relative paths in it resolve there). */
  public record Located<T>(T object, Path directory) {}

  private Manifests() {}

  public static Loaded load(List<Path> paths) throws ConfigurationException {
    List<Located<ContactSync>> syncs = new ArrayList<>();
    List<Located<PrivacyPolicy>> policies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files(paths, problems)) {
      readFile(file, syncs, policies, problems);
    }
    if (!problems.isEmpty()) throw new ConfigurationException(problems);
    return new Loaded(syncs, policies);
  }

  private static List<Path> files(List<Path> paths, List<String> problems) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> entries = Files.list(p)) {
          entries.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(files::add);
        } catch (IOException e) {
          problems.add(p + ": cannot list the directory (" + e.getClass().getSimpleName() + ")");
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        problems.add(p + ": no such file or directory");
      }
    }
    return files;
  }

  private static void readFile(Path file, List<Located<ContactSync>> syncs, List<Located<PrivacyPolicy>> policies,
      List<String> problems) {
    Path directory = file.toAbsolutePath().getParent();
    int document = 0;
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      // hasNextValue/nextValue, not hasNext/next: those wrap a syntax error in an unchecked exception.
      while (docs.hasNextValue()) {
        document++;
        JsonNode node = docs.nextValue();
        if (node == null || node.isNull() || node.isEmpty()) continue;
        String where = file + (document > 1 ? " (document " + document + ")" : "");
        String kind = node.path("kind").asText();
        String apiVersion = node.path("apiVersion").asText();
        if (!apiVersion.startsWith(ContactSync.GROUP + "/")) continue;
        if (!apiVersion.equals(API_VERSION)) {
          problems.add(where + ": apiVersion " + apiVersion + " is not served; use " + API_VERSION);
          continue;
        }
        try {
          switch (kind) {
            case "ContactSync" -> syncs.add(new Located<>(withNamespace(YAML.treeToValue(node, ContactSync.class)), directory));
            case "PrivacyPolicy" -> policies.add(new Located<>(withNamespace(YAML.treeToValue(node, PrivacyPolicy.class)), directory));
            default -> problems.add(where + ": kind '" + kind + "' is not a contactsync.io kind (ContactSync, PrivacyPolicy)");
          }
        } catch (UnrecognizedPropertyException e) {
          problems.add(where + ": unknown field '" + e.getPropertyName() + "' in " + ManifestPaths.of(e, 1) + " of " + kind);
        } catch (InvalidFormatException e) {
          problems.add(where + ": " + ManifestPaths.of(e, 0) + ": " + ManifestPaths.badValue(e));
        } catch (IOException e) {
          problems.add(where + ": " + firstLine(originalMessage(e)) + " at " + ManifestPaths.of(e, 0));
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(ManifestPaths.syntaxError(file, e));
    } catch (IOException e) {
      problems.add(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> T withNamespace(T object) {
    if (object.getMetadata() != null && object.getMetadata().getNamespace() == null) {
      object.getMetadata().setNamespace("default");
    }
    return object;
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
