package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.ConfigurationException;
import org.urbanmine.tables.TableSpec;

/**
 * The warehouse: {@code <root>/<table>/} reads as the current published version of each table.
 *
 * <p>A run writes its tables under {@code <root>/_staging/<run_id>/<table>/}; later stages of the
 * same run read them from there. Only when every stage and the audit have succeeded are they
 * published, each as a new version; a failed run leaves the published tables as they were and
 * its staging directory for inspection, until the next run clears it. How versions are kept
 * depends on the storage: {@link TableVersions} on a local disk, {@link ObjectStoreTables} on S3.
 *
 * <p>A partitioned table ({@link TableSpec#partitionColumns()}, such as {@code scenario}) is
 * still published as one version: the run writes its own partition
 * ({@code scenario=<this run's scenario>/}) and carries every other partition forward from the
 * published version as a byte-for-byte copy, so a run of one scenario replaces only its own
 * partition and leaves the others as they were.
 */
public final class Warehouse {
  public static final String STAGING = "_staging";
  public static final String COMPRESSION = "zstd";
  private static final String ROWS = "rows";
  /**
   * Timestamps as Parquet's standard microsecond type: Spark's INT96 default is deprecated in
   * Parquet and read by pandas as nanoseconds that overflow past 2262.
   */
  private static final Map<String, String> FILE_FORMAT =
      Map.of("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");

  /** Null until a session is {@linkplain #attach attached}: the run history and the lock need none. */
  private SparkSession spark;
  private final Configuration hadoop;
  private final Path root;
  private final String runId;
  private final TableStore store;
  private final FileSystem fs;
  private final Map<String, String> partition;
  /** What {@link #stage} observed of each table it wrote, by table name. */
  private final Map<String, Map<String, Object>> observed = new ConcurrentHashMap<>();

  /** A warehouse for a run of the baseline scenario. */
  public Warehouse(SparkSession spark, String root, String runId) {
    this(spark, root, runId, Map.of(TableSpec.SCENARIO, org.urbanmine.config.SettingsLoader.DEFAULT_SCENARIO));
  }

  /**
   * @param partition the values this run writes in partition columns, e.g. {@code scenario ->
   *     high-collection}; a partitioned table whose column has no value here cannot be staged
   */
  public Warehouse(SparkSession spark, String root, String runId, Map<String, String> partition) {
    this(spark.sparkContext().hadoopConfiguration(), root, runId, partition);
    attach(spark);
  }

  /**
   * A warehouse read and written without Spark until a session is {@linkplain #attach attached}:
   * its run history, lock, versions and small tables, all a run needs to find it has nothing to
   * do. {@code hadoop} must be the configuration the session will have (see {@code S3Access}).
   */
  public Warehouse(Configuration hadoop, String root, String runId, Map<String, String> partition) {
    this.hadoop = hadoop;
    this.runId = runId;
    this.partition = Map.copyOf(partition);
    Path path;
    FileSystem fs;
    try {
      path = new Path(root);
      fs = path.getFileSystem(hadoop);
    } catch (IllegalArgumentException | UnsupportedFileSystemException e) {
      throw new ConfigurationException("urbanmine.warehouse is not a usable path or URI: \"" + root
          + "\" (" + e.getMessage() + "); use a local path or s3a://bucket/prefix", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + root, e);
    }
    this.root = fs.makeQualified(path);
    this.fs = fs;
    this.store = "file".equals(this.root.toUri().getScheme())
        ? new TableVersions(java.nio.file.Path.of(this.root.toUri()))
        : new ObjectStoreTables(fs, this.root);
  }

  /** The Hadoop configuration its file systems were opened with. */
  public Configuration hadoop() {
    return hadoop;
  }

  /** Gives the warehouse the session its tables are read and written with, from now on. */
  public void attach(SparkSession session) {
    FILE_FORMAT.forEach((key, value) -> session.conf().set(key, value));
    this.spark = session;
  }

