package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvDialect;
import org.urbanmine.input.CsvHeader;
import org.urbanmine.input.InputFiles;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;

/**
 * Reads recovery-record files as numbered lines: {@code source_file, format, split_start,
 * line_number, line, raw_base64}.
 *
 * <p>A file is read in splits, each by its own task ({@link InputSplit}, {@link SplitReader}): one
 * large file uses every core, and no file is ever held whole in memory. A split numbers its lines
 * from its own start; the line breaks before it are counted by the splits before, whose counts reach
 * the driver when the read is done ({@link Read#lineOffsets}): a line's number in its file is its
 * {@code line_number} plus its split's offset ({@link #numbered}). The same tasks fingerprint the
 * file's bytes ({@link BlockDigest}): the driver reads no input whole.
 *
 * <p>A quoted CSV field may span lines (RFC 4180): each split joins such records. A split that
 * starts inside one (the split before joined it past its end) would read its rest as records, so
 * a file where that happened is read again whole, in one task: the only case in which a byte is
 * read twice.
 */
public final class RawRecordReader {
  public static final String SOURCE_FILE = RecoveryRecordsTable.SOURCE_FILE;
  public static final String FORMAT = "format";
  /** The offset of the split a line was read in: its line number counts from there. */
  public static final String SPLIT_START = "split_start";
  public static final String LINE_NUMBER = RecoveryRecordsTable.LINE_NUMBER;
  public static final String LINE = "line";
  /** A line's bytes, in base64, where they are not text in the file's encoding (its {@code line} null). */
  public static final String RAW_BASE64 = RejectedRecordsTable.RAW_BASE64;
  static final StructType SCHEMA = new StructType().add(SOURCE_FILE, DataTypes.StringType)
      .add(FORMAT, DataTypes.StringType).add(SPLIT_START, DataTypes.LongType)
      .add(LINE_NUMBER, DataTypes.IntegerType).add(LINE, DataTypes.StringType).add(RAW_BASE64, DataTypes.StringType);

  private RawRecordReader() {}

  /**
   * The {@code *.csv} and {@code *.jsonl} files at {@code location} (a file or a directory), with
   * their lengths as listed, sorted by path.
   */
  public static List<FileStatus> inputStatuses(SparkSession spark, String location) {
    return InputFiles.list(spark, location, RECORDS_KEY);
  }

  /** The setting that names the recovery records, for messages. */
  public static final String RECORDS_KEY = "urbanmine.input.recovery-records";

  /**
   * What reading the files found: each file's fingerprint, the line offset of each of its splits
   * (by split start), and the files read again whole; {@code passes} holds what each pass gave.
   */
  public record Read<T>(List<T> passes, Map<String, String> sha256, Map<String, Map<Long, Long>> lineOffsets,
      Set<String> readWhole) {}

