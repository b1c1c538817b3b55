package io.contactsync.privacy.sanitize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Parses, validates and formats phone numbers as E.164 with libphonenumber's metadata: common numbers through
 * {@link PhoneFastPath} (the same answer, several times faster), everything else through libphonenumber itself.
 */
public final class PhoneNormalizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** Longer input is not a phone number; libphonenumber would spend time on it for nothing. */
  private static final int MAX_INPUT = 64;

  private final String defaultRegion;
  private final PhoneFastPath fastPath;

  public PhoneNormalizer(String defaultRegion) {
    if (!isSupportedRegion(defaultRegion)) {
      throw new IllegalArgumentException("'" + defaultRegion + "' is not a region libphonenumber knows");
    }
    this.defaultRegion = defaultRegion;
    this.fastPath = new PhoneFastPath(defaultRegion);
  }

  public static boolean isSupportedRegion(String region) {
    return region != null && UTIL.getSupportedRegions().contains(region);
  }

  /** The number as E.164 (+4420…), or null when it is not a valid number. */
  public String toE164(String number) {
    if (number == null || number.length() > MAX_INPUT) return null;
    String fast = fastPath.toE164(number);
    return fast != PhoneFastPath.UNDECIDED ? fast : libphonenumberE164(number);
  }

  /** libphonenumber alone: parse, isValidNumber, format. */
  String libphonenumberE164(String number) {
    try {
      PhoneNumber parsed = UTIL.parse(number, defaultRegion);
      if (!UTIL.isValidNumber(parsed)) return null;
      return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      return null;
    }
  }
}
