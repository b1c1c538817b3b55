package io.contactsync.sync.config;

import io.contactsync.api.v1alpha1.GeneralizeSpec;
import io.contactsync.api.v1alpha1.HashSpec;
import io.contactsync.api.v1alpha1.InvalidValueAction;
import io.contactsync.api.v1alpha1.MaskSpec;
import io.contactsync.api.v1alpha1.PhoneValidationSpec;
import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.api.v1alpha1.PolicyRule;
import io.contactsync.api.v1alpha1.PrivacyPolicySpec;
import io.contactsync.api.v1alpha1.ValidationSpec;
import io.contactsync.privacy.policy.Action;
import io.contactsync.privacy.policy.InvalidValueHandling;
import io.contactsync.privacy.policy.PolicyDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.DatePrecision;
import io.contactsync.privacy.policy.PolicyDefinition.FormulaNeutralizing;
import io.contactsync.privacy.policy.PolicyDefinition.GeneralizeSettings;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import io.contactsync.privacy.policy.PolicyDefinition.MaskSettings;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.policy.PolicyDefinition.ValidationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Maps the API's PrivacyPolicySpec onto the engine's definition, applying the CRD's defaults where unset. */
public final class PolicyDefinitions {
  private PolicyDefinitions() {}

  public static PolicyDefinition from(PrivacyPolicySpec spec) {
    List<RuleDefinition> rules = new ArrayList<>();
    for (PolicyRule rule : Objects.requireNonNullElse(spec.getRules(), List.<PolicyRule>of())) {
      rules.add(new RuleDefinition(rule.getFields(), action(rule.getAction()), mask(rule.getMask()),
          hash(rule.getHash()), generalize(rule.getGeneralize())));
    }
    return new PolicyDefinition(spec.getDefaultAction() == null ? Action.DROP : action(spec.getDefaultAction()), rules,
        validation(spec.getValidation()));
  }

  private static Action action(PolicyAction action) {
    return action == null ? null : Action.of(action.name());
  }

  private static MaskSettings mask(MaskSpec mask) {
    if (mask == null) return null;
    return new MaskSettings(Objects.requireNonNullElse(mask.getKeepFirst(), 0),
        Objects.requireNonNullElse(mask.getKeepLast(), 0), Objects.requireNonNullElse(mask.getCharacter(), "*"));
  }

  private static HashEncoding hash(HashSpec hash) {
    if (hash == null || hash.getEncoding() == null) return null;
    return hash.getEncoding() == HashSpec.Encoding.Base64Url ? HashEncoding.BASE64URL : HashEncoding.HEX;
  }

  private static GeneralizeSettings generalize(GeneralizeSpec g) {
    if (g == null) return null;
    DatePrecision date = g.getDate() == null ? null
        : g.getDate() == GeneralizeSpec.DatePrecision.Year ? DatePrecision.YEAR : DatePrecision.YEAR_MONTH;
    return new GeneralizeSettings(date, g.getKeepPrefix());
  }

  private static ValidationSettings validation(ValidationSpec v) {
    ValidationSettings d = ValidationSettings.DEFAULTS;
    if (v == null) return d;
    PhoneValidationSpec phone = v.getPhone();
    boolean normalizePhones = phone == null || phone.getNormalize() != PhoneValidationSpec.Normalization.None;
    String region = phone == null || phone.getDefaultRegion() == null ? d.phoneRegion() : phone.getDefaultRegion();
    return new ValidationSettings(handling(v.getEmail(), d.email()), normalizePhones, region,
        handling(phone == null ? null : phone.getInvalid(), d.invalidPhone()),
        Objects.requireNonNullElse(v.getStripMarkup(), d.stripMarkup()),
        formulas(v.getNeutralizeFormulas(), d.neutralizeFormulas()),
        Objects.requireNonNullElse(v.getMaxFieldLength(), d.maxFieldLength()), handling(v.getTooLong(), d.tooLong()));
  }

  /** Unset leaves it to the destination; true and false keep their meaning from before: always and never. */
  private static FormulaNeutralizing formulas(Boolean neutralize, FormulaNeutralizing fallback) {
    if (neutralize == null) return fallback;
    return neutralize ? FormulaNeutralizing.ALWAYS : FormulaNeutralizing.NEVER;
  }

  private static InvalidValueHandling handling(InvalidValueAction action, InvalidValueHandling fallback) {
    if (action == null) return fallback;
    return action == InvalidValueAction.DropValue ? InvalidValueHandling.DROP_VALUE : InvalidValueHandling.QUARANTINE;
  }
}
