package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One action applied to a set of fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyRule {
  @Required
  @Size(min = 1, max = ApiLimits.RULE_FIELDS)
  @JsonPropertyDescription("Field paths of the canonical contact: name.given, formattedName, emails[].value, phones[].value, "
      + "addresses[].postalCode, addresses[] (every address field), urls[], impp[], photo, birthday, notes, categories, custom.<key>, custom.* and so on (docs/policies.md lists them). "
      + "A more specific path wins over a group (emails[].value over emails[]).")
  private List<@Size(max = ApiLimits.FIELD_PATH) @Pattern(ApiPatterns.FIELD_PATH) String> fields = new ArrayList<>();

  @Required
  @JsonPropertyDescription("Keep, Drop, Redact, Mask, Hash, Tokenize, Encrypt or Generalize.")
  private PolicyAction action;

  @JsonPropertyDescription("Settings of Mask; required with it.")
  private MaskSpec mask;

  @JsonPropertyDescription("Settings of Hash.")
  private HashSpec hash;

  @JsonPropertyDescription("Settings of Generalize; required with it.")
  private GeneralizeSpec generalize;

  public List<String> getFields() { return fields; }
  public void setFields(List<String> fields) { this.fields = fields; }
  public PolicyAction getAction() { return action; }
  public void setAction(PolicyAction action) { this.action = action; }
  public MaskSpec getMask() { return mask; }
  public void setMask(MaskSpec mask) { this.mask = mask; }
  public HashSpec getHash() { return hash; }
  public void setHash(HashSpec hash) { this.hash = hash; }
  public GeneralizeSpec getGeneralize() { return generalize; }
  public void setGeneralize(GeneralizeSpec generalize) { this.generalize = generalize; }
}
