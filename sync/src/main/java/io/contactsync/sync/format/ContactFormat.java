package io.contactsync.sync.format;

import io.contactsync.api.v1alpha1.FileFormat;
import io.contactsync.privacy.contact.Contact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/** A file format of the file connector. */
public interface ContactFormat {
  ContactReader reader(InputStream in) throws IOException;

  /** Writes a whole file; CSV needs every record to know its columns. */
  void write(Collection<Contact> contacts, OutputStream out) throws IOException;

  /** Whether a value may run as a formula where files of this format are opened (a spreadsheet). */
  default boolean formulasRun() {
    return false;
  }

  /** A contact as reading what write wrote gives it, where the format adds to it; the contact itself elsewhere. */
  default Contact readBack(Contact written) {
    return written;
  }

  /** The format of a file: the declared one, else by extension. */
  static ContactFormat of(Path path, FileFormat declared) {
    FileFormat format = declared != null ? declared : byExtension(path);
    return switch (format) {
      case Jsonl -> new JsonlFormat();
      case Csv -> new CsvFormat();
      case Vcard -> new VcardFormat();
    };
  }

  static FileFormat byExtension(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return FileFormat.Jsonl;
    if (name.endsWith(".csv")) return FileFormat.Csv;
    if (name.endsWith(".vcf") || name.endsWith(".vcard")) return FileFormat.Vcard;
    throw new UnsupportedFormatException("cannot tell the format of '" + path.getFileName()
        + "': use a .jsonl, .csv or .vcf extension, or set format (Jsonl, Csv, Vcard)");
  }

  /** A file whose format is unknown; a configuration error. */
  final class UnsupportedFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(String message) {
      super(message);
    }
  }
}
