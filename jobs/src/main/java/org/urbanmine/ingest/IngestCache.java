package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.try_element_at;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.BuildInfo;
import org.urbanmine.publish.ParquetFiles;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.ReferenceText;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;
import org.urbanmine.tables.TableSpec;

/**
 * {@code <warehouse>/_ingest/}: every input file's checked rows (before repeats are marked, which
 * needs all files), kept as Parquet under a key of the file's name, its SHA-256 and everything
 * else the rows depend on (the ingest settings, the reference tables, the code). A night reads
 * only the files whose key is not here yet, so its cost grows with new data, not with history.
 *
 * <p>A key's directory counts only once its {@value #COMPLETE} marker is written, after the
 * directory is in place: an object store moves a directory object by object, and a run killed
 * half-way must not leave half a file's rows to be taken for all of them. Keys no current input
 * file has are deleted by the next ingest.
 */
final class IngestCache {
  private static final Logger LOG = LoggerFactory.getLogger(IngestCache.class);
  static final String DIR = "_ingest";
  static final String KEY = "ingest_key";
  static final String COMPLETE = "_COMPLETE";

  /** The partition column of a pass's staged rows: the file's index in the run's list of new files. */
  static final String INPUT_FILE = "input_file";

  /**
   * What a cached row holds: every column of the two tables the ingest writes, but the run's id,
   * and the start of the split it was read in: its {@code line_number} counts from there, and the
   * cache adds the split's offset, kept in the file's {@value #COMPLETE} marker, when it reads it.
   */
  static final StructType SCHEMA = schema();

  private final FileSystem fs;
  private final Configuration hadoop;
  private final Path root;
  private final String rules;

  private IngestCache(FileSystem fs, Configuration hadoop, Path root, String rules) {
    this.fs = fs;
    this.hadoop = hadoop;
    this.root = root;
    this.rules = rules;
  }

  static IngestCache of(SparkSession spark, Warehouse warehouse, Settings settings) {
    return of(spark.sparkContext().hadoopConfiguration(), warehouse, settings);
  }

