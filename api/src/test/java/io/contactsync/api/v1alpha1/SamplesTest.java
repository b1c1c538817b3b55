package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The samples in config/samples parse into the Java types and pass the generated schema; those in
 * config/samples/invalid fail it. A fast stand-in for the API server's validation, which the operator's
 * tests prove on a real server.
 */
class SamplesTest {
  private static final ObjectMapper STRICT = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Map<String, JsonSchema> SCHEMAS = Map.of(
      "ContactSync", schema("contactsyncs.contactsync.io-v1.yml"),
      "PrivacyPolicy", schema("privacypolicies.contactsync.io-v1.yml"));

  private static JsonSchema schema(String file) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(GeneratedCrds.schemaOf(file));
  }

  static Stream<Path> valid() throws IOException {
    return yamlFiles(samples(), 2).filter(p -> !p.getParent().endsWith("invalid"));
  }

  static Stream<Path> invalid() throws IOException {
    return yamlFiles(samples().resolve("invalid"), 1);
  }

  private static Path samples() {
    return GeneratedCrds.projectRoot().resolve("config").resolve("samples");
  }

  private static Stream<Path> yamlFiles(Path dir, int depth) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, depth)) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
    }
    return files.stream();
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = STRICT.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = (JsonNode) it.next();
        if (doc != null && !doc.isEmpty()) docs.add(doc);
      }
    }
    return docs;
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validSamplesParseAndPassTheSchema(Path file) throws IOException {
    List<JsonNode> docs = documents(file);
    assertThat(docs).as(file.toString()).isNotEmpty();
    for (JsonNode doc : docs) {
      String kind = doc.path("kind").asText();
      if (!SCHEMAS.containsKey(kind)) continue; // the quickstart's database, namespace and kustomization
      Class<?> type = kind.equals("ContactSync") ? ContactSync.class : PrivacyPolicy.class;
      assertThat(STRICT.treeToValue(doc, type)).isNotNull();
      assertThat(SCHEMAS.get(kind).validate(doc)).as("%s is valid", file.getFileName()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidSamplesFailTheSchemaAndSayWhy(Path file) throws IOException {
    assertThat(Files.readString(file)).as("an invalid sample starts with a comment saying why").startsWith("# Rejected: ");
    List<JsonNode> docs = documents(file);
    assertThat(docs).hasSize(1);
    Set<ValidationMessage> errors = SCHEMAS.get(docs.get(0).path("kind").asText()).validate(docs.get(0));
    assertThat(errors).as("%s must be rejected by the schema", file.getFileName()).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void thereAreEnoughInvalidSamples() throws IOException {
    assertThat(invalid().count()).as("malicious and mistaken manifests the schema must refuse").isGreaterThanOrEqualTo(30);
  }
}