  /** The attached session; a warehouse without one cannot read or write tables with Spark. */
  private SparkSession spark() {
    if (spark == null) {
      throw new IllegalStateException("warehouse " + display(root) + " has no Spark session attached");
    }
    return spark;
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

  /** The values of this run's partition, by column. */
  public Map<String, String> partition() {
    return partition;
  }

  /**
   * Writes {@code data}, conformed to the table's contract, to this run's staging area; for a
   * partitioned table, as this run's partition (the directory names its partition values,
   * whatever {@code data} holds), with the table's other published partitions carried forward.
   */
  public long stage(TableSpec table, Dataset<Row> data) {
    Path path = table.isPartitioned() ? new Path(staged(table.name()), partitionPath(table)) : staged(table.name());
    // One file per table, or per partition, which publication relies on (TableStore.DATA_FILE);
    // rows in key order so that min/max statistics prune, zstd because it is smaller than
    // Spark's default snappy and every reader (DuckDB, pyarrow) has it.
    // The rows counted, and the audit's checks taken (TableAudit.fileMetrics), as they are written:
    // observed metrics, after the sort, so no second job reads the rows back.
    Observation written = new Observation();
    List<Column> metrics = new ArrayList<>(TableAudit.fileMetrics(table));
    metrics.add(0, functions.count(functions.lit(1)).as(ROWS));
    UnaryOperator<Dataset<Row>> observe =
        sorted -> sorted.observe(written, metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new));
    Dataset<Row> rows = table.conformFile(data);
    Column[] order = table.fileSortColumns().stream().map(functions::col).toArray(Column[]::new);
    int pieces = pieces(table);
    if (pieces > 1) {
      // Observed after the exchange: the job that samples the ranges reads the rows too.
      writeInPieces(observe.apply(rows.repartitionByRange(pieces, order).sortWithinPartitions(order)), path);
    } else {
      Dataset<Row> file = rows.coalesce(1);
      writeParquet(observe.apply(order.length > 0 ? file.sortWithinPartitions(order) : file), path);
    }
    if (table.isPartitioned()) {
      carryForward(table);
    }
    Map<String, Object> values = ObservedMetrics.of(written, "the metrics of rows written");
    observed.put(table.name(), values);
    return ((Number) values.get(ROWS)).longValue();
  }

  /**
   * Writes {@code data}, conformed to the table's file, under {@code dir} in directories by the
   * values of {@code by} (a column of {@code data} the files then do not hold), each directory's
   * files sorted by the table's file order and named in it (by range, in parallel where the table
   * is written in parallel): pieces of the table, one per value, that {@link #stageJoined} joins.
   */
  public void writePieces(TableSpec table, Dataset<Row> data, String by, Path dir) {
    List<Column> order = new ArrayList<>();
    order.add(functions.col(by));
    table.fileSortColumns().forEach(c -> order.add(functions.col(c)));
    Column[] columns = order.toArray(Column[]::new);
    Dataset<Row> rows = table.conformFile(data, by);
    int pieces = pieces(table);
    Dataset<Row> sorted = pieces > 1 ? rows.repartitionByRange(pieces, columns).sortWithinPartitions(columns)
        : rows.coalesce(1).sortWithinPartitions(columns);
    sorted.write().mode(SaveMode.Overwrite).option("compression", COMPRESSION).partitionBy(by).parquet(dir.toString());
  }

  /**
   * Stages a table that is not partitioned as the row groups of {@code files}, in this order,
   * copied as they are into its one file ({@link RowGroupConcat}): a table kept in pieces
   * ({@link #writePieces}) of which a run rewrites only some. No write observes the rows, so the
   * audit's metrics are taken by one query over the joined file ({@link TableAudit#scannedMetrics}).
   */
  public long stageJoined(TableSpec table, List<Path> files) {
    if (table.isPartitioned()) {
      throw new IllegalArgumentException(table.name() + " is partitioned: stage it with Spark");
    }
    if (files.isEmpty()) {
      return stage(table, spark().createDataFrame(List.of(), table.schema()));
    }
    joinInto(files, staged(table.name()));
    Map<String, Object> values = new HashMap<>(TableAudit.scannedMetrics(table, read(table)));
    long rows = rows(table);
    values.put(ROWS, rows);
    observed.put(table.name(), values);
    return rows;
  }

