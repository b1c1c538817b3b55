package io.contactsync.sync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ApiPatterns;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.Field;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.privacy.policy.PolicyDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRD's field-path pattern and the engine's parser accept exactly the same paths. */
class FieldPathPatternTest {
  private static final Pattern CRD = Pattern.compile(ApiPatterns.FIELD_PATH);

  static List<String> paths() {
    List<String> paths = new ArrayList<>();
    for (Field f : Field.values()) paths.add(f.path());
    paths.addAll(List.of("name", "emails[]", "phones[]", "addresses[]", "custom.*", "custom.crmId", "custom.a_b-9",
        "id", "emails", "emails[].vale", "name.", "custom.", "custom.a.b", "custom.a b", "notes ", "Name.given",
        "addresses[0].postalCode", "custom." + "x".repeat(65), "emails[]value", "phones[].value.x", ""));
    return paths;
  }

  @ParameterizedTest
  @MethodSource("paths")
  void theSchemaAndTheCompilerAgree(String path) {
    boolean schemaAccepts = CRD.matcher(path).matches();
    boolean compilerAccepts = PolicyCompiler.check(new PolicyDefinition(Action.DROP,
        List.of(RuleDefinition.of(Action.KEEP, path)), null)).isEmpty();
    assertThat(schemaAccepts).as("'%s': schema accepts = %s, compiler accepts = %s", path, schemaAccepts, compilerAccepts)
        .isEqualTo(compilerAccepts);
  }
}
