package org.urbanmine.publish;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Looks for repeated keys among the 64-bit key hashes of a table's rows as the rows go by, so
 * that a table is checked while it is written ({@link TableAudit#metrics}) and not read back.
 * Its answer is a suspicion, never a verdict: 0 means no key repeats; anything else (a repeat,
 * two keys sharing a hash, or too many rows to tell) sends the audit to the table itself, which
 * compares the keys ({@link TableAudit#repeatedKeyValues}).
 *
 * <ul>
 *   <li>{@link #inOrder()}: for rows that arrive sorted by the key (a table whose file is sorted
 *       by it): equal keys are neighbours, so the aggregate counts runs of equal neighbouring
 *       hashes, in constant memory, on any number of rows. Where rows are split into ranges of
 *       the sort order, equal keys fall in the same range and the ranges' counts add up;
 *   <li>{@link #anyOrder()}: for rows in another order (recovery_records, sorted by country and
 *       year, keyed by source and record_id): the hashes seen, up to {@value #MAX_HASHES} of
 *       them; past that it answers -1 ("cannot tell"), and the audit groups the table's hashes.
 * </ul>
 */
final class KeyRepeats extends Aggregator<Long, KeyRepeats.Seen, Long> {
  /** Hashes {@link #anyOrder()} holds at most: 400 KB as longs, a few MB as a set. */
  static final int MAX_HASHES = 50_000;
  /** The answer of {@link #anyOrder()} for more rows than it holds. */
  static final long CANNOT_TELL = -1;

  private final boolean sorted;

  private KeyRepeats(boolean sorted) {
    this.sorted = sorted;
  }

  /** For rows that arrive in the order of their keys. */
  static KeyRepeats inOrder() {
    return new KeyRepeats(true);
  }

  /** For rows in any order, up to {@value #MAX_HASHES} of them. */
  static KeyRepeats anyOrder() {
    return new KeyRepeats(false);
  }

  /** What one task, or several merged, saw. */
  public static final class Seen implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Runs of equal neighbouring hashes ({@link #inOrder}), or hashes seen again ({@link #anyOrder}). */
    long repeats;
    boolean any;
    long last;
    boolean lastCounted;
    /** The hashes seen ({@link #anyOrder}); null once there were too many. */
    transient Set<Long> hashes = new HashSet<>();

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      out.writeInt(hashes == null ? -1 : hashes.size());
      if (hashes != null) {
        for (long h : hashes) {
          out.writeLong(h);
        }
      }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      int size = in.readInt();
      hashes = size < 0 ? null : new HashSet<>(Math.max(16, size * 2));
      for (int i = 0; i < size; i++) {
        hashes.add(in.readLong());
      }
    }
  }

  @Override
  public Seen zero() {
    return new Seen();
  }

  @Override
  public Seen reduce(Seen seen, Long hash) {
    if (sorted) {
      if (seen.any && seen.last == hash) {
        if (!seen.lastCounted) {
          seen.repeats++;
          seen.lastCounted = true;
        }
      } else {
        seen.any = true;
        seen.last = hash;
        seen.lastCounted = false;
      }
    } else if (seen.hashes != null) {
      if (!seen.hashes.add(hash)) {
        seen.repeats++;
      } else if (seen.hashes.size() > MAX_HASHES) {
        seen.hashes = null;
      }
    }
    return seen;
  }

  @Override
  public Seen merge(Seen a, Seen b) {
    // In order, the merged counts come from disjoint ranges of keys: they add up.
    a.repeats += b.repeats;
    if (!sorted) {
      if (a.hashes == null || b.hashes == null) {
        a.hashes = null;
      } else {
        for (long h : b.hashes) {
          if (!a.hashes.add(h)) {
            a.repeats++;
          }
        }
        if (a.hashes.size() > MAX_HASHES) {
          a.hashes = null;
        }
      }
    }
    return a;
  }

  @Override
  public Long finish(Seen seen) {
    return !sorted && seen.hashes == null ? CANNOT_TELL : seen.repeats;
  }

  @Override
  public Encoder<Seen> bufferEncoder() {
    return Encoders.javaSerialization(Seen.class);
  }

  @Override
  public Encoder<Long> outputEncoder() {
    return Encoders.LONG();
  }
}
