package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** kubectl explain must read well: every property of both CRDs carries a description. */
class CrdDescriptionsTest {
  static final List<String> FILES = GeneratedCrds.FILES;

  @ParameterizedTest
  @FieldSource("FILES")
  void everyPropertyHasADescription(String file) {
    List<String> undescribed = new ArrayList<>();
    JsonNode root = GeneratedCrds.schemaOf(file);
    if (root.path("description").asText().isBlank()) undescribed.add("(the resource itself)");
    root.path("properties").properties().forEach(e -> {
      if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind") && !e.getKey().equals("metadata")) {
        walk(e.getKey(), e.getValue(), undescribed);
      }
    });
    assertThat(undescribed).as("properties without a description in %s", file).isEmpty();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "contactsyncs.contactsync.io-v1.yml, Schedule|Source|Ready|Last Sync|Age",
      "privacypolicies.contactsync.io-v1.yml, Rules|Default|Ready|Age"})
  void kubectlGetShowsTheColumnsInTheirDeclaredOrder(String file, String expected) throws Exception {
    JsonNode crd = GeneratedCrds.YAML.readTree(GeneratedCrds.generated(file).toFile());
    List<String> shown = new ArrayList<>();
    crd.path("spec").path("versions").get(0).path("additionalPrinterColumns").forEach(c -> {
      if (c.path("priority").asInt() == 0) shown.add(c.path("name").asText());
    });
    assertThat(String.join("|", shown)).isEqualTo(expected);
  }

  private static void walk(String path, JsonNode schema, List<String> undescribed) {
    if (!schema.hasNonNull("description") || schema.get("description").asText().isBlank()) {
      undescribed.add(path);
    }
    for (Map.Entry<String, JsonNode> child : iterable(schema.path("properties"))) {
      walk(path + "." + child.getKey(), child.getValue(), undescribed);
    }
    JsonNode items = schema.path("items");
    for (Map.Entry<String, JsonNode> child : iterable(items.path("properties"))) {
      walk(path + "[]." + child.getKey(), child.getValue(), undescribed);
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node.properties();
  }
}
