package io.contactsync.privacy.policy;

/** What one action does to one clean, non-empty value. */
@FunctionalInterface
public interface ValueTransform {
  /**
   * @param value the sanitized value, never null or empty
   * @param fieldPath the value's field path (name.given, custom.crmId …), bound into ciphertexts
   * @return the value that leaves, or null when nothing does
   */
  String apply(String value, String fieldPath);
}
