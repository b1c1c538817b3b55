package io.contactsync.privacy.policy;

import java.util.List;
import java.util.Objects;

/**
 * A privacy policy as the engine sees it: independent of how it was declared (a Kubernetes object, a file).
 *
 * @param defaultAction the action of every field no rule names
 * @param rules the rules in declaration order (messages number them from 1)
 * @param validation checks and clean-ups applied before the rules
 */
public record PolicyDefinition(Action defaultAction, List<RuleDefinition> rules, ValidationSettings validation) {
  public PolicyDefinition {
    defaultAction = Objects.requireNonNullElse(defaultAction, Action.DROP);
    rules = List.copyOf(Objects.requireNonNullElse(rules, List.of()));
    validation = Objects.requireNonNullElse(validation, ValidationSettings.DEFAULTS);
  }

  /**
   * One rule.
   *
   * @param fields field paths as written (name.given, emails[].value, custom.crmId …)
   * @param action what happens to them
   * @param mask settings of MASK, else null
   * @param hashEncoding settings of HASH, else null (hex)
   * @param generalize settings of GENERALIZE, else null
   */
  public record RuleDefinition(List<String> fields, Action action, MaskSettings mask, HashEncoding hashEncoding,
      GeneralizeSettings generalize) {
    public RuleDefinition {
      fields = List.copyOf(Objects.requireNonNullElse(fields, List.of()));
    }

    public static RuleDefinition of(Action action, String... fields) {
      return new RuleDefinition(List.of(fields), action, null, null, null);
    }
  }

  /** Partial masking; a value no longer than keepFirst + keepLast is masked whole. */
  public record MaskSettings(int keepFirst, int keepLast, String character) {}

  /** Text encodings of a hash. */
  public enum HashEncoding { HEX, BASE64URL }

  /** Generalization: either a date precision or a prefix length. */
  public record GeneralizeSettings(DatePrecision date, Integer keepPrefix) {}

  /** How far a date is coarsened. */
  public enum DatePrecision { YEAR, YEAR_MONTH }

  /** Checks and clean-ups; see the API's ValidationSpec for their meaning. */
  public record ValidationSettings(InvalidValueHandling email, boolean normalizePhones, String phoneRegion,
      InvalidValueHandling invalidPhone, boolean stripMarkup, FormulaNeutralizing neutralizeFormulas, int maxFieldLength,
      InvalidValueHandling tooLong) {
    public static final ValidationSettings DEFAULTS = new ValidationSettings(InvalidValueHandling.QUARANTINE, true, "US",
        InvalidValueHandling.QUARANTINE, true, FormulaNeutralizing.WHERE_FORMULAS_RUN, 1024, InvalidValueHandling.QUARANTINE);

    public ValidationSettings {
      neutralizeFormulas = Objects.requireNonNullElse(neutralizeFormulas, FormulaNeutralizing.WHERE_FORMULAS_RUN);
    }
  }

  /**
   * Where values a spreadsheet would run as a formula get a ' prefix. The engine knows nothing of destinations: the
   * caller of apply says whether the values are headed for one where formulas run (a CSV file).
   */
  public enum FormulaNeutralizing {
    /** Every destination. */
    ALWAYS,
    /** No destination, not even a CSV file. */
    NEVER,
    /** Only destinations where formulas run (the default): elsewhere the ' would corrupt the value. */
    WHERE_FORMULAS_RUN
  }
}
