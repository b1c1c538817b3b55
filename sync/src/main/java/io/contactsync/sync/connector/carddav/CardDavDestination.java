package io.contactsync.sync.connector.carddav;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.connector.ContactDestination;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.connector.Ownership;
import io.contactsync.sync.format.VcardFormat;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes one vCard per record at &lt;address book&gt;/&lt;record id&gt;.vcf: a new card with If-None-Match: *, an existing
 * one with If-Match on the ETag the run listed, so a concurrent change is detected and not overwritten. Requests run
 * in parallel (CardDAV servers are slow per request). Cards are visible as they are written; a repeated run writes
 * the same cards again. Every card carries X-CONTACTSYNC-OWNER, this sync's mark; deletes and sweeps touch only cards
 * with this sync's mark, never others in the book (another sync's, a person's, or an unmarked one written before the
 * mark existed). Deletes wait until commit, so the mass-deletion guard can refuse them all before any is made.
 */
public final class CardDavDestination implements ContactDestination {
  private static final Pattern OWN_CARD = Pattern.compile(".*/[A-Za-z0-9_-]{22}\\.vcf");
  private static final int PARALLEL = 4;
  static final String OWNER_PROPERTY = "X-CONTACTSYNC-OWNER";
  private static final Pattern OWNER_LINE = Pattern.compile("(?m)^" + OWNER_PROPERTY + ":([A-Za-z0-9_-]+)\\r?$");
  private final String name;
  private final CardDavConnector spec;
  private final DavClient dav;
  private final Ownership ownership;
  /** The owner mark of each card as listed or written, by path. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  /** This sync's cards a delete named: deleted at commit. */
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();
  private long ownedAtBegin;
  private final Map<String, String> etags = new ConcurrentHashMap<>();
  /** The cards this connector named, as the server holds them: an equal card is not written again. */
  private final Map<String, Contact> current = new ConcurrentHashMap<>();
  private final AtomicLong unchanged = new AtomicLong();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong updated = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private URI book;
  private ExecutorService pool;

  public CardDavDestination(String name, Ownership ownership, CardDavConnector spec, Credentials credentials)
      throws IOException {
    this.name = name;
    this.ownership = ownership;
    this.spec = spec;
    this.dav = new DavClient("destination '" + name + "' (carddav " + URI.create(spec.getUrl()).getHost() + ")",
        URI.create(spec.getUrl()), credentials);
  }

  @Override
  public String target() {
    URI u = URI.create(spec.getUrl());
    return "carddav " + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath();
  }

  @Override
  public void begin() throws IOException {
    etags.clear();
    current.clear();
    seen.clear();
    owners.clear();
    deleting.clear();
    created.set(0);
    updated.set(0);
    unchanged.set(0);
    deleted.set(0);
    book = AddressBook.locate(dav, URI.create(spec.getUrl()));
    for (DavClient.Entry e : dav.propfind(book, 1, "<d:getetag/>").entries()) {
      if (e.href() != null && e.etag() != null && !book.getPath().equals(e.href())) etags.put(path(e.href()), e.etag());
    }
    List<String> own = etags.keySet().stream().filter(p -> OWN_CARD.matcher(p).matches()).toList();
    for (int i = 0; i < own.size(); i += 100) {
      for (DavClient.Entry e : dav.report(book, DavClient.multiget(own.subList(i, Math.min(own.size(), i + 100)))).entries()) {
        if (e.status() != 200 || e.data() == null) continue;
        var owner = OWNER_LINE.matcher(e.data());
        if (owner.find()) owners.put(path(e.href()), owner.group(1));
        try {
          Contact card = VcardFormat.parse(e.data());
          if (card != null) current.put(path(e.href()), card);
        } catch (RuntimeException unreadable) {
          // a card it cannot read is simply written again
        }
      }
    }
    ownedAtBegin = owners.values().stream().filter(ownership.mark()::equals).count();
    pool = Executors.newFixedThreadPool(PARALLEL, r -> {
      Thread t = new Thread(r, "carddav-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void upsert(List<Contact> records) throws IOException {
    List<Future<?>> writes = new ArrayList<>();
    for (Contact c : records) {
      writes.add(pool.submit(() -> {
        URI card = book.resolve(c.getId() + ".vcf");
        String etag = etags.get(card.getPath());
        seen.add(card.getPath());
        if (etag != null && VcardFormat.asRead(c).equals(current.get(card.getPath()))
            && ownership.mark().equals(owners.get(card.getPath()))) {
          unchanged.incrementAndGet();
          return null;
        }
        try {
          dav.put(card, marked(VcardFormat.write(c)), etag).ifPresent(t -> etags.put(card.getPath(), t));
          owners.put(card.getPath(), ownership.mark()); // the last writer owns the card
        } catch (DavClient.StatusException e) {
          if (e.status == 412) {
            throw new IOException("destination '" + name + "': a card was changed by someone else since this run "
                + "listed the address book; it was not overwritten, and the next run writes it again");
          }
          throw e;
        }
        (etag == null ? created : updated).incrementAndGet();
        return null;
      }));
    }
    await(writes);
  }

  @Override
  public void delete(Collection<String> recordIds) throws IOException {
    for (String id : recordIds) {
      String card = book.resolve(id + ".vcf").getPath();
      seen.add(card);
      if (ours(card)) deleting.add(card);
    }
  }

  @Override
  public void retain(Collection<String> recordIds) {
    for (String id : recordIds) seen.add(book.resolve(id + ".vcf").getPath());
  }

  @Override
  public WriteCounts commit(boolean sweep) throws IOException {
    try {
      Set<String> doomed = new HashSet<>(deleting);
      if (sweep) {
        for (String path : etags.keySet()) if (!seen.contains(path) && ours(path)) doomed.add(path);
      }
      ownership.checkDeletes(name, doomed.size(), ownedAtBegin);
      for (String path : doomed) {
        dav.delete(book.resolve(path), etags.remove(path));
        deleted.incrementAndGet();
      }
      return new WriteCounts(created.get(), updated.get(), unchanged.get(), deleted.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Whether this sync's mark is on the card: the only cards it deletes. */
  private boolean ours(String path) {
    return etags.containsKey(path) && OWN_CARD.matcher(path).matches() && ownership.mark().equals(owners.get(path));
  }

  /** The card with this sync's mark, as the last property. */
  private String marked(String vcard) {
    int end = vcard.lastIndexOf("END:VCARD");
    return vcard.substring(0, end) + OWNER_PROPERTY + ":" + ownership.mark() + "\r\n" + vcard.substring(end);
  }

  private static String path(String href) {
    return URI.create(href).getPath();
  }

  private static void await(List<Future<?>> writes) throws IOException {
    IOException first = null;
    for (Future<?> w : writes) {
      try {
        w.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof IOException io ? io : new IOException("a write failed: " + e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
    if (first != null) throw first;
  }
}
