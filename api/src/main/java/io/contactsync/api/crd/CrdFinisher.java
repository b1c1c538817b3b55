package io.contactsync.api.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contactsync.api.v1alpha1.ApiLimits;
import io.contactsync.api.v1alpha1.ApiRules;
import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes the CRDs fabric8 generated, at build time: printer columns in the order the resource class declares
 * them (the generator sorts them by JSON path, which puts Age first), and the class's description on the top-level
 * schema (which the generator leaves empty, so kubectl explain showed none), and a maxLength on the quantities of
 * spec.resources (int-or-string values, on which the generator ignores @Size). Where a CEL rule says "exactly one of",
 * it adds the same as a oneOf of required properties, which API servers without CEL (before 1.25) check too.
 */
public final class CrdFinisher {
  static final List<Class<? extends CustomResource<?, ?>>> RESOURCES = List.of(ContactSync.class, PrivacyPolicy.class);
  private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
  private static final String HEADER = "# Generated from the Java types in api/ by the build; do not edit.\n"
      + "# ./mvnw -pl api -Pregenerate-crds process-classes rewrites it.\n";

  private CrdFinisher() {}

  /** @param args the directory holding the generated CRDs */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    for (Class<? extends CustomResource<?, ?>> type : RESOURCES) {
      Path file = dir.resolve(CustomResource.getCRDName(type) + "-v1.yml");
      Files.writeString(file, HEADER + YAML.writeValueAsString(finish(YAML.readTree(file.toFile()), type)));
    }
  }

  static JsonNode finish(JsonNode crd, Class<?> type) {
    for (JsonNode version : crd.path("spec").path("versions")) {
      boundQuantities(version.path("schema").path("openAPIV3Schema"));
      exactlyOne(version.path("schema").path("openAPIV3Schema"));
      JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
      if (description != null) {
        ((ObjectNode) version.path("schema").path("openAPIV3Schema")).put("description", description.value());
      }
      if (version.has("additionalPrinterColumns")) {
        ((ObjectNode) version).set("additionalPrinterColumns",
            inDeclaredOrder((ArrayNode) version.get("additionalPrinterColumns"), type));
      }
    }
    return crd;
  }

  /** Every int-or-string value of these CRDs is a resource quantity: bounded as {@link ApiLimits#QUANTITY}. */
  private static void boundQuantities(JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean() && !schema.has("maxLength")) {
      ((ObjectNode) schema).put("maxLength", ApiLimits.QUANTITY);
    }
    schema.path("properties").forEach(CrdFinisher::boundQuantities);
    if (schema.has("items")) boundQuantities(schema.get("items"));
    if (schema.path("additionalProperties").isObject()) boundQuantities(schema.get("additionalProperties"));
  }

  private static void exactlyOne(JsonNode schema) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      List<String> alternatives = ApiRules.EXACTLY_ONE.get(rule.path("rule").asText());
      if (alternatives == null) continue;
      ArrayNode oneOf = ((ObjectNode) schema).putArray("oneOf");
      alternatives.forEach(property -> oneOf.addObject().putArray("required").add(property));
    }
    schema.path("properties").forEach(CrdFinisher::exactlyOne);
    if (schema.has("items")) exactlyOne(schema.get("items"));
    if (schema.path("additionalProperties").isObject()) exactlyOne(schema.get("additionalProperties"));
  }

  private static ArrayNode inDeclaredOrder(ArrayNode generated, Class<?> type) {
    List<JsonNode> columns = new ArrayList<>();
    generated.forEach(columns::add);
    ArrayNode ordered = generated.arrayNode();
    for (AdditionalPrinterColumn declared : type.getAnnotationsByType(AdditionalPrinterColumn.class)) {
      columns.stream().filter(c -> c.path("name").asText().equals(declared.name())).findFirst().ifPresent(c -> {
        ordered.add(c);
        columns.remove(c);
      });
    }
    columns.forEach(ordered::add);
    return ordered;
  }
}
