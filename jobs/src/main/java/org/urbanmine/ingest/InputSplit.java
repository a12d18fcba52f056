package org.urbanmine.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte range {@code [start, end)} of one input file, read by one task, with what the run
 * pinned of the file when it started (size, modification time, and on object stores the ETag):
 * every task checks them, so a file that changes during the run fails it.
 *
 * <p>A split owns the lines whose preceding line break lies in its range (and the first line, for
 * the split at 0), as Hadoop's line reader does: it skips the line it starts in, and reads its last
 * line past its end. It owns the fingerprint blocks that begin in its range ({@link BlockDigest}).
 *
 * @param file the file's index in the run's list of new files
 * @param format {@code csv} or {@code jsonl}
 * @param headerLine for a CSV file, the line number of its header (0 for none or JSON Lines)
 * @param headerColumns for a CSV file, how many fields its header has (0 for none)
 * @param etag the object's ETag where the storage gives one, else null
 * @param encoding the file's encoding ({@code input.CsvDialect})
 * @param delimiter the CSV file's field delimiter
 */
public record InputSplit(int file, String path, String name, String format, long start, long end, long size,
    long modifiedAt, String etag, int headerLine, int headerColumns, String encoding, char delimiter)
    implements Serializable {

  /**
   * The size of a split: Spark's rule for file sources ({@code spark.sql.files.maxPartitionBytes},
   * but smaller so that every core gets a share of the bytes, never under the cost of opening a
   * file), then down to a whole number of fingerprint blocks where it is at least one.
   */
  static long splitBytes(long maxPartitionBytes, long openCostBytes, long totalBytes, int parallelism) {
    long perCore = totalBytes / Math.max(1, parallelism);
    long bytes = Math.max(1, Math.min(maxPartitionBytes, Math.max(openCostBytes, perCore)));
    return bytes >= BlockDigest.BLOCK_BYTES ? bytes / BlockDigest.BLOCK_BYTES * BlockDigest.BLOCK_BYTES : bytes;
  }

  /** A file's splits of {@code splitBytes}: one for a file of at most that size, an empty one included. */
  static List<InputSplit> of(int file, String path, String name, String format, long size, long modifiedAt,
      String etag, int headerLine, int headerColumns, String encoding, char delimiter, long splitBytes) {
    List<InputSplit> splits = new ArrayList<>();
    long start = 0;
    do {
      long end = size - start <= splitBytes ? size : start + splitBytes;
      splits.add(new InputSplit(file, path, name, format, start, end, size, modifiedAt, etag, headerLine,
          headerColumns, encoding, delimiter));
      start = end;
    } while (start < size);
    return splits;
  }

  /**
   * Splits in task-sized groups, in order: a group closes when the next split would take it past
   * {@code splitBytes} (each split counted with the cost of opening its file), as Spark packs small
   * files into one task.
   */
  static List<List<InputSplit>> groups(List<InputSplit> splits, long splitBytes, long openCostBytes) {
    List<List<InputSplit>> groups = new ArrayList<>();
    List<InputSplit> group = new ArrayList<>();
    long bytes = 0;
    for (InputSplit s : splits) {
      long cost = s.end() - s.start() + openCostBytes;
      if (!group.isEmpty() && bytes + cost > splitBytes) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(s);
      bytes += cost;
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }
}
