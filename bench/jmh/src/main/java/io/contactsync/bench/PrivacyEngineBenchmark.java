package io.contactsync.bench;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.Mac;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.policy.PolicyOutcome;
import io.contactsync.privacy.sanitize.PhoneNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The privacy engine on the reference policy, one contact per operation, next to the raw cost of the primitives it
 * calls on the same values: Tink AES-SIV on the emails, HMAC-SHA256 on the organizations, Encrypt's envelope on the
 * CRM ids (AES-256-GCM under the run's data key, with its header) and libphonenumber (parse, validate, format E.164)
 * on the phones, and the same with the engine's phone fast path. Throughput in contacts per second; run with -t 1
 * and -t 2. The engine's overhead is primitives/engine. {@code hpke} is what Encrypt cost per value before
 * envelopes, and now costs once per run (the data key's wrap).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PrivacyEngineBenchmark {
  private static final byte[] NO_ASSOCIATED_DATA = new byte[0];
  private static final byte[] CRM_ID_PATH = "custom.crmId".getBytes(StandardCharsets.UTF_8);
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private ReferenceWorkload workload;
  private Contact[] contacts;
  private byte[][] emails;
  private byte[][] organizations;
  private byte[][] crmIds;
  private String[] phones;
  private DeterministicAead aesSiv;
  private Mac hmac;
  private HybridEncrypt hpke;
  private HybridEncrypt envelope;
  private final PhoneNormalizer fastPhones = new PhoneNormalizer("US");

  /** Each thread walks the contacts on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int advance() {
      return next++ & (ReferenceWorkload.CONTACTS - 1);
    }
  }

  @Setup
  public void setUp() throws Exception {
    workload = new ReferenceWorkload();
    contacts = workload.contacts;
    int n = contacts.length;
    emails = new byte[n][];
    organizations = new byte[n][];
    crmIds = new byte[n][];
    phones = new String[n];
    for (int i = 0; i < n; i++) {
      emails[i] = contacts[i].getEmails().get(0).getValue().getBytes(StandardCharsets.UTF_8);
      organizations[i] = contacts[i].getOrganization().getBytes(StandardCharsets.UTF_8);
      crmIds[i] = contacts[i].getCustom().get("crmId").getBytes(StandardCharsets.UTF_8);
      phones[i] = contacts[i].getPhones().get(0).getValue();
    }
    var writer = workload.keys.forScope(io.contactsync.privacy.keys.KeyScope.policy());
    aesSiv = writer.tokenizer();
    hmac = writer.hasher();
    hpke = writer.encrypter();
    envelope = writer.envelopeEncrypter();
  }

  @Benchmark
  public PolicyOutcome engine(Cursor cursor) {
    return workload.policy.apply(contacts[cursor.advance()]);
  }

  /** Every primitive the engine runs on one contact, called directly, phones through libphonenumber. */
  @Benchmark
  public void primitives(Cursor cursor, Blackhole sink) throws GeneralSecurityException {
    int i = cursor.advance();
    cryptoPrimitives(i, sink);
    sink.consume(libphonenumberE164(phones[i]));
  }

  /** The same, with the phone step the engine takes (libphonenumber's answer through the fast path). */
  @Benchmark
  public void primitivesFastPhone(Cursor cursor, Blackhole sink) throws GeneralSecurityException {
    int i = cursor.advance();
    cryptoPrimitives(i, sink);
    sink.consume(fastPhones.toE164(phones[i]));
  }

  private void cryptoPrimitives(int i, Blackhole sink) throws GeneralSecurityException {
    sink.consume(aesSiv.encryptDeterministically(emails[i], NO_ASSOCIATED_DATA));
    sink.consume(hmac.computeMac(organizations[i]));
    sink.consume(envelope.encrypt(crmIds[i], CRM_ID_PATH));
  }

  @Benchmark
  public String phoneFastPath(Cursor cursor) {
    return fastPhones.toE164(phones[cursor.advance()]);
  }

  @Benchmark
  public byte[] aesSiv(Cursor cursor) throws GeneralSecurityException {
    return aesSiv.encryptDeterministically(emails[cursor.advance()], NO_ASSOCIATED_DATA);
  }

  @Benchmark
  public byte[] hmac(Cursor cursor) throws GeneralSecurityException {
    return hmac.computeMac(organizations[cursor.advance()]);
  }

  /** Encrypt per value: AES-256-GCM under the data key, in the envelope (the key is wrapped on first use only). */
  @Benchmark
  public byte[] envelope(Cursor cursor) throws GeneralSecurityException {
    return envelope.encrypt(crmIds[cursor.advance()], CRM_ID_PATH);
  }

  /** One HPKE encryption (an X25519 key agreement): Encrypt's cost once per run, for the data key's wrap. */
  @Benchmark
  public byte[] hpke(Cursor cursor) throws GeneralSecurityException {
    return hpke.encrypt(crmIds[cursor.advance()], CRM_ID_PATH);
  }

  @Benchmark
  public String libphonenumber(Cursor cursor) {
    return libphonenumberE164(phones[cursor.advance()]);
  }

  static String libphonenumberE164(String number) {
    try {
      PhoneNumber parsed = PHONES.parse(number, "US");
      return PHONES.isValidNumber(parsed) ? PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }
}
