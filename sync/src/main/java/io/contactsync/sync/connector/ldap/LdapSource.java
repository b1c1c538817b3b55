package io.contactsync.sync.connector.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoIntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoType;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import io.contactsync.api.v1alpha1.LdapConnector;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.connector.ContactSource;
import io.contactsync.sync.connector.Credentials;
import io.contactsync.sync.format.ReadItem;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Reads inetOrgPerson entries. Where the server offers content sync (RFC 4533, OpenLDAP's syncprov) an incremental
 * run sends the last cookie and gets only changes and deletions; a cookie the server no longer honours means a full
 * read. Elsewhere, entries whose modifyTimestamp is at or after the last run's are read (deletions then only reach
 * the destinations on full runs). A contact's id is its entryUUID, which survives renames.
 */
public final class LdapSource implements ContactSource {
  static final String COOKIE = "ldap.cookie";
  static final String TIMESTAMP = "ldap.modifyTimestamp";
  private static final String CONTENT_SYNC = "1.3.6.1.4.1.4203.1.9.1.1";
  private static final int SYNC_REFRESH_REQUIRED = 4096;
  private final LdapConnector spec;
  private final LdapEndpoint endpoint;
  private final LdapMapping mapping;

  public LdapSource(LdapConnector spec, Credentials credentials) {
    this.spec = spec;
    this.endpoint = new LdapEndpoint("the source", spec, credentials);
    this.mapping = new LdapMapping(spec.getAttributes());
  }

  @Override
  public String identity() {
    return "ldap:" + endpoint.where().substring("ldap ".length()) + "/" + spec.getBaseDn();
  }

  @Override
  public Result read(Map<String, String> checkpoint, Sink sink) throws IOException {
    try (LDAPConnection c = endpoint.connect()) {
      RootDSE root = c.getRootDSE();
      boolean contentSync = root != null && root.supportsControl(CONTENT_SYNC);
      return contentSync ? contentSync(c, checkpoint.get(COOKIE), sink) : byTimestamp(c, checkpoint.get(TIMESTAMP), sink);
    } catch (LDAPException e) {
      throw endpoint.failure("cannot read", e);
    }
  }

  private Result contentSync(LDAPConnection c, String cookie, Sink sink) throws LDAPException, IOException {
    Listener listener = new Listener(sink);
    SearchRequest request = new SearchRequest(listener, spec.getBaseDn(), SearchScope.SUB, filter(), mapping.attributes());
    request.addControl(new ContentSyncRequestControl(true, ContentSyncRequestMode.REFRESH_ONLY,
        cookie == null ? null : new ASN1OctetString(Base64.getDecoder().decode(cookie)), false));
    request.setIntermediateResponseListener(response -> {
      try {
        ContentSyncInfoIntermediateResponse info = ContentSyncInfoIntermediateResponse.decode(response);
        if (info.getType() == ContentSyncInfoType.SYNC_ID_SET && info.getEntryUUIDs() != null) {
          for (UUID id : info.getEntryUUIDs()) {
            if (info.refreshDeletes()) listener.deleted(id.toString()); else listener.unchanged(id.toString());
          }
        }
      } catch (LDAPException e) {
        listener.fail(new IOException("the server sent a content sync response this client cannot read"));
      }
    });
    SearchResult result;
    try {
      result = c.search(request);
    } catch (LDAPSearchException e) {
      if (cookie != null && e.getResultCode().intValue() == SYNC_REFRESH_REQUIRED) return contentSync(c, null, sink);
      throw e;
    }
    listener.rethrow();
    ContentSyncDoneControl done = ContentSyncDoneControl.get(result);
    String next = done == null || done.getCookie() == null ? null
        : Base64.getEncoder().encodeToString(done.getCookie().getValue());
    // without a cookie every entry came; with one, a present phase named every unchanged entry: both are complete
    boolean complete = cookie == null || listener.presentPhase;
    return new Result(complete, false, next == null ? Map.of() : Map.of(COOKIE, next));
  }

  private Result byTimestamp(LDAPConnection c, String since, Sink sink) throws LDAPException, IOException {
    Filter filter = since == null ? filter() : Filter.createANDFilter(filter(), Filter.createGreaterOrEqualFilter("modifyTimestamp", since));
    Listener listener = new Listener(sink);
    c.search(new SearchRequest(listener, spec.getBaseDn(), SearchScope.SUB, filter, mapping.attributes()));
    listener.rethrow();
    String latest = listener.latestTimestamp != null ? listener.latestTimestamp : since;
    return new Result(since == null, false, latest == null ? Map.of() : Map.of(TIMESTAMP, latest));
  }

  private Filter filter() throws LDAPException {
    return Filter.create(spec.getFilter() == null || spec.getFilter().isBlank() ? "(objectClass=inetOrgPerson)" : spec.getFilter());
  }

  /** Receives entries on the connection's thread and hands them to the sink; the first failure stops the rest. */
  private final class Listener implements SearchResultListener {
    private static final long serialVersionUID = 1L;
    private final transient Sink sink;
    private transient IOException failure;
    boolean presentPhase;
    String latestTimestamp;
    private long n;

    Listener(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      if (failure != null) return;
      try {
        ContentSyncStateControl state = ContentSyncStateControl.get(entry);
        String id = state != null ? state.getEntryUUID().toString() : entry.getAttributeValue("entryUUID");
        if (state != null && state.getState() == ContentSyncState.DELETE) {
          sink.deleted(id);
        } else if (state != null && state.getState() == ContentSyncState.PRESENT) {
          presentPhase = true;
          sink.unchanged(id);
        } else {
          Contact contact = mapping.toContact(entry);
          contact.setId(id);
          String ts = entry.getAttributeValue("modifyTimestamp");
          if (ts != null && (latestTimestamp == null || ts.compareTo(latestTimestamp) > 0)) latestTimestamp = ts;
          sink.accept(ReadItem.of(contact, "entry " + ++n));
        }
      } catch (IOException e) {
        failure = e;
      } catch (LDAPException e) {
        failure = new IOException("the server sent a content sync state this client cannot read");
      }
    }

    void deleted(String id) {
      if (failure != null) return;
      try {
        sink.deleted(id);
      } catch (IOException e) {
        failure = e;
      }
    }

    void unchanged(String id) {
      if (failure != null) return;
      presentPhase = true;
      try {
        sink.unchanged(id);
      } catch (IOException e) {
        failure = e;
      }
    }

    void fail(IOException e) {
      if (failure == null) failure = e;
    }

    void rethrow() throws IOException {
      if (failure != null) throw failure;
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {}
  }
}
