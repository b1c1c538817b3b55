package io.contactsync.privacy.policy;

import com.google.crypto.tink.HybridEncrypt;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.keys.SyncKeys;
import io.contactsync.privacy.policy.PolicyDefinition.GeneralizeSettings;
import io.contactsync.privacy.policy.PolicyDefinition.HashEncoding;
import io.contactsync.privacy.policy.PolicyDefinition.MaskSettings;
import io.contactsync.privacy.policy.PolicyDefinition.RuleDefinition;
import io.contactsync.privacy.sanitize.PhoneNormalizer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles a policy definition once into a plan. Reports every problem at once: unknown field paths,
 * contradictory rules, settings that do not fit their action, an unknown phone region.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /** Every problem of the definition; empty when it compiles. Needs no keys. */
  public static List<String> check(PolicyDefinition definition) {
    List<String> problems = new ArrayList<>();
    resolve(definition, problems);
    return problems;
  }

  /** Compiles with the policy's own keys, as a writer in the policy scope would hold them. */
  public static CompiledPolicy compile(PolicyDefinition definition, PolicyKeys keys) throws PolicyCompilationException {
    return compile(definition, keys.forScope(KeyScope.policy()));
  }

  /** Compiles with what one writer holds: its scope's Tokenize and Hash keys and the public Encrypt keys. */
  public static CompiledPolicy compile(PolicyDefinition definition, SyncKeys keys) throws PolicyCompilationException {
    List<String> problems = new ArrayList<>();
    Resolution resolution = resolve(definition, problems);
    if (!problems.isEmpty()) throw new PolicyCompilationException(problems);
    try {
      TransformFactory factory = new TransformFactory(keys);
      ValueTransform[] slots = new ValueTransform[Field.values().length];
      for (Field f : Field.values()) {
        slots[f.ordinal()] = factory.of(resolution.leafRules.get(f), definition.defaultAction());
      }
      Map<String, ValueTransform> customSlots = new HashMap<>();
      for (Map.Entry<String, RuleDefinition> e : resolution.customKeyRules.entrySet()) {
        ValueTransform t = factory.of(e.getValue(), definition.defaultAction());
        customSlots.put(e.getKey(), t == null ? ValueTransforms.DROP : t);
      }
      ValueTransform otherCustom = factory.of(resolution.allCustomRule, definition.defaultAction());
      return new CompiledPolicy(slots, customSlots, otherCustom, definition.validation(), keys.recordIds());
    } catch (GeneralSecurityException e) {
      throw new PolicyCompilationException(List.of("the policy's keys could not be loaded: " + e.getClass().getSimpleName()));
    }
  }

  /** Which rule decides each field; more specific paths win, equal specificity twice is an error. */
  private static final class Resolution {
    final Map<Field, RuleDefinition> leafRules = new HashMap<>();
    final Map<String, RuleDefinition> customKeyRules = new LinkedHashMap<>();
    RuleDefinition allCustomRule;
  }

  private static Resolution resolve(PolicyDefinition definition, List<String> problems) {
    Resolution resolution = new Resolution();
    Map<Object, Integer> claimedBy = new HashMap<>();
    Map<Field, RuleDefinition> groupRules = new HashMap<>();
    List<RuleDefinition> rules = definition.rules();

    if (definition.defaultAction() == Action.MASK || definition.defaultAction() == Action.GENERALIZE) {
      problems.add("defaultAction " + definition.defaultAction().apiName()
          + " needs settings that only a rule can carry; use Drop, Keep, Redact, Hash, Tokenize or Encrypt");
    }
    for (int i = 0; i < rules.size(); i++) {
      RuleDefinition rule = rules.get(i);
      int number = i + 1;
      if (rule.action() == null) {
        problems.add("rule " + number + " has no action");
        continue;
      }
      if (rule.fields().isEmpty()) problems.add("rule " + number + " names no fields");
      checkSettings(rule, number, problems);
      Set<String> seenInRule = new HashSet<>();
      for (String path : rule.fields()) {
        if (!seenInRule.add(path)) {
          problems.add("rule " + number + " lists '" + path + "' twice");
          continue;
        }
        FieldPath parsed = FieldPath.parse(path);
        if (parsed == null) {
          problems.add("rule " + number + ": '" + path + "' is not a field of the canonical contact" + suggestion(path));
          continue;
        }
        Object claim = parsed instanceof FieldPath.Leaf leaf ? leaf.field() : path;
        Integer earlier = claimedBy.putIfAbsent(claim, number);
        if (earlier != null) {
          RuleDefinition first = rules.get(earlier - 1);
          problems.add("'" + path + "' is named by rule " + earlier + " (" + first.action().apiName() + ") and rule "
              + number + " (" + rule.action().apiName() + "); name each field once");
          continue;
        }
        checkFits(rule, number, parsed, path, problems);
        if (parsed instanceof FieldPath.Leaf leaf) {
          resolution.leafRules.put(leaf.field(), rule);
        } else if (parsed instanceof FieldPath.Group group) {
          group.fields().forEach(f -> groupRules.put(f, rule));
        } else if (parsed instanceof FieldPath.CustomKey key) {
          resolution.customKeyRules.put(key.key(), rule);
        } else {
          resolution.allCustomRule = rule;
        }
      }
    }
    groupRules.forEach(resolution.leafRules::putIfAbsent);
    checkValidation(definition.validation(), problems);
    return resolution;
  }

  private static void checkSettings(RuleDefinition rule, int number, List<String> problems) {
    Action action = rule.action();
    MaskSettings mask = rule.mask();
    if (action == Action.MASK) {
      if (mask == null) {
        problems.add("rule " + number + ": Mask needs mask settings (keepFirst, keepLast, character)");
      } else {
        if (mask.keepFirst() < 0 || mask.keepLast() < 0) {
          problems.add("rule " + number + ": mask keepFirst and keepLast must not be negative");
        }
        String c = mask.character();
        if (c == null || c.isEmpty() || c.codePointCount(0, c.length()) != 1 || Character.isISOControl(c.codePointAt(0))) {
          problems.add("rule " + number + ": mask character must be exactly one visible character");
        }
      }
    } else if (mask != null) {
      problems.add("rule " + number + ": mask settings apply only to Mask, not " + action.apiName());
    }
    if (action != Action.HASH && rule.hashEncoding() != null) {
      problems.add("rule " + number + ": hash settings apply only to Hash, not " + action.apiName());
    }
    GeneralizeSettings generalize = rule.generalize();
    if (action == Action.GENERALIZE) {
      if (generalize == null || (generalize.date() == null) == (generalize.keepPrefix() == null)) {
        problems.add("rule " + number + ": Generalize needs exactly one of generalize.date or generalize.keepPrefix");
      } else if (generalize.keepPrefix() != null && generalize.keepPrefix() < 0) {
        problems.add("rule " + number + ": generalize.keepPrefix must not be negative");
      }
    } else if (generalize != null) {
      problems.add("rule " + number + ": generalize settings apply only to Generalize, not " + action.apiName());
    }
  }

  /** A date generalization only fits date fields. */
  private static void checkFits(RuleDefinition rule, int number, FieldPath path, String written, List<String> problems) {
    if (rule.action() != Action.GENERALIZE || rule.generalize() == null || rule.generalize().date() == null) return;
    boolean allDates = path instanceof FieldPath.Leaf leaf ? leaf.field().kind() == Field.Kind.DATE
        : path instanceof FieldPath.Group group && group.fields().stream().allMatch(f -> f.kind() == Field.Kind.DATE);
    if (!allDates) {
      problems.add("rule " + number + ": generalize.date applies to birthday and updatedAt, not '" + written
          + "'; use generalize.keepPrefix for text");
    }
  }

  private static void checkValidation(PolicyDefinition.ValidationSettings validation, List<String> problems) {
    if (validation.normalizePhones() && !PhoneNormalizer.isSupportedRegion(validation.phoneRegion())) {
      problems.add("validation.phone.defaultRegion '" + validation.phoneRegion()
          + "' is not a known ISO 3166-1 region (e.g. US, GB, DE)");
    }
    if (validation.maxFieldLength() < 1) problems.add("validation.maxFieldLength must be at least 1");
  }

  private static String suggestion(String path) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    List<String> known = new ArrayList<>();
    for (Field f : Field.values()) known.add(f.path());
    known.addAll(List.of("name", "emails[]", "phones[]", "addresses[]", "urls[]", "impp[]", "languages[]", "keys[]",
        "related[]", "otherOrganizations[]", "custom.*"));
    for (String candidate : known) {
      int d = distance(path, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, path.length() / 3) ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Builds each rule's transform once, with the primitives made from the keys. */
  private static final class TransformFactory {
    private final SyncKeys keys;
    private final Map<RuleDefinition, ValueTransform> built = new HashMap<>();
    /** One Encrypt writer for every Encrypt rule of the policy: one data key (one HPKE wrap) per compiled policy. */
    private HybridEncrypt envelopes;

    TransformFactory(SyncKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    ValueTransform of(RuleDefinition rule, Action defaultAction) throws GeneralSecurityException {
      if (rule == null) return of(defaultAction, null);
      ValueTransform t = built.get(rule);
      if (t == null && rule.action() != Action.DROP) {
        t = of(rule.action(), rule);
        built.put(rule, t);
      }
      return t;
    }

    private HybridEncrypt envelopes() throws GeneralSecurityException {
      if (envelopes == null) envelopes = keys.envelopeEncrypter();
      return envelopes;
    }

    private ValueTransform of(Action action, RuleDefinition rule) throws GeneralSecurityException {
      return switch (action) {
        case KEEP -> ValueTransforms.KEEP;
        case DROP -> null;
        case REDACT -> ValueTransforms.REDACT;
        case MASK -> ValueTransforms.mask(rule.mask().keepFirst(), rule.mask().keepLast(),
            rule.mask().character().codePointAt(0));
        case HASH -> ValueTransforms.hash(keys.hasher(),
            Objects.requireNonNullElse(rule == null ? null : rule.hashEncoding(), HashEncoding.HEX));
        case TOKENIZE -> ValueTransforms.tokenize(keys.tokenizer());
        case ENCRYPT -> ValueTransforms.encrypt(envelopes());
        case GENERALIZE -> rule.generalize().date() != null
            ? ValueTransforms.generalizeDate(rule.generalize().date())
            : ValueTransforms.keepPrefix(rule.generalize().keepPrefix());
      };
    }
  }
}
