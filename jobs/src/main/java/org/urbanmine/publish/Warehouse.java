package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.config.ConfigurationException;
import org.urbanmine.pipeline.RunFailedException;

/**
 * The warehouse: {@code <root>/<table>/} reads as the current published version of each table.
 *
 * <p>A run writes its tables under {@code <root>/_staging/<run_id>/<table>/}; later stages of the
 * same run read them from there. Only when every stage and the audit have succeeded are they
 * published, each as a new version ({@link TableVersions}); a failed run leaves the published
 * tables as they were and its staging directory for inspection, until the next run clears it.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
  public static final String STAGING = "_staging";

  private final SparkSession spark;
  private final Path root;
  private final java.nio.file.Path localRoot;
  private final String runId;
  private final TableVersions versions;

  public Warehouse(SparkSession spark, String root, String runId) {
    this.spark = spark;
    this.runId = runId;
    this.localRoot = localPath(spark, root);
    this.root = new Path(localRoot.toUri());
    this.versions = new TableVersions(localRoot);
  }

  private static java.nio.file.Path localPath(SparkSession spark, String root) {
    Path path = new Path(root);
    String scheme = path.toUri().getScheme();
    if (scheme != null && !scheme.equals("file")) {
      throw new ConfigurationException("urbanmine.warehouse must be a local path for now, got \""
          + root + "\" (object stores are not supported yet)");
    }
    try {
      FileSystem local = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
      return java.nio.file.Path.of(local.makeQualified(path).toUri());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("urbanmine.warehouse is not a usable path: \"" + root + "\"", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the local file system", e);
    }
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

  public TableVersions versions() {
    return versions;
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
    return WarehouseLock.acquire(localRoot, runId, wait);
  }

  /** Writes {@code data}, conformed to the table's contract, to this run's staging area. */
  public long stage(TableSpec table, Dataset<Row> data) {
    Path path = staged(table.name());
    table.conform(data).write().mode(SaveMode.Overwrite).parquet(path.toString());
    return spark.read().parquet(path.toString()).count();
  }

  public boolean isPublished(TableSpec table) {
    return Files.isDirectory(local(published(table.name())));
  }

  /** The table as this run staged it, or else as last published. */
  public Dataset<Row> read(TableSpec table) {
    for (Path path : List.of(staged(table.name()), published(table.name()))) {
      if (Files.isDirectory(local(path))) {
        return spark.read().schema(table.schema()).parquet(path.toString());
      }
    }
    throw new RunFailedException("table " + table.name() + " is not in warehouse " + display(root)
        + ": run the stage that writes it first (jobs/run nightly writes all tables)");
  }

  /** Publishes each staged table as a new version and keeps the newest {@code keep} versions. */
  public void publish(List<TableSpec> tables, int keep) {
    for (TableSpec table : tables) {
      versions.publish(table.name(), local(staged(table.name())), runId);
      versions.prune(table.name(), keep);
    }
  }

  /** Removes this run's staging directory (after a successful publish). */
  public void discardStaging() {
    deleteQuietly(local(stagingRoot()));
  }

  /**
   * Clears what killed or failed runs left: other runs' staging directories and half-made links.
   * Only called while holding the lock, so nothing else is writing.
   */
  public void clearLeftovers() {
    java.nio.file.Path staging = localRoot.resolve(STAGING);
    if (Files.isDirectory(staging)) {
      try (DirectoryStream<java.nio.file.Path> runs = Files.newDirectoryStream(staging)) {
        for (java.nio.file.Path run : runs) {
          if (!run.getFileName().toString().equals(runId)) {
            LOG.info("removing the staging area of an earlier run: {}", run);
            deleteQuietly(run);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + staging, e);
      }
    }
    try (DirectoryStream<java.nio.file.Path> links = Files.newDirectoryStream(localRoot, ".*.link-*")) {
      for (java.nio.file.Path link : links) {
        Files.deleteIfExists(link);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear links in " + localRoot, e);
    }
  }

  private static java.nio.file.Path local(Path path) {
    return java.nio.file.Path.of(path.toUri());
  }

  private static void deleteQuietly(java.nio.file.Path dir) {
    try {
      TableVersions.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