  /**
   * Reads the files' lines: {@code pass} gets the lines of a pass and must read them all (write
   * them, say); it is called again with the lines of the files to read whole, if any, whose rows of
   * the first pass are to be dropped then. Each file's bytes must be those listed when the run
   * started (size, modification time, ETag): every task checks, and a file that changed, or a read
   * cut short, fails the task (and is tried again where the master allows).
   *
   * @param files the files, each with its dialect and (CSV) header ({@link #withHeads})
   * @param maxSplitBytes the most bytes of a file one task reads ({@code urbanmine.input.split-bytes});
   *     0 for Spark's {@code spark.sql.files.maxPartitionBytes}
   */
  public static <T> Read<T> read(SparkSession spark, List<InputFingerprint.InputFile> files,
      long maxSplitBytes, Function<Dataset<Row>, T> pass) {
    List<T> passes = new ArrayList<>();
    long total = files.stream().mapToLong(InputFingerprint.InputFile::sizeBytes).sum();
    long open = spark.sessionState().conf().filesOpenCostInBytes();
    long splitBytes = InputSplit.splitBytes(maxSplitBytes > 0 ? maxSplitBytes
        : spark.sessionState().conf().filesMaxPartitionBytes(), open, total, spark.sparkContext().defaultParallelism());
    List<InputSplit> splits = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      splits.addAll(splits(i, files.get(i), splitBytes));
    }
    Results results = new Results(spark);
    passes.add(pass.apply(lines(spark, InputSplit.groups(splits, splitBytes, open), results)));
    Map<Integer, Results.FileResult> first = results.collect(files, splits);
    Set<Integer> again = new TreeSet<>();
    first.forEach((file, r) -> {
      if (r.crossed()) {
        again.add(file);
      }
    });
    Map<Integer, Results.FileResult> byFile = new TreeMap<>(first);
    if (!again.isEmpty()) {
      List<InputSplit> whole = new ArrayList<>();
      again.forEach(i -> whole.addAll(splits(i, files.get(i), Long.MAX_VALUE)));
      Results wholeResults = new Results(spark);
      passes.add(pass.apply(lines(spark, whole.stream().map(List::of).toList(), wholeResults)));
      Map<Integer, Results.FileResult> second = wholeResults.collect(files, whole);
      second.forEach((file, r) -> {
        if (!r.sha256().equals(first.get(file).sha256())) {
          throw new SplitReader.InputChangedException("input file " + files.get(file).path() + " read as SHA-256 "
              + r.sha256() + " the second time, " + first.get(file).sha256() + " the first: it changed during the run");
        }
      });
      byFile.putAll(second);
    }
    Map<String, String> sha = new LinkedHashMap<>();
    Map<String, Map<Long, Long>> offsets = new LinkedHashMap<>();
    Set<String> readWhole = new TreeSet<>();
    byFile.forEach((i, r) -> {
      String name = files.get(i).name();
      sha.put(name, r.sha256());
      offsets.put(name, r.lineOffsets());
      if (again.contains(i)) {
        readWhole.add(name);
      }
    });
    return new Read<>(passes, sha, offsets, readWhole);
  }

  /** A file's splits; one for a UTF-16 file, whose line breaks are two bytes. */
  private static List<InputSplit> splits(int index, InputFingerprint.InputFile file, long splitBytes) {
    String format = InputFiles.formatOf(file.name());
    CsvDialect dialect = file.dialect() != null ? file.dialect() : CsvDialect.STANDARD;
    CsvHeader header = file.header();
    int columns = header == null ? 0 : header.fields(dialect.delimiter()).length;
    return InputSplit.of(index, file.path(), file.name(), format, file.sizeBytes(), file.modifiedAt(), file.etag(),
        header == null ? 0 : header.lineNumber(), columns, dialect.encoding(), dialect.delimiter(),
        dialect.splittable() ? splitBytes : Long.MAX_VALUE);
  }

  /** The lines of every split, a task per group, each split's {@link SplitReader.Result} into {@code results}. */
  private static Dataset<Row> lines(SparkSession spark, List<List<InputSplit>> groups, Results results) {
    SerializableConfiguration hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    CollectionAccumulator<SplitReader.Result> sink = results.accumulator;
    JavaRDD<List<InputSplit>> tasks = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(groups, Math.max(1, groups.size()));
    JavaRDD<Row> rows = tasks.flatMap((FlatMapFunction<List<InputSplit>, Row>) group -> {
      if (group.isEmpty()) {
        return java.util.Collections.emptyIterator();
      }
      Path path = new Path(group.get(0).path());
      return SplitReader.all(path.getFileSystem(hadoop.value()), group, sink::add);
    });
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The splits' reports, gathered by an accumulator: one per split, kept once however often a task ran. */
  private static final class Results {
    final CollectionAccumulator<SplitReader.Result> accumulator;

    record FileResult(String sha256, Map<Long, Long> lineOffsets, boolean crossed) {}

    Results(SparkSession spark) {
      accumulator = spark.sparkContext().collectionAccumulator("input splits read");
    }

    /** Each file's fingerprint and line offsets; fails if a split did not report, which would be a bug. */
    Map<Integer, FileResult> collect(List<InputFingerprint.InputFile> files, List<InputSplit> splits) {
      Map<Integer, TreeMap<Long, SplitReader.Result>> byFile = new TreeMap<>();
      for (SplitReader.Result r : accumulator.value()) {
        byFile.computeIfAbsent(r.file(), f -> new TreeMap<>()).put(r.start(), r);
      }
      Map<Integer, List<Long>> planned = new TreeMap<>();
      splits.forEach(s -> planned.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s.start()));
      Map<Integer, FileResult> out = new TreeMap<>();
      planned.forEach((file, starts) -> {
        TreeMap<Long, SplitReader.Result> reported = byFile.getOrDefault(file, new TreeMap<>());
        if (!reported.keySet().containsAll(starts)) {
          throw new IllegalStateException("the read of " + files.get(file).path() + " reported splits "
              + reported.keySet() + " of " + starts);
        }
        Map<Integer, byte[]> blocks = new TreeMap<>();
        Map<Long, Long> offsets = new LinkedHashMap<>();
        long before = 0;
        boolean crossed = false;
        for (long start : starts) {
          SplitReader.Result r = reported.get(start);
          offsets.put(start, before);
          before += r.newlines();
          crossed |= r.crossed();
          for (int b = 0; b < r.blockDigests().size(); b++) {
            blocks.put(r.firstBlock() + b, r.blockDigests().get(b));
          }
        }
        int expected = BlockDigest.blocks(files.get(file).sizeBytes());
        if (blocks.size() != expected) {
          throw new IllegalStateException("the read of " + files.get(file).path() + " digested " + blocks.size()
              + " of its " + expected + " blocks");
        }
        out.put(file, new FileResult(BlockDigest.of(new ArrayList<>(blocks.values())), offsets, crossed));
      });
      return out;
    }
  }

  /**
   * {@code lines} with each {@code line_number} counted from the start of its file: plus the
   * offset of its split, by file name and split start ({@link Read#lineOffsets}).
   */
  public static Dataset<Row> numbered(Dataset<Row> lines, Map<String, Map<Long, Long>> lineOffsets) {
    return lines.withColumn(LINE_NUMBER, numberInFile(lineOffsets, col(SOURCE_FILE)));
  }

  /**
   * A row's {@code line_number} in its file: plus the offset of its split, looked up by {@code file}
   * (what {@code lineOffsets} is keyed by) and {@code split_start}; an error where there is none.
   */
  static Column numberInFile(Map<String, Map<Long, Long>> lineOffsets, Column file) {
    List<Column> kv = new ArrayList<>();
    lineOffsets.forEach((name, byStart) -> byStart.forEach((start, offset) -> {
      kv.add(lit(name + "#" + start));
      kv.add(lit(offset));
    }));
    Column offset = kv.isEmpty() ? lit(0L)
        : element_at(map(kv.toArray(new Column[0])), concat(file, lit("#"), col(SPLIT_START).cast("string")));
    return col(LINE_NUMBER).plus(offset).cast("int");
  }

  /**
   * Every non-blank line of the files, numbered in its file: both passes of {@link #read} held
   * in the executors' memory (or disk) and the second's files taken from it. For tests and small
   * inputs; {@code ingest} writes each pass where it goes instead.
   */
  public static Dataset<Row> readLines(SparkSession spark, List<InputFingerprint.InputFile> files) {
    return readLines(spark, files, 0);
  }

  /** As above, in splits of at most {@code maxSplitBytes} (0: Spark's). */
  public static Dataset<Row> readLines(SparkSession spark, List<InputFingerprint.InputFile> files,
      long maxSplitBytes) {
    Read<Dataset<Row>> read = read(spark, withHeads(spark.sparkContext().hadoopConfiguration(), files,
        name -> Settings.Dialect.AUTO), maxSplitBytes, Dataset::localCheckpoint);
    Dataset<Row> lines = read.passes().get(0);
    if (read.passes().size() > 1) {
      lines = lines.filter(col(SOURCE_FILE).isin(read.readWhole().toArray()).unary_$bang())
          .unionByName(read.passes().get(1));
    }
    return numbered(lines, read.lineOffsets());
  }

  /**
   * The files, each with its dialect and, for CSV, its header, found from its first bytes on the
   * driver ({@link InputFingerprint#head}, {@link CsvDialect#sniff}) where the configuration does
   * not declare all of it.
   *
   * @param declared what the configuration declares of a file's dialect, by file name
   *     ({@link Settings.Input#dialectOf})
   */
  public static List<InputFingerprint.InputFile> withHeads(org.apache.hadoop.conf.Configuration hadoop,
      List<InputFingerprint.InputFile> files, Function<String, Settings.Dialect> declared) {
    List<InputFingerprint.InputFile> out = new ArrayList<>();
    for (InputFingerprint.InputFile f : files) {
      InputFingerprint.Head head = InputFingerprint.head(hadoop, f);
      CsvDialect.Sniffed sniffed =
          CsvDialect.sniff(head.bytes(), head.length(), head.whole(), declared.apply(f.name()));
      boolean csv = InputFiles.CSV.equals(InputFiles.formatOf(f.name()));
      out.add(f.withHead(sniffed.dialect(), csv ? sniffed.header() : null));
    }
    return out;
  }

  /** {@code source_file, value} (one row per whole file) to numbered non-blank lines, as one split each. */
  public static Dataset<Row> splitLines(Dataset<Row> wholeFiles) {
    // Split at "\n" after turning "\r\n" into "\n", which is what splitting at "\r?\n" gives.
    Column lf = replace(col("value"), lit("\r\n"), lit("\n"));
    Column name = lower(col(SOURCE_FILE));
    Column first = col("pos").equalTo(0).and(col("col").startsWith("\uFEFF"));
    return wholeFiles
        .select(col(SOURCE_FILE),
            when(name.endsWith(".jsonl"), InputFiles.JSONL).otherwise(InputFiles.CSV).as(FORMAT),
            posexplode(split(lf, "\n", -1)))
        .select(col(SOURCE_FILE), col(FORMAT), lit(0L).as(SPLIT_START),
            col("pos").plus(1).cast("int").as(LINE_NUMBER),
            when(first, substring(col("col"), 2, Integer.MAX_VALUE)).otherwise(col("col")).as(LINE),
            lit(null).cast("string").as(RAW_BASE64))
        .filter(org.apache.spark.sql.functions.trim(col(LINE)).notEqual(""));
  }
}
