package io.contactsync.privacy.keys;

/** The keysets of a policy, each with the file (or Secret key) name it is stored under. */
public enum KeyPurpose {
  /** AES-SIV DeterministicAead behind Tokenize. */
  TOKENIZE("tokenize.json", true),
  /** HMAC-SHA256 behind Hash. */
  HASH("hash.json", true),
  /** AES-256-GCM Aead behind Encrypt. */
  ENCRYPT("encrypt.json", true),
  /** HMAC-SHA256 that derives destination record ids; never rotated, or every record would be written anew. */
  RECORD_ID("record-id.json", false);

  private final String fileName;
  private final boolean rotatable;

  KeyPurpose(String fileName, boolean rotatable) {
    this.fileName = fileName;
    this.rotatable = rotatable;
  }

  public String fileName() { return fileName; }

  public boolean rotatable() { return rotatable; }

  /** The lower-case name used on the command line (tokenize, hash, encrypt, record-id). */
  public String cliName() { return fileName.substring(0, fileName.length() - ".json".length()); }

  public static KeyPurpose ofCliName(String name) {
    for (KeyPurpose p : values()) {
      if (p.cliName().equals(name)) return p;
    }
    throw new IllegalArgumentException("unknown key purpose '" + name + "' (tokenize, hash, encrypt or record-id)");
  }
}
