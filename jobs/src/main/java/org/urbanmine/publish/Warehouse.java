package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.pipeline.RunFailedException;

/**
 * The warehouse: {@code <root>/<table>/} holds each published table as Parquet.
 *
 * <p>A run writes its tables under {@code <root>/_staging/<run_id>/<table>/} first; later stages
 * of the same run read them from there. Only when every stage has succeeded are they moved to
 * {@code <root>/<table>/} ({@link #publish}); a failed run leaves the published tables as they
 * were and its staging directory in place for inspection.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
  public static final String STAGING = "_staging";
  public static final String TRASH = "_trash";

  private final SparkSession spark;
  private final Path root;
  private final String runId;

  public Warehouse(SparkSession spark, String root, String runId) {
    this.spark = spark;
    this.root = new Path(root);
    this.runId = runId;
  }

  public Path root() {
    return root;
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

  /** Writes {@code data}, conformed to the table's contract, to this run's staging area. */
  public long stage(TableSpec table, Dataset<Row> data) {
    Path path = staged(table.name());
    table.conform(data).write().mode(SaveMode.Overwrite).parquet(path.toString());
    return spark.read().parquet(path.toString()).count();
  }

  /** The table as this run staged it, or else as last published. */
  public Dataset<Row> read(TableSpec table) {
    for (Path path : List.of(staged(table.name()), published(table.name()))) {
      if (exists(path)) {
        return spark.read().schema(table.schema()).parquet(path.toString());
      }
    }
    throw new RunFailedException("table " + table.name() + " is not in warehouse " + root
        + ": run the stage that writes it first (jobs/run nightly writes all tables)");
  }

  /** Moves each staged table into place, replacing the published version. */
  public void publish(List<TableSpec> tables) {
    try {
      FileSystem fs = fs();
      Path trash = new Path(new Path(root, TRASH), runId);
      for (TableSpec table : tables) {
        Path staged = staged(table.name());
        Path target = published(table.name());
        if (fs.exists(target)) {
          fs.mkdirs(trash);
          rename(fs, target, new Path(trash, table.name()));
        }
        rename(fs, staged, target);
        LOG.info("published {}", target);
      }
      fs.delete(trash, true);
    } catch (IOException e) {
      throw new UncheckedIOException("publishing to " + root + " failed", e);
    }
  }

  /** Removes this run's staging directory (after a successful publish). */
  public void discardStaging() {
    try {
      fs().delete(stagingRoot(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + stagingRoot(), e);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  private boolean exists(Path path) {
    try {
      return fs().exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path, e);
    }
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }
}
