package io.contactsync.operator.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes to the original stream and keeps a copy, so a test can scan what was logged. */
final class TeeOutputStream extends OutputStream {
  private final OutputStream original;
  private final ByteArrayOutputStream copy;

  TeeOutputStream(OutputStream original, ByteArrayOutputStream copy) {
    this.original = original;
    this.copy = copy;
  }

  @Override
  public void write(int b) throws IOException {
    original.write(b);
    synchronized (copy) {
      copy.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    original.write(b, off, len);
    synchronized (copy) {
      copy.write(b, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    original.flush();
  }
}
