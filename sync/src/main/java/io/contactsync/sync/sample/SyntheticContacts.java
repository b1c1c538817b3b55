package io.contactsync.sync.sample;

import io.contactsync.privacy.contact.Address;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.Name;
import io.contactsync.privacy.contact.TypedValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic, clearly fake contacts: reserved example domains, fictional phone ranges (North American 555-01xx,
 * UK Ofcom drama numbers 020 7946 0xxx) and a note saying so. One in every 50 has an invalid email and one in every
 * 70 an invalid phone number, so a run shows quarantine at work.
 */
public final class SyntheticContacts implements Iterator<Contact> {
  private static final List<String> GIVEN = List.of("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances",
      "John", "Margaret", "Dennis", "Radia", "Ken", "Sophie", "Tim", "Hedy", "Claude", "Karen", "Niklaus", "Annie",
      "Linus", "Shafi", "Leslie", "Jean", "Tony", "Lynn", "Guido", "Mary", "Bjarne", "Evelyn", "Whitfield");
  private static final List<String> FAMILY = List.of("Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth",
      "Allen", "McCarthy", "Hamilton", "Ritchie", "Perlman", "Thompson", "Wilson", "Berners-Lee", "Lamarr", "Shannon",
      "Jones", "Wirth", "Easley", "Torvalds", "Goldwasser", "Lamport", "Bartik", "Hoare", "Conway", "van Rossum",
      "Keller", "Stroustrup", "Boyd", "Diffie");
  private static final List<String> CITIES = List.of("Springfield", "Riverton", "Fairview", "Greenville", "Lakeside",
      "Franklin", "Clinton", "Madison", "Georgetown", "Salem");
  private static final List<String> STREETS = List.of("Example Street", "Sample Avenue", "Test Road", "Demo Lane",
      "Placeholder Way", "Fictional Close");
  private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net");
  private static final List<String> COMPANIES = List.of("Example Corp", "Sample Industries", "Demo Analytics",
      "Placeholder Systems", "Fictional Engines Ltd");
  private static final List<String> TITLES = List.of("Engineer", "Director", "Analyst", "Consultant", "Manager");
  private static final List<String> CATEGORIES = List.of("customer", "partner", "vip", "newsletter", "prospect");
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final long seed;
  private final int count;
  private int next;

  public SyntheticContacts(long seed, int count) {
    this.seed = seed;
    this.count = count;
  }

  @Override
  public boolean hasNext() {
    return next < count;
  }

  @Override
  public Contact next() {
    if (!hasNext()) throw new NoSuchElementException();
    return contact(next++);
  }

  /** The i-th contact of this seed; the same every time. */
  public Contact contact(int i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    String given = pick(r, GIVEN);
    String family = pick(r, FAMILY);
    boolean uk = r.nextInt(10) < 3;
    Contact c = new Contact();
    c.setId(String.format(Locale.ROOT, "synthetic-%d-%07d", seed, i));
    c.setName(new Name(null, given, null, family, null));
    c.setFormattedName(given + " " + family);
    String local = (given + "." + family).toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "") + "." + i;
    String email = i % 50 == 49 ? local + ".at." + pick(r, DOMAINS) : local + "@" + pick(r, DOMAINS);
    c.getEmails().add(new TypedValue(r.nextBoolean() ? "work" : "home", email));
    String phone = uk ? String.format(Locale.ROOT, "+44 20 7946 0%03d", r.nextInt(1000))
        : String.format(Locale.ROOT, "(%d) 555-01%02d", 201 + r.nextInt(8) * 100 + r.nextInt(10), r.nextInt(100));
    c.getPhones().add(new TypedValue("mobile", i % 70 == 69 ? "555-01" : phone));
    String postal = uk ? String.format(Locale.ROOT, "SW%d%s %d%s", 1 + r.nextInt(20), "ABCDEFGH".charAt(r.nextInt(8)),
        r.nextInt(10), "AB") : String.format(Locale.ROOT, "%05d", r.nextInt(100_000));
    c.getAddresses().add(new Address("home", (1 + r.nextInt(999)) + " " + pick(r, STREETS), pick(r, CITIES),
        uk ? null : "XX", postal, uk ? "GB" : "US"));
    c.setOrganization(pick(r, COMPANIES));
    c.setTitle(pick(r, TITLES));
    c.setBirthday(LocalDate.of(1940 + r.nextInt(65), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString());
    c.setNotes("Synthetic contact " + i + ", not a real person.");
    c.getCategories().add(pick(r, CATEGORIES));
    c.getCustom().put("crmId", String.format(Locale.ROOT, "CRM-%07d", i));
    c.setUpdatedAt(EPOCH.plusSeconds(i * 37L).toString());
    return c;
  }

  private static String pick(SplittableRandom r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }
}
