package io.contactsync.privacy.sanitize;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The common phone numbers, validated and formatted as E.164 without libphonenumber's regex engine, giving exactly
 * libphonenumber's answer: the same metadata, the same steps of parse and isValidNumber, with each pattern run as a
 * {@link DigitPattern}. It takes only inputs whose meaning is plain (digits, spaces, ( ) - . and one leading +, no
 * international or national prefix, no leading zero, a calling code with regions) and says {@link #UNDECIDED} for
 * everything else, which then goes to libphonenumber. PhoneFastPathTest compares the two on generated and
 * hand-picked numbers of many regions.
 */
final class PhoneFastPath {
  /** Not for the fast path: ask libphonenumber. */
  static final String UNDECIDED = new String("undecided");
  /** The national significant number's bounds in parse (MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN). */
  private static final int MIN_NSN = 2;
  private static final int MAX_NSN = 17;
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** Every calling code, and those without a region (800, 808 …); looked up once, not per number. */
  private static final Set<Integer> CALLING_CODES = Set.copyOf(UTIL.getSupportedCallingCodes());
  private static final Set<Integer> NON_GEOGRAPHIC = Set.copyOf(UTIL.getSupportedGlobalNetworkCallingCodes());
  private static final MetadataSource METADATA =
      DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  /** Per calling code, its regions' rules, in libphonenumber's order; absent where the fast path cannot decide. */
  private static final Map<Integer, List<RegionRules>> BY_CALLING_CODE = new ConcurrentHashMap<>();
  private static final List<RegionRules> NONE = List.of();

  private final RegionRules home;
  private final Pattern homeInternationalPrefix;

  PhoneFastPath(String defaultRegion) {
    List<RegionRules> rules = rulesFor(UTIL.getCountryCodeForRegion(defaultRegion));
    this.home = rules.stream().filter(r -> r.region.equals(defaultRegion)).findFirst().orElse(null);
    PhoneMetadata metadata = METADATA.getMetadataForRegion(defaultRegion);
    this.homeInternationalPrefix = metadata == null ? null : Pattern.compile(metadata.getInternationalPrefix());
  }

  /** The number as E.164, null when libphonenumber would call it invalid, or {@link #UNDECIDED}. */
  String toE164(String input) {
    StringBuilder digits = new StringBuilder(16);
    boolean plus = false;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c >= '0' && c <= '9') digits.append(c);
      else if (c == '+' && !plus && digits.length() == 0) plus = true;
      else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') return UNDECIDED;
    }
    if (digits.length() == 0 || digits.charAt(0) == '0') return UNDECIDED;
    int callingCode;
    String national;
    List<RegionRules> regions;
    if (plus) {
      callingCode = 0;
      national = null;
      regions = NONE;
      for (int length = 1; length <= 3 && length < digits.length(); length++) {
        int candidate = Integer.parseInt(digits.substring(0, length));
        if (CALLING_CODES.contains(candidate)) {
          callingCode = candidate;
          national = digits.substring(length);
          regions = rulesFor(candidate);
          break;
        }
      }
      if (regions.isEmpty() || !regions.get(0).plainNationalNumber(national)) return UNDECIDED;
    } else {
      if (home == null || homeInternationalPrefix == null) return UNDECIDED;
      national = digits.toString();
      callingCode = home.callingCode;
      if (homeInternationalPrefix.matcher(national).lookingAt() || national.startsWith(Integer.toString(callingCode))
          || !home.plainNationalNumber(national)) {
        return UNDECIDED;
      }
      regions = rulesFor(callingCode);
    }
    return valid(national, regions) ? "+" + callingCode + national : null;
  }

  /** isValidNumber: the region the number belongs to (leading digits, else the first whose types match), then its types. */
  private static boolean valid(String national, List<RegionRules> regions) {
    if (regions.size() == 1) return regions.get(0).anyType(national);
    for (RegionRules region : regions) {
      if (region.leadingDigits != null) {
        if (region.leadingDigits.matchesPrefix(national)) return region.anyType(national);
      } else if (region.anyType(national)) {
        return true;
      }
    }
    return false;
  }

  private static List<RegionRules> rulesFor(int callingCode) {
    return BY_CALLING_CODE.computeIfAbsent(callingCode, code -> {
      if (NON_GEOGRAPHIC.contains(code)) return NONE;
      List<RegionRules> rules = new ArrayList<>();
      for (String region : UTIL.getRegionCodesForCountryCode(code)) {
        PhoneMetadata metadata = METADATA.getMetadataForRegion(region);
        RegionRules compiled = metadata == null ? null : RegionRules.of(region, metadata);
        if (compiled == null) return NONE;
        rules.add(compiled);
      }
      return List.copyOf(rules);
    });
  }

  /** One region's metadata, compiled. */
  private static final class RegionRules {
    final String region;
    final int callingCode;
    final DigitPattern leadingDigits;
    final Pattern nationalPrefixForParsing;
    final Desc general;
    final List<Desc> types;

    private RegionRules(String region, int callingCode, DigitPattern leadingDigits, Pattern nationalPrefixForParsing,
        Desc general, List<Desc> types) {
      this.region = region;
      this.callingCode = callingCode;
      this.leadingDigits = leadingDigits;
      this.nationalPrefixForParsing = nationalPrefixForParsing;
      this.general = general;
      this.types = types;
    }

    /** The compiled rules, or null when a pattern is outside what DigitPattern reads. */
    static RegionRules of(String region, PhoneMetadata m) {
      DigitPattern leading = null;
      if (!m.getLeadingDigits().isEmpty()) {
        leading = DigitPattern.compile(m.getLeadingDigits());
        if (leading == null) return null;
      }
      Desc general = Desc.of(m.getGeneralDesc());
      List<Desc> types = new ArrayList<>();
      // getNumberTypeHelper's order; mobile only counts apart from fixed line when their patterns differ
      for (PhoneNumberDesc desc : List.of(m.getPremiumRate(), m.getTollFree(), m.getSharedCost(), m.getVoip(),
          m.getPersonalNumber(), m.getPager(), m.getUan(), m.getVoicemail(), m.getFixedLine(), m.getMobile())) {
        Desc compiled = Desc.of(desc);
        if (compiled == null) return null;
        types.add(compiled);
      }
      if (general == null) return null;
      String prefix = m.getNationalPrefixForParsing();
      return new RegionRules(region, m.getCountryCode(), leading, prefix.isEmpty() ? null : Pattern.compile(prefix),
          general, types);
    }

    /**
     * A national number parse takes as it is: within the length bounds, and nothing at its start that parse would
     * strip as a national prefix or carrier code.
     */
    boolean plainNationalNumber(String national) {
      return national != null && national.length() >= MIN_NSN && national.length() <= MAX_NSN && national.charAt(0) != '0'
          && (nationalPrefixForParsing == null || !nationalPrefixForParsing.matcher(national).lookingAt());
    }

    /** getNumberTypeHelper(...) != UNKNOWN. */
    boolean anyType(String national) {
      if (!general.matches(national)) return false;
      for (Desc type : types) if (type.matches(national)) return true;
      return false;
    }
  }

  /** isNumberMatchingDesc: the possible lengths, then the whole national number against the pattern. */
  private record Desc(int[] possibleLengths, DigitPattern pattern) {
    static Desc of(PhoneNumberDesc desc) {
      int[] lengths = desc.getPossibleLengthList().stream().mapToInt(Integer::intValue).toArray();
      if (desc.getNationalNumberPattern().isEmpty()) return new Desc(lengths, null);
      DigitPattern pattern = DigitPattern.compile(desc.getNationalNumberPattern());
      return pattern == null ? null : new Desc(lengths, pattern);
    }

    boolean matches(String national) {
      if (possibleLengths.length > 0) {
        boolean possible = false;
        for (int length : possibleLengths) possible |= length == national.length();
        if (!possible) return false;
      }
      return pattern != null && pattern.matches(national);
    }
  }
}
