package io.contactsync.privacy.policy;

/** What a rule does to a value. */
public enum Action {
  KEEP, DROP, REDACT, MASK, HASH, TOKENIZE, ENCRYPT, GENERALIZE;

  /** Parses the API's spelling (Keep, Drop …). */
  public static Action of(String apiName) {
    for (Action a : values()) {
      if (a.apiName().equals(apiName)) return a;
    }
    throw new IllegalArgumentException("unknown action '" + apiName + "'");
  }

  /** The spelling used in the API and in messages. */
  public String apiName() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
