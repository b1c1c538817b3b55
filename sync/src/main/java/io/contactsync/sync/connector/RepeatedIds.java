package io.contactsync.sync.connector;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds the records of one read whose id an earlier record already had, exactly, in bounded memory: the ids of a
 * run of records are sorted and spilled to a temporary file, and the runs are merged at the end. Memory holds one
 * run and the repeats found; disk holds every id once. The first record with an id is never a repeat.
 */
final class RepeatedIds implements Closeable {
  private static final Comparator<Entry> BY_ID_THEN_ORDINAL =
      Comparator.comparing(Entry::id).thenComparingLong(Entry::ordinal);
  private final int idsPerRun;
  private final List<Entry> run = new ArrayList<>();
  private final List<Path> spilled = new ArrayList<>();
  private long next;

  private record Entry(String id, long ordinal) {}

  RepeatedIds(int idsPerRun) {
    this.idsPerRun = idsPerRun;
  }

  /** The id of the next record (records are numbered from 0 in the order they are added). */
  void add(String id) throws IOException {
    run.add(new Entry(id, next++));
    if (run.size() >= idsPerRun) spill();
  }

  /** The numbers of the records whose id came before, ascending. */
  long[] repeats() throws IOException {
    Repeats found = new Repeats();
    if (spilled.isEmpty()) {
      run.sort(BY_ID_THEN_ORDINAL);
      for (Entry e : run) found.offer(e);
    } else {
      if (!run.isEmpty()) spill();
      merge(found);
    }
    run.clear();
    return found.sorted();
  }

  private void spill() throws IOException {
    run.sort(BY_ID_THEN_ORDINAL);
    Path file = Files.createTempFile("contactsync-ids-", ".run");
    spilled.add(file);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (Entry e : run) {
        byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
        out.writeInt(id.length);
        out.write(id);
        out.writeLong(e.ordinal());
      }
    }
    run.clear();
  }

  private void merge(Repeats found) throws IOException {
    List<RunReader> readers = new ArrayList<>();
    try {
      PriorityQueue<RunReader> heads = new PriorityQueue<>(Comparator.comparing(RunReader::head, BY_ID_THEN_ORDINAL));
      for (Path file : spilled) {
        RunReader reader = new RunReader(file);
        readers.add(reader);
        if (reader.advance()) heads.add(reader);
      }
      while (!heads.isEmpty()) {
        RunReader smallest = heads.poll();
        found.offer(smallest.head());
        if (smallest.advance()) heads.add(smallest);
      }
    } finally {
      for (RunReader reader : readers) reader.close();
    }
  }

  @Override
  public void close() throws IOException {
    run.clear();
    for (Path file : spilled) Files.deleteIfExists(file);
    spilled.clear();
  }

  /** Sees entries in id order (and ordinal order within an id): every entry after the first of its id repeats it. */
  private static final class Repeats {
    private String previous;
    private long[] ordinals = new long[16];
    private int size;

    void offer(Entry e) {
      if (e.id().equals(previous)) {
        if (size == ordinals.length) ordinals = Arrays.copyOf(ordinals, size * 2);
        ordinals[size++] = e.ordinal();
      }
      previous = e.id();
    }

    long[] sorted() {
      long[] out = Arrays.copyOf(ordinals, size);
      Arrays.sort(out);
      return out;
    }
  }

  private static final class RunReader implements Closeable {
    private final DataInputStream in;
    private Entry head;

    RunReader(Path file) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    Entry head() {
      return head;
    }

    boolean advance() throws IOException {
      try {
        int length = in.readInt();
        String id = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        head = new Entry(id, in.readLong());
        return true;
      } catch (EOFException end) {
        return false;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
