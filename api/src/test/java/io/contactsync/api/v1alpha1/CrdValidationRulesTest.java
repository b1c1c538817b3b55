package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CEL rules (x-kubernetes-validations) the CRDs carry, where they are and what they say. The API server of the
 * tests (1.20) drops them, so their text is checked here; CelRulesTest runs them.
 */
class CrdValidationRulesTest {
  private static final JsonNode SYNC = GeneratedCrds.schemaOf(GeneratedCrds.FILES.get(0));
  private static final JsonNode POLICY = GeneratedCrds.schemaOf(GeneratedCrds.FILES.get(1));
  private static final List<String> REMOTE = List.of("carddav", "ldap", "postgres");
  private static final List<String> DESTINATION_REMOTE = List.of("carddav", "ldap", "postgres", "webhook");

  @Test
  void aSyncNameFitsTheNamesOfItsCronJobsJobs() {
    assertThat(rules(SYNC)).containsExactly(ApiRules.SYNC_NAME + " => " + ApiRules.SYNC_NAME_MESSAGE);
    assertThat(ApiRules.SYNC_NAME).isEqualTo("size(self.metadata.name) <= 52");
  }

  @Test
  void aPolicyNameFitsItsKeyReadersRole() {
    assertThat(rules(POLICY)).containsExactly(ApiRules.POLICY_NAME + " => " + ApiRules.POLICY_NAME_MESSAGE);
    assertThat(ApiLimits.POLICY_NAME + "-key-readers".length()).isEqualTo(253);
  }

  @Test
  void everyEndpointHasExactlyOneConnectorInCelAndAsAOneOf() {
    JsonNode source = SYNC.at("/properties/spec/properties/source");
    JsonNode destination = SYNC.at("/properties/spec/properties/destinations/items");
    assertThat(rules(source)).containsExactly(ApiRules.SOURCE_CONNECTOR + " => " + ApiRules.SOURCE_CONNECTOR_MESSAGE);
    assertThat(rules(destination))
        .containsExactly(ApiRules.DESTINATION_CONNECTOR + " => " + ApiRules.DESTINATION_CONNECTOR_MESSAGE);
    assertThat(ApiRules.SOURCE_CONNECTOR)
        .isEqualTo("[has(self.carddav), has(self.ldap), has(self.postgres), has(self.file)].filter(c, c).size() == 1");
    assertThat(oneOf(source)).containsExactly("carddav", "ldap", "postgres", "file");
    assertThat(oneOf(destination)).containsExactly("carddav", "ldap", "postgres", "file", "webhook");
  }

  @Test
  void credentialsAreASecretOrSealedValuesNeverBoth() {
    List<JsonNode> credentials = new ArrayList<>();
    REMOTE.forEach(c -> credentials.add(SYNC.at("/properties/spec/properties/source/properties/" + c + "/properties/credentials")));
    DESTINATION_REMOTE.forEach(c -> credentials.add(
        SYNC.at("/properties/spec/properties/destinations/items/properties/" + c + "/properties/credentials")));
    assertThat(credentials).hasSize(7).allSatisfy(node -> {
      assertThat(rules(node)).containsExactly(ApiRules.ONE_CREDENTIAL_SOURCE + " => " + ApiRules.ONE_CREDENTIAL_SOURCE_MESSAGE);
      assertThat(oneOf(node)).containsExactly("secretRef", "sealed");
      assertThat(node.at("/properties/sealed/minProperties").asInt()).as("an empty sealed map is none").isEqualTo(1);
      assertThat(rules(node.at("/properties/sealed")))
          .containsExactly("self.all(k, size(k) <= 32) => " + ApiRules.CREDENTIAL_KEYS_MESSAGE);
    });
  }

  @Test
  void anEgressCidrHasTheShapeOfOne() {
    JsonNode cidr = SYNC.at("/properties/spec/properties/egress/items/properties/cidr");
    assertThat(rules(cidr)).containsExactly(ApiRules.CIDR + " => " + ApiRules.CIDR_MESSAGE);
    assertThat(cidr.path("maxLength").asInt()).isEqualTo(ApiLimits.CIDR);
  }

  @Test
  void mapKeysAreBounded() {
    JsonNode spec = SYNC.at("/properties/spec/properties");
    assertThat(rules(spec.at("/resources/properties/limits"))).containsExactly(
        "self.all(k, size(k) <= 317) => resource names may have at most 317 characters");
    assertThat(rules(spec.at("/source/properties/ldap/properties/attributes"))).containsExactly(
        "self.all(k, size(k) <= 128) => field paths may have at most 128 characters");
  }

  @Test
  void rulesUseOnlyWhatEveryServerWithCelKnows() {
    List<JsonNode> all = new ArrayList<>();
    collect(SYNC, all);
    collect(POLICY, all);
    assertThat(all).hasSizeGreaterThan(20).allSatisfy(rule -> {
      // reason and fieldPath need 1.28, messageExpression 1.27; a server that does not know them refuses the CRD
      assertThat(rule.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("rule", "message");
      assertThat(rule.path("message").asText()).isNotBlank();
    });
  }

  private static List<String> rules(JsonNode schema) {
    List<String> out = new ArrayList<>();
    schema.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asText() + " => " + r.path("message").asText()));
    return out;
  }

  private static List<String> oneOf(JsonNode schema) {
    List<String> out = new ArrayList<>();
    schema.path("oneOf").forEach(alternative -> alternative.path("required").forEach(p -> out.add(p.asText())));
    return out;
  }

  private static void collect(JsonNode schema, List<JsonNode> out) {
    schema.path("x-kubernetes-validations").forEach(out::add);
    schema.path("properties").forEach(child -> collect(child, out));
    if (schema.has("items")) collect(schema.get("items"), out);
    if (schema.path("additionalProperties").isObject()) collect(schema.get("additionalProperties"), out);
  }
}
