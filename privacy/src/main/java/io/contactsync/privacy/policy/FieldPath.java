package io.contactsync.privacy.policy;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed field path of a rule: a leaf (name.given), a group (name, emails[], addresses[]), one custom value
 * (custom.crmId) or every custom value (custom.*). More specific paths win over groups.
 */
public sealed interface FieldPath {
  Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Leaves and single custom keys are specific; groups and custom.* are not. */
  boolean specific();

  record Leaf(Field field) implements FieldPath {
    public boolean specific() { return true; }
  }

  record Group(String path, Set<Field> fields) implements FieldPath {
    public boolean specific() { return false; }
  }

  record CustomKey(String key) implements FieldPath {
    public boolean specific() { return true; }
  }

  record AllCustom() implements FieldPath {
    public boolean specific() { return false; }
  }

  /** Parses a path, or returns null when it names nothing in the canonical contact. */
  static FieldPath parse(String path) {
    if (path == null) return null;
    for (Field f : Field.values()) {
      if (f.path().equals(path)) return new Leaf(f);
    }
    switch (path) {
      case "name":
        return new Group(path, Field.group("name."));
      case "emails[]":
        return new Group(path, Field.group("emails[]."));
      case "phones[]":
        return new Group(path, Field.group("phones[]."));
      case "addresses[]":
        return new Group(path, Field.group("addresses[]."));
      case "urls[]", "impp[]", "languages[]", "keys[]", "related[]", "otherOrganizations[]":
        return new Group(path, Field.group(path + "."));
      case "custom.*":
        return new AllCustom();
      default:
        if (path.startsWith("custom.") && CUSTOM_KEY.matcher(path.substring(7)).matches()) {
          return new CustomKey(path.substring(7));
        }
        return null;
    }
  }
}
