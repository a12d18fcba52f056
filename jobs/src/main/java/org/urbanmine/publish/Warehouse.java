package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.ConfigurationException;
import org.urbanmine.pipeline.RunFailedException;

/**
 * The warehouse: {@code <root>/<table>/} reads as the current published version of each table.
 *
 * <p>A run writes its tables under {@code <root>/_staging/<run_id>/<table>/}; later stages of the
 * same run read them from there. Only when every stage and the audit have succeeded are they
 * published, each as a new version; a failed run leaves the published tables as they were and
 * its staging directory for inspection, until the next run clears it. How versions are kept
 * depends on the storage: {@link TableVersions} on a local disk, {@link ObjectStoreTables} on S3.
 */
public final class Warehouse {
  public static final String STAGING = "_staging";

  private final SparkSession spark;
  private final Path root;
  private final String runId;
  private final TableStore store;

  public Warehouse(SparkSession spark, String root, String runId) {
    this.spark = spark;
    this.runId = runId;
    Path path;
    FileSystem fs;
    try {
      path = new Path(root);
      fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IllegalArgumentException | UnsupportedFileSystemException e) {
      throw new ConfigurationException("urbanmine.warehouse is not a usable path or URI: \"" + root
          + "\" (" + e.getMessage() + "); use a local path or s3a://bucket/prefix", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + root, e);
    }
    this.root = fs.makeQualified(path);
    this.store = "file".equals(this.root.toUri().getScheme())
        ? new TableVersions(java.nio.file.Path.of(this.root.toUri()))
        : new ObjectStoreTables(fs, this.root);
  }

  public Path root() {
    return root;
  }

  /** A path as a user would type it: local paths without the {@code file:} scheme. */
  public static String display(Path path) {
    return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
  }

  public String runId() {
    return runId;
  }

  public TableStore versions() {
    return store;
  }

  public Path stagingRoot() {
    return new Path(new Path(root, STAGING), runId);
  }

  public Path published(String table) {
    return new Path(root, table);
  }

  public Path staged(String table) {
    return new Path(stagingRoot(), table);
  }

  /** Waits up to {@code wait} for the warehouse; see {@link WarehouseLock}. */
  public WarehouseLock lock(Duration wait) {
    return store.lock(runId, wait);
  }

  /** Writes {@code data}, conformed to the table's contract, to this run's staging area. */
  public long stage(TableSpec table, Dataset<Row> data) {
    Path path = staged(table.name());
    // One file per table, which publication relies on (TableStore.DATA_FILE).
    table.conform(data).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path.toString());
    return spark.read().parquet(path.toString()).count();
  }

  public boolean isPublished(TableSpec table) {
    return store.exists(published(table.name()));
  }

  /** The table as this run staged it, or else as last published. */
  public Dataset<Row> read(TableSpec table) {
    for (Path path : List.of(staged(table.name()), published(table.name()))) {
      if (store.exists(path)) {
        return spark.read().schema(table.schema()).parquet(path.toString());
      }
    }
    throw new RunFailedException("table " + table.name() + " is not in warehouse " + display(root)
        + ": run the stage that writes it first (jobs/run nightly writes all tables)");
  }

  /** Publishes each staged table as a new version and keeps the newest {@code keep} versions. */
  public void publish(List<TableSpec> tables, int keep) {
    for (TableSpec table : tables) {
      store.publish(table.name(), staged(table.name()), runId);
      store.prune(table.name(), keep);
    }
  }

  /** Removes this run's staging directory (after a successful publish). */
  public void discardStaging() {
    store.delete(stagingRoot());
  }

  /** Clears what killed or failed runs left; only called while holding the lock. */
  public void clearLeftovers() {
    store.clearLeftovers(runId);
  }
}
