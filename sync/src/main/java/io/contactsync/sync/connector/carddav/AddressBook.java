package io.contactsync.sync.connector.carddav;

import java.io.IOException;
import java.net.URI;

/** Finds the address book collection a URL means: the URL itself, or the first one in the user's home set. */
final class AddressBook {
  private AddressBook() {}

  static URI locate(DavClient dav, URI url) throws IOException {
    URI base = url.getPath().endsWith("/") ? url : URI.create(url + "/");
    var self = dav.propfind(base, 0, "<d:resourcetype/><d:current-user-principal/>");
    if (self.entries().stream().anyMatch(e -> "addressbook".equals(e.data()))) return base;
    var children = dav.propfind(base, 1, "<d:resourcetype/>");
    for (DavClient.Entry e : children.entries()) {
      if ("addressbook".equals(e.data())) return dav.onOrigin(base, e.href(), "an address book");
    }
    throw new IOException("no CardDAV address book at " + base.getPath() + " or directly below it; "
        + "point url at an address book collection");
  }
}
