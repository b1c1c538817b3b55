package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * No field of either CRD is unbounded, so that no future field lets one object grow without limit: every string has
 * a maxLength (an enum needs none), every array a maxItems, every map a maxProperties and a CEL bound on its keys
 * (a structural schema cannot bound object keys otherwise). A pattern alone does not count, even a bounded one: a
 * maxLength says the bound where kubectl explain and the size estimate can read it. And the largest object the
 * schema admits, estimated, fits etcd's request limit with its annotations.
 */
class CrdSizeBoundsTest {
  static final List<String> FILES = GeneratedCrds.FILES;
  /** etcd's default --max-request-bytes: no object larger than this can be stored. */
  static final long ETCD_REQUEST_LIMIT = 1536 * 1024;
  /** The API server keeps all annotations of an object under 256 KiB; labels and the rest of metadata are small. */
  static final long METADATA = 256 * 1024 + 16 * 1024;

  @ParameterizedTest
  @FieldSource("FILES")
  void everyStringArrayAndMapIsBounded(String file) {
    List<String> unbounded = new ArrayList<>();
    walk("", GeneratedCrds.schemaOf(file), unbounded);
    assertThat(unbounded).as("fields of %s without a size limit (see ApiLimits)", file).isEmpty();
  }

  @Test
  void theLargestContactSyncFitsEtcdWithRoomForItsAnnotations() {
    long spec = largest(GeneratedCrds.schemaOf(GeneratedCrds.FILES.get(0)).path("properties").path("spec"));
    assertThat(spec + METADATA).as("largest ContactSync: spec %d bytes", spec).isLessThan(ETCD_REQUEST_LIMIT);
  }

  @Test
  void theLargestPrivacyPolicyFitsEtcdWithRoomForItsAnnotations() {
    long spec = largest(GeneratedCrds.schemaOf(GeneratedCrds.FILES.get(1)).path("properties").path("spec"));
    assertThat(spec + METADATA).as("largest PrivacyPolicy: spec %d bytes", spec).isLessThan(ETCD_REQUEST_LIMIT);
  }

  @Test
  void theEstimateTakesTheWorstEscapingAndTheLargestOfExactlyOne() {
    JsonNode schema = GeneratedCrds.schemaOf(GeneratedCrds.FILES.get(0)).path("properties").path("spec");
    JsonNode postgres = schema.at("/properties/source/properties/postgres");
    assertThat(largest(postgres.at("/properties/query"))).isEqualTo(2 + 6L * ApiLimits.SQL_QUERY);
    JsonNode sealed = postgres.at("/properties/credentials/properties/sealed");
    assertThat(largest(sealed)).as("5 keys of 32 characters, each with a base64url value")
        .isEqualTo(2 + ApiLimits.SEALED_KEYS * (2 + 6L * ApiLimits.CREDENTIAL_KEY + 1 + 2 + ApiLimits.SEALED_VALUE + 1));
    assertThat(largest(postgres.at("/properties/credentials")))
        .as("sealed or a secretRef, not both").isEqualTo(2 + "sealed".length() + 3 + largest(sealed) + 1);
    JsonNode ldap = schema.at("/properties/source/properties/ldap");
    assertThat(largest(ldap)).isGreaterThan(largest(postgres));
    assertThat(largest(schema.at("/properties/source")))
        .as("the largest connector, alone").isEqualTo(2 + "ldap".length() + 3 + largest(ldap) + 1);
  }

  private static void walk(String path, JsonNode schema, List<String> unbounded) {
    String type = schema.path("type").asText();
    if (type.equals("string") && !schema.has("maxLength") && !schema.has("enum")) unbounded.add(path + ": string without maxLength");
    if (schema.path("x-kubernetes-int-or-string").asBoolean() && !schema.has("maxLength")) {
      unbounded.add(path + ": int-or-string without maxLength");
    }
    if (type.equals("array") && !schema.has("maxItems")) unbounded.add(path + ": array without maxItems");
    if (schema.path("additionalProperties").isObject()) {
      if (!schema.has("maxProperties")) unbounded.add(path + ": map without maxProperties");
      if (keyLimit(schema) < 0) unbounded.add(path + ": map without a CEL rule self.all(k, size(k) <= N)");
      walk(path + "{}", schema.get("additionalProperties"), unbounded);
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      if (path.isEmpty() && Set.of("apiVersion", "kind", "metadata").contains(property.getKey())) continue;
      walk(path + "." + property.getKey(), property.getValue(), unbounded);
    }
    if (schema.has("items")) walk(path + "[]", schema.get("items"), unbounded);
  }

  private static final Pattern KEY_RULE = Pattern.compile("self\\.all\\(k, size\\(k\\) <= (\\d+)\\)");

  /** The key length the map's CEL rule allows, or -1. */
  private static int keyLimit(JsonNode map) {
    for (JsonNode rule : map.path("x-kubernetes-validations")) {
      var matcher = KEY_RULE.matcher(rule.path("rule").asText());
      if (matcher.matches()) return Integer.parseInt(matcher.group(1));
    }
    return -1;
  }

  /**
   * A rough upper bound of the JSON the API server stores for a value of this schema: every property set, every
   * array and map full, strings at their maxLength. A character of free text counts 6 bytes (the API server writes
   * {@code <}, {@code >} and {@code &} as \\u003c), a character of a patterned string 2 (a tab in a schedule is \t);
   * a sealed value is base64url, 1. Of properties a oneOf makes exclusive (the connector blocks, secretRef and sealed)
   * only the largest counts.
   */
  static long largest(JsonNode schema) {
    String type = schema.path("type").asText();
    if (schema.has("enum")) {
      long longest = 0;
      for (JsonNode value : schema.get("enum")) longest = Math.max(longest, value.asText().length());
      return longest + 2;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) return schema.path("maxLength").asLong() + 2;
    switch (type) {
      case "string": return 2 + schema.path("maxLength").asLong() * bytesPerCharacter(schema);
      case "integer": case "number": return 20;
      case "boolean": return 5;
      case "array": return 2 + schema.path("maxItems").asLong() * (largest(schema.get("items")) + 1);
      default:
        long size = 2;
        if (schema.path("additionalProperties").isObject()) {
          long key = 2 + 6L * keyLimit(schema);
          size += schema.path("maxProperties").asLong() * (key + 1 + largest(schema.get("additionalProperties")) + 1);
        }
        Set<String> exclusive = new HashSet<>();
        schema.path("oneOf").forEach(alternative -> alternative.path("required").forEach(p -> exclusive.add(p.asText())));
        long largestExclusive = 0;
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
          long entry = property.getKey().length() + 3 + largest(property.getValue()) + 1;
          if (exclusive.contains(property.getKey())) {
            largestExclusive = Math.max(largestExclusive, entry);
          } else {
            size += entry;
          }
        }
        return size + largestExclusive;
    }
  }

  private static long bytesPerCharacter(JsonNode string) {
    String pattern = string.path("pattern").asText();
    if (pattern.startsWith("^sealed\\.")) return 1;
    return pattern.isEmpty() || pattern.contains("[^") ? 6 : 2;
  }
}
