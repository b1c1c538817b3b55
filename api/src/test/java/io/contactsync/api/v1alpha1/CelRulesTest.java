package io.contactsync.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CEL rules of the generated CRDs, compiled and run as an API server with CEL would run them (cel-java, the
 * standard library and macros the rules keep to), on objects that must pass and objects that must not.
 */
class CelRulesTest {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("self", SimpleType.DYN).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  @Test
  void everyRuleOfTheGeneratedCrdsCompiles() throws Exception {
    List<String> rules = new ArrayList<>();
    GeneratedCrds.FILES.forEach(file -> collect(GeneratedCrds.schemaOf(file), rules));
    assertThat(rules).hasSizeGreaterThan(20);
    for (String rule : rules) assertThat(COMPILER.compile(rule).getAst()).as(rule).isNotNull();
  }

  @Test
  void anEndpointSetsExactlyOneConnector() throws Exception {
    assertThat(eval(ApiRules.SOURCE_CONNECTOR, Map.of("file", Map.of("path", "in.vcf")))).isTrue();
    assertThat(eval(ApiRules.SOURCE_CONNECTOR, Map.of())).isFalse();
    assertThat(eval(ApiRules.SOURCE_CONNECTOR, Map.of("carddav", Map.of(), "file", Map.of()))).isFalse();
    assertThat(eval(ApiRules.DESTINATION_CONNECTOR, Map.of("name", "out", "webhook", Map.of()))).isTrue();
    assertThat(eval(ApiRules.DESTINATION_CONNECTOR, Map.of("name", "out", "webhook", Map.of(), "ldap", Map.of()))).isFalse();
    assertThat(eval(ApiRules.DESTINATION_CONNECTOR, Map.of("name", "out"))).isFalse();
  }

  @Test
  void credentialsAreASecretOrSealedValues() throws Exception {
    Map<String, Object> secret = Map.of("name", "dav-creds");
    Map<String, Object> sealed = Map.of("password", "sealed.v2.AAAA");
    assertThat(eval(ApiRules.ONE_CREDENTIAL_SOURCE, Map.of("secretRef", secret))).isTrue();
    assertThat(eval(ApiRules.ONE_CREDENTIAL_SOURCE, Map.of("sealed", sealed))).isTrue();
    assertThat(eval(ApiRules.ONE_CREDENTIAL_SOURCE, Map.of("secretRef", secret, "sealed", sealed))).isFalse();
    assertThat(eval(ApiRules.ONE_CREDENTIAL_SOURCE, Map.of("sealed", Map.of()))).as("an empty map is none").isFalse();
    assertThat(eval(ApiRules.ONE_CREDENTIAL_SOURCE, Map.of())).isFalse();
  }

  @Test
  void namesAndKeysAreBounded() throws Exception {
    assertThat(eval(ApiRules.SYNC_NAME, Map.of("metadata", Map.of("name", "s".repeat(52))))).isTrue();
    assertThat(eval(ApiRules.SYNC_NAME, Map.of("metadata", Map.of("name", "s".repeat(53))))).isFalse();
    assertThat(eval(ApiRules.POLICY_NAME, Map.of("metadata", Map.of("name", "p".repeat(241))))).isTrue();
    assertThat(eval(ApiRules.POLICY_NAME, Map.of("metadata", Map.of("name", "p".repeat(242))))).isFalse();
    assertThat(eval(ApiRules.CREDENTIAL_KEYS, Map.of("ca.crt", "x", "k".repeat(32), "y"))).isTrue();
    assertThat(eval(ApiRules.CREDENTIAL_KEYS, Map.of("k".repeat(33), "y"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.0/24", "0.0.0.0/0", "10.0.0.1/32", "255.255.255.255/32", "2001:db8::/32", "::/0",
      "fd00:ec2::254/128", "::ffff:10.0.0.1/128", "2001:0db8:0000:0000:0000:0000:0000:0000/128"})
  void aCidrOfEitherFamilyPasses(String cidr) throws Exception {
    assertThat(eval(ApiRules.CIDR, cidr)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1/99", "10.0.0.1/33", "256.0.0.0/8", "1.2.3/8", "1.2.3.4.5/8", "2130706433/32",
      "2001:db8::/129", "10.0.0.0", "abc/8", "01.2.3.4/8"})
  void anythingElseIsRefused(String cidr) throws Exception {
    assertThat(eval(ApiRules.CIDR, cidr)).isFalse();
  }

  private static boolean eval(String rule, Object self) throws Exception {
    CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(rule).getAst());
    return (Boolean) program.eval(Map.of("self", self));
  }

  private static void collect(JsonNode schema, List<String> out) {
    schema.path("x-kubernetes-validations").forEach(rule -> out.add(rule.path("rule").asText()));
    schema.path("properties").forEach(child -> collect(child, out));
    if (schema.has("items")) collect(schema.get("items"), out);
    if (schema.path("additionalProperties").isObject()) collect(schema.get("additionalProperties"), out);
  }
}
