package io.contactsync.sync.connector.carddav;

import io.contactsync.api.v1alpha1.CardDavConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.sanitize.QuarantineReason;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.format.ReadItem;
import io.contactsync.sync.format.VcardFormat;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an address book with sync-collection (RFC 6578): the first run lists everything and keeps the token, later
 * runs read only what changed and see deletions. A token the server rejects or has expired means a full listing,
 * after which records the run did not see are deleted at the destinations. A contact's id is its resource path.
 */
public final class CardDavSource implements ContactSource {
  static final String TOKEN = "carddav.syncToken";
  private static final Logger LOG = LoggerFactory.getLogger(CardDavSource.class);
  private static final int MULTIGET = 100;
  private final CardDavConnector spec;
  private final DavClient dav;

  public CardDavSource(CardDavConnector spec, Credentials credentials) throws IOException {
    this.spec = spec;
    this.dav = new DavClient("the source (carddav " + URI.create(spec.getUrl()).getHost() + ")", URI.create(spec.getUrl()),
        credentials);
  }

  @Override
  public String identity() {
    URI u = URI.create(spec.getUrl());
    return "carddav:" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath();
  }

  @Override
  public Result read(Map<String, String> checkpoint, Sink sink) throws IOException {
    URI book = AddressBook.locate(dav, URI.create(spec.getUrl()));
    String token = checkpoint.get(TOKEN);
    DavClient.MultiStatus changes;
    boolean full = token == null;
    try {
      changes = syncCollection(book, token);
    } catch (DavClient.StatusException e) {
      if (token == null || !(e.status == 403 || e.status == 409 || e.status == 412) || !e.body.contains("valid-sync-token")) {
        throw e;
      }
      LOG.info("the server no longer accepts the sync token (expired or invalid); reading the whole address book");
      full = true;
      changes = syncCollection(book, null);
    }
    List<String> changed = new ArrayList<>();
    for (DavClient.Entry e : changes.entries()) {
      if (e.status() == 404) {
        if (!full) sink.deleted(e.href());
      } else if (e.href() != null && !book.getPath().equals(e.href())) {
        changed.add(e.href());
      }
    }
    for (int i = 0; i < changed.size(); i += MULTIGET) {
      fetch(book, changed.subList(i, Math.min(changed.size(), i + MULTIGET)), sink);
    }
    return new Result(full, false, changes.syncToken() == null ? Map.of() : Map.of(TOKEN, changes.syncToken()));
  }

  private DavClient.MultiStatus syncCollection(URI book, String token) throws IOException {
    return dav.report(book, "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>"
        + (token == null ? "" : escape(token)) + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
        + "</d:sync-collection>");
  }

  private void fetch(URI book, List<String> hrefs, Sink sink) throws IOException {
    for (DavClient.Entry e : dav.report(book, DavClient.multiget(hrefs)).entries()) {
      if (e.status() != 200 || e.data() == null) continue;
      Contact contact;
      try {
        contact = VcardFormat.parse(e.data());
      } catch (RuntimeException ex) {
        contact = null;
      }
      if (contact == null) {
        sink.accept(ReadItem.quarantined(QuarantineReason.UNPARSEABLE, "a card of the address book"));
      } else {
        contact.setId(e.href());
        sink.accept(ReadItem.of(contact, "a card of the address book"));
      }
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