  /**
   * Stages a small table that is not partitioned, of flat columns, from rows held on the driver
   * (column name to value; a missing name is null), sorted by its file's sort columns and written
   * with Parquet's own writer ({@link ParquetFiles#write}): no Spark job, and no session needed.
   * For the run history, whose row of a run that has nothing to do is all that run writes.
   */
  public long stageSmall(TableSpec table, List<Map<String, Object>> rows) {
    if (table.isPartitioned()) {
      throw new IllegalArgumentException(table.name() + " is partitioned: stage it with Spark");
    }
    Path dir = staged(table.name());
    List<Map<String, Object>> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> {
      for (String column : table.fileSortColumns()) {
        int c = compareValues(a.get(column), b.get(column));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    try {
      fs.delete(dir, true);
      ParquetFiles.write(new Path(dir, TableStore.DATA_FILE), table.fileSchema(), sorted, hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
    return sorted.size();
  }

  /** Nulls first, as Spark sorts ascending; values of one column are of one type. */
  @SuppressWarnings("unchecked")
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  /**
   * What {@link #stage} observed as it wrote {@code table} in this run (see
   * {@link TableAudit#fileMetrics}); empty for a table it has not written.
   */
  Optional<Map<String, Object>> observed(TableSpec table) {
    return Optional.ofNullable(observed.get(table.name()));
  }

  /**
   * How many pieces to write the table in: one per core for a table written in parallel, one where
   * the session runs its shuffles in one partition (small inputs, see SmallInputMode).
   */
  private int pieces(TableSpec table) {
    if (!table.parallelWrite() || table.fileSortColumns().isEmpty()) {
      return 1;
    }
    int shufflePartitions = Integer.parseInt(spark().conf().get("spark.sql.shuffle.partitions"));
    return Math.max(1, Math.min(spark().sparkContext().defaultParallelism(), shufflePartitions));
  }

  /**
   * Rows in ranges of their order, each range sorted and written by its own task, then the ranges
   * joined in order into the one file (their row groups copied as they are).
   */
  private void writeInPieces(Dataset<Row> sortedRanges, Path path) {
    Path piecesDir = new Path(path.getParent(), "_" + path.getName() + ".pieces");
    writeParquet(sortedRanges, piecesDir);
    try {
      // In name order, part-00000-…, part-00001-…: Spark numbers each file by its range.
      joinInto(ParquetFiles.dataFiles(fs, piecesDir).stream().map(FileStatus::getPath).toList(), path);
      // Deleted again while it still shows: S3Proxy's file-system store has once listed the
      // directory after its objects were gone (an empty folder left behind by parallel deletes).
      for (int attempt = 0; attempt < 3 && fs.exists(piecesDir); attempt++) {
        fs.delete(piecesDir, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot join the pieces of " + path, e);
    }
  }

  /** {@code files}' row groups, in this order, as the one file of the table directory {@code path}, replaced. */
  private void joinInto(List<Path> files, Path path) {
    try {
      fs.delete(path, true);
      fs.mkdirs(path);
      RowGroupConcat.concat(hadoop, files, new Path(path, TableStore.DATA_FILE));
      fs.create(new Path(path, "_SUCCESS"), true).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot join the pieces of " + path, e);
    }
  }

  private static void writeParquet(Dataset<Row> rows, Path path) {
    rows.write().mode(SaveMode.Overwrite).option("compression", COMPRESSION).parquet(path.toString());
  }

  /** {@code scenario=baseline}, or {@code a=x/b=y}: where this run's rows of the table go. */
  public String partitionPath(TableSpec table) {
    List<String> parts = new ArrayList<>();
    for (String column : table.partitionColumns()) {
      parts.add(column + "=" + partitionValue(table, column));
    }
    return String.join("/", parts);
  }

  private String partitionValue(TableSpec table, String column) {
    String value = partition.get(column);
    if (value == null) {
      throw new IllegalStateException(table.name() + " is partitioned by " + column
          + ", which this run gives no value (it has " + partition.keySet() + ")");
    }
    return value;
  }

  /** Copies the published partitions other than this run's into the staged table. */
  private void carryForward(TableSpec table) {
    Path published = published(table.name());
    if (!store.exists(published)) {
      return;
    }
    try {
      for (Map.Entry<String, Path> other : partitionDirectories(published, table.partitionColumns()).entrySet()) {
        if (!other.getKey().equals(partitionPath(table))) {
          Path target = new Path(staged(table.name()), other.getKey());
          FileUtil.copy(fs, other.getValue(), fs, target, false, hadoop);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot carry the other partitions of " + table.name() + " forward", e);
    }
  }

  /** The {@code column=value} directories of a table, by their path relative to it. */
  private Map<String, Path> partitionDirectories(Path table, List<String> columns) throws IOException {
    Map<String, Path> level = new LinkedHashMap<>();
    level.put("", table);
    for (String column : columns) {
      Map<String, Path> next = new LinkedHashMap<>();
      for (Map.Entry<String, Path> parent : level.entrySet()) {
        for (FileStatus child : fs.listStatus(parent.getValue())) {
          String name = child.getPath().getName();
          if (child.isDirectory() && name.startsWith(column + "=")) {
            next.put(parent.getKey().isEmpty() ? name : parent.getKey() + "/" + name, child.getPath());
          }
        }
      }
      level = next;
    }
    return level;
  }

  /** The published partitions of a partitioned table ({@code scenario=baseline}...), in name order. */
  public List<String> publishedPartitions(TableSpec table) {
    if (!table.isPartitioned() || !isPublished(table)) {
      return List.of();
    }
    try {
      return partitionDirectories(published(table.name()), table.partitionColumns()).keySet().stream()
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the partitions of " + table.name(), e);
    }
  }

  /**
   * The values {@code column} has in the rows of {@code table} as published, every partition:
   * from the names of the partition directories that hold rows (their footers say so), with no
   * Spark job. A partition written without a value (Hive's default partition) gives none.
   */
  public Set<String> publishedPartitionValues(TableSpec table, String column) {
    Set<String> values = new TreeSet<>();
    if (!table.partitionColumns().contains(column) || !isPublished(table)) {
      return values;
    }
    try {
      Map<String, Path> partitions = partitionDirectories(published(table.name()), table.partitionColumns());
      for (Map.Entry<String, Path> p : partitions.entrySet()) {
        for (String part : p.getKey().split("/")) {
          String value = ExternalCatalogUtils.unescapePathName(part.substring(part.indexOf('=') + 1));
          if (part.startsWith(column + "=") && !ExternalCatalogUtils.DEFAULT_PARTITION_NAME().equals(value)
              && ParquetFiles.rows(fs, p.getValue(), hadoop) > 0) {
            values.add(value);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the partitions of " + table.name(), e);
    }
    return values;
  }

  public boolean isPublished(TableSpec table) {
    return store.exists(published(table.name()));
  }

  /**
   * The table as this run staged it, or else as last published; of a partitioned table, only
   * this run's partition.
   */
  public Dataset<Row> read(TableSpec table) {
    Path path = readable(table).orElseThrow(() -> notPublished(table));
    Dataset<Row> rows = spark().read().schema(table.schema()).parquet(path.toString());
    for (String column : table.partitionColumns()) {
      rows = rows.filter(functions.col(column).equalTo(partitionValue(table, column)));
    }
    return rows;
  }

  /** Whether this run has staged the table. */
  public boolean isStaged(TableSpec table) {
    return store.exists(staged(table.name()));
  }

  /**
   * The rows {@link #read} would give, read with Parquet's own reader instead of Spark (see
   * {@link ParquetFiles#read}): for a table of a few kilobytes, such as the run history.
   */
  List<Map<String, Object>> readSmall(TableSpec table) {
    return ParquetFiles.read(fs, readableFiles(table), hadoop);
  }

  /** As {@link #readSmall}, of the published table (not partitioned). */
  List<Map<String, Object>> readSmallPublished(TableSpec table) {
    return readSmallPublished(table, Map.of());
  }

  /**
   * The rows of a small published table, read with Parquet's own reader instead of Spark (see
   * {@link ParquetFiles#read}): of a partitioned table, those of the partition with these values
   * ({@code scenario -> baseline}), without the partition columns; none where it has no such
   * partition.
   */
  public List<Map<String, Object>> readSmallPublished(TableSpec table, Map<String, String> partition) {
    Path path = published(table.name());
    for (String column : table.partitionColumns()) {
      String value = partition.get(column);
      if (value == null) {
        throw new IllegalArgumentException(table.name() + " is partitioned by " + column + ": name its value");
      }
      path = new Path(path, column + "=" + ExternalCatalogUtils.escapePathName(value));
    }
    return store.exists(path) ? ParquetFiles.read(fs, path, hadoop) : List.of();
  }

  /**
   * The rows {@link #read} would give, without its partition columns, read with Parquet's own
   * reader on the driver ({@link #readSmall}): for a table of a few rows that a stage needs as
   * values, which a Spark query would cost a job to collect.
   */
  public List<Row> readSmallRows(TableSpec table) {
    StructType schema = table.fileSchema();
    return readSmall(table).stream().map(values -> {
      Object[] row = new Object[schema.size()];
      Arrays.setAll(row, i -> values.get(schema.fields()[i].name()));
      return (Row) new GenericRowWithSchema(row, schema);
    }).toList();
  }

  /**
   * How many rows {@link #read} would give, from the Parquet files' footers: no Spark job, and
   * nothing read but the footers.
   */
  public long rows(TableSpec table) {
    return ParquetFiles.rows(fs, readableFiles(table), hadoop);
  }

  /** The directory of the files {@link #read} reads: of a partitioned table, this run's partition. */
  private Path readableFiles(TableSpec table) {
    Path path = readable(table).orElseThrow(() -> notPublished(table));
    return table.isPartitioned() ? new Path(path, partitionPath(table)) : path;
  }

  /** Where {@link #read} finds the table: staged by this run, or else published. */
  private Optional<Path> readable(TableSpec table) {
    return Stream.of(staged(table.name()), published(table.name())).filter(store::exists).findFirst();
  }

  /**
   * Bytes of the table {@link #read} would read (staged by this run, or else published; every
   * partition), 0 if there is none.
   */
  public long bytes(TableSpec table) {
    Optional<Path> path = readable(table);
    try {
      return path.isEmpty() ? 0 : fs.getContentSummary(path.get()).getLength();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + path.get(), e);
    }
  }

  /** The published table, every partition of it. */
  public Dataset<Row> readPublished(TableSpec table) {
    Path path = published(table.name());
    if (!store.exists(path)) {
      throw notPublished(table);
    }
    return spark().read().schema(table.schema()).parquet(path.toString());
  }

  private RunFailedException notPublished(TableSpec table) {
    return new RunFailedException("table " + table.name() + " is not in warehouse " + display(root)
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
