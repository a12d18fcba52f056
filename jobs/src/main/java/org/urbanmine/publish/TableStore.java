package org.urbanmine.publish;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * How a warehouse keeps versioned tables on one kind of storage: {@link TableVersions} on a
 * local (POSIX) disk, with links; {@link ObjectStoreTables} on S3, with one object per table.
 * Either way {@code <root>/<table>/} holds the current version's Parquet files and nothing else,
 * and published versions, their history and the lock live beside it under {@code _}-names.
 */
public interface TableStore {
  /**
   * The name of a table's one Parquet file in every version. One file of one name means a listing
   * of {@code <root>/<table>/} always finds it, whichever version it lands on.
   */
  String DATA_FILE = "part-00000.parquet";

  /** Parquet data, as opposed to markers ({@code _SUCCESS}) and checksums ({@code .x.crc}). */
  static boolean isDataFile(String name) {
    return name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".");
  }

  /** Makes the staged directory version {@code runId} of {@code table} and the current one. */
  void publish(String table, Path staged, String runId);

  /** The table's {@code _published} lines, oldest first. */
  List<String> history(String table);

  /** The run id of the current version, if the table is published. */
  Optional<String> current(String table);

  /** Makes the version published before the current one current again; returns it, if any. */
  Optional<String> rollback(String table);

  /** Deletes versions beyond the newest {@code keep} publications (see {@link PublicationHistory#kept}). */
  void prune(String table, int keep);

  /** Tables that have versions. */
  List<String> tables();

  boolean exists(Path path);

  /** Deletes a directory and everything in it, if it is there. */
  void delete(Path path);

  /** Clears what killed or failed runs left (their staging areas); called holding the lock. */
  void clearLeftovers(String runId);

  /** One writing run at a time; see {@link WarehouseLock}. */
  WarehouseLock lock(String runId, Duration wait);

}
