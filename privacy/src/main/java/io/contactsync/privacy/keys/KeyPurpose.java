package io.contactsync.privacy.keys;

/** The keysets of a policy, each with the file (or Secret key) name it is stored under. */
public enum KeyPurpose {
  /** AES-SIV DeterministicAead behind Tokenize; pods get a key derived for their scope (see {@link KeyScope}). */
  TOKENIZE("tokenize.json", "tokenize", true),
  /** HMAC-SHA256 behind Hash; pods get a key derived for their scope. */
  HASH("hash.json", "hash", true),
  /** The HPKE private keyset behind Encrypt; only its public half ever reaches a pod. */
  ENCRYPT("encrypt-private.json", "encrypt", true),
  /**
   * HMAC-SHA256 that derives destination record ids; never rotated and never scoped, or every record would be
   * written anew (scoping it would change every record id too).
   */
  RECORD_ID("record-id.json", "record-id", false);

  /**
   * The AES-256-GCM keyset Encrypt used before it became HPKE: kept in keys made before, so their ciphertexts still
   * reveal; never in a pod, never rotated, never made for new keys.
   */
  public static final String LEGACY_ENCRYPT_FILE = "encrypt.json";

  private final String fileName;
  private final String cliName;
  private final boolean rotatable;

  KeyPurpose(String fileName, String cliName, boolean rotatable) {
    this.fileName = fileName;
    this.cliName = cliName;
    this.rotatable = rotatable;
  }

  public String fileName() { return fileName; }

  public boolean rotatable() { return rotatable; }

  /** The lower-case name used on the command line (tokenize, hash, encrypt, record-id). */
  public String cliName() { return cliName; }

  public static KeyPurpose ofCliName(String name) {
    for (KeyPurpose p : values()) {
      if (p.cliName().equals(name)) return p;
    }
    throw new IllegalArgumentException("unknown key purpose '" + name + "' (tokenize, hash, encrypt or record-id)");
  }
}