  /** As above, through {@code hadoop}'s file systems: before, or without, a Spark session. */
  static IngestCache of(Configuration hadoop, Warehouse warehouse, Settings settings) {
    Path root = new Path(warehouse.root(), DIR);
    try {
      return new IngestCache(root.getFileSystem(hadoop), hadoop, root, rules(hadoop, settings));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + root, e);
    }
  }

  private static StructType schema() {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (TableSpec table : List.of(RecoveryRecordsTable.TABLE, RejectedRecordsTable.TABLE)) {
      for (StructField f : table.schema().fields()) {
        fields.putIfAbsent(f.name(), new StructField(f.name(), f.dataType(), true, Metadata.empty()));
      }
    }
    fields.remove(RecoveryRecordsTable.RUN_ID);
    fields.put(RawRecordReader.SPLIT_START, new StructField(RawRecordReader.SPLIT_START, DataTypes.LongType, true,
        Metadata.empty()));
    fields.put(RecoveryRecordsTable.KEY_HASH, new StructField(RecoveryRecordsTable.KEY_HASH, DataTypes.LongType, true,
        Metadata.empty()));
    return new StructType(fields.values().toArray(new StructField[0]));
  }

  /** Everything but the file that the checked rows depend on. */
  private static String rules(Configuration hadoop, Settings settings) {
    StringBuilder sb = new StringBuilder(BuildInfo.codeVersion()).append('\n')
        .append(settings.input().minYear()).append('\n').append(settings.input().maxYear()).append('\n')
        .append(settings.metals()).append('\n')
        .append(settings.input().dialect()).append(settings.input().fileDialects()).append('\n');
    for (String table : List.of(settings.reference().countries(), settings.reference().countryAliases())) {
      ReferenceText.rows(hadoop, table).forEach(row -> sb.append(String.join(",", row)).append('\n'));
    }
    return sha256(sb.toString());
  }

  String key(String fileName, String sha256) {
    return sha256(fileName + "\n" + sha256 + "\n" + rules).substring(0, 32);
  }

  /** Whether the rows of the file with this key are here, whole. */
  boolean has(String key) {
    try {
      return fs.exists(new Path(dir(key), COMPLETE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for " + dir(key), e);
    }
  }

  Path root() {
    return root;
  }

  private Path dir(String key) {
    return new Path(root, KEY + "=" + key);
  }

  /**
   * Writes the checked rows of one pass over new files under {@code staging}, a directory per
   * file ({@value #INPUT_FILE}={@code index}); {@link #commit} then moves each file's into the cache.
   *
   * @param indexByFile each file's index, by the file name in {@code source_file}
   */
  void stage(Dataset<Row> checked, Map<String, Integer> indexByFile, Path staging) {
    List<Column> kv = new ArrayList<>();
    indexByFile.forEach((file, index) -> {
      kv.add(lit(file));
      kv.add(lit(index));
    });
    Column index = try_element_at(map(kv.toArray(new Column[0])), col(RawRecordReader.SOURCE_FILE));
    checked.select(selectable(index.as(INPUT_FILE)))
        .write().mode(SaveMode.Overwrite).option("compression", Warehouse.COMPRESSION)
        .partitionBy(INPUT_FILE).parquet(staging.toString());
  }

  /** Where {@link #stage} put the rows of file {@code index}. */
  static Path staged(Path staging, int index) {
    return new Path(staging, INPUT_FILE + "=" + index);
  }

  /**
   * Moves a file's staged rows into the cache under its key, then marks them complete with the
   * line offset of each split they were read in (by split start).
   */
  void commit(Path staged, String key, Map<Long, Long> lineOffsets) {
    Path target = dir(key);
    try {
      fs.mkdirs(root);
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.exists(staged)) {
        // A file with no non-blank line: no rows, and so no directory of them.
        fs.mkdirs(staged);
      }
      if (!fs.rename(staged, target)) {
        throw new IOException("rename of " + staged + " to " + target + " failed");
      }
      PairLines.write(fs, new Path(target, COMPLETE), lineOffsets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add to the ingest cache " + root, e);
    }
  }

  /** The line offsets a key's marker holds, by split start. */
  private Map<Long, Long> lineOffsets(String key) {
    Map<Long, Long> offsets = new LinkedHashMap<>();
    try {
      PairLines.read(fs, new Path(dir(key), COMPLETE))
          .forEach((start, offset) -> offsets.put(Long.parseLong(start), Long.parseLong(offset)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + new Path(dir(key), COMPLETE), e);
    }
    return offsets;
  }

  private static Column[] selectable(Column partition) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : SCHEMA.fields()) {
      columns.add(col(f.name()).cast(f.dataType()));
    }
    columns.add(partition);
    return columns.toArray(new Column[0]);
  }

  /**
   * The cached rows of these keys (those that are here), each line numbered in its file, with
   * their key ({@value #KEY}) and {@code key_hash} (see {@link RecoveryRecords#withKeyHash}).
   */
  Dataset<Row> read(SparkSession spark, Collection<String> keys) {
    List<String> present = keys.stream().distinct().filter(this::has).toList();
    StructType keyed = SCHEMA.add(KEY, "string");
    if (present.isEmpty()) {
      return spark.createDataFrame(List.of(), keyed).drop(RawRecordReader.SPLIT_START);
    }
    Map<String, Map<Long, Long>> offsets = new LinkedHashMap<>();
    present.forEach(key -> offsets.put(key, lineOffsets(key)));
    return spark.read().option("basePath", root.toString()).schema(keyed)
        .parquet(present.stream().map(k -> dir(k).toString()).toArray(String[]::new))
        .withColumn(RecoveryRecordsTable.LINE_NUMBER, RawRecordReader.numberInFile(offsets, col(KEY)))
        .drop(RawRecordReader.SPLIT_START);
  }

  /** How many rows {@link #read} gives for these keys, from the Parquet files' footers (no Spark job). */
  long rows(Collection<String> keys) {
    return keys.stream().distinct().filter(this::has).mapToLong(k -> ParquetFiles.rows(fs, dir(k), hadoop)).sum();
  }

  /** Deletes the keys not in {@code keep}: files gone, changed, or read under other rules. */
  void keepOnly(Collection<String> keep) {
    try {
      if (!fs.exists(root)) {
        return;
      }
      for (FileStatus dir : fs.listStatus(root)) {
        String name = dir.getPath().getName();
        if (name.startsWith(KEY + "=") && !keep.contains(name.substring(KEY.length() + 1))) {
          fs.delete(dir.getPath(), true);
          LOG.info("ingest cache: dropped {}, which no current input file has", name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune the ingest cache " + root, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
