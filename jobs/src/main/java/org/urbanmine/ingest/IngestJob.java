package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvDialect;
import org.urbanmine.input.CsvHeader;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.publish.ObservedMetrics;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.MetalCatalog;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.SmallInputMode;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;
import org.urbanmine.tables.TableSpec;

/**
 * {@code ingest}: recovery-record files to {@code recovery_records} and {@code rejected_records}.
 * Every non-blank input row (CSV headers aside) lands in exactly one of the two.
 */
public final class IngestJob implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(RecoveryRecordsTable.TABLE, RejectedRecordsTable.TABLE);
  }

  /** The inputs as fingerprinted when the run started; the run reads exactly these. */
  private List<InputFingerprint.InputFile> inputs;
  /** The ingest cache, opened once per run (its key hashes the reference tables, read to open it). */
  private IngestCache cache;

  private IngestCache cache(Configuration hadoop, RunContext context) {
    if (cache == null) {
      cache = IngestCache.of(hadoop, context.warehouse(), context.settings());
    }
    return cache;
  }

  /**
   * Lists the recovery-record files; reads none of them. A file whose size and modification time
   * equal those a succeeded run recorded, and whose checked rows are in the ingest cache, is not
   * read again: its recorded fingerprint stands (the way make and rsync trust a file's size and
   * time). The others are fingerprinted by the tasks that read them ({@link #inputFilesRead}).
   */
  @Override
  public List<java.util.Map<String, Object>> inputFiles(Configuration hadoop, RunContext context) {
    IngestCache cache = cache(hadoop, context);
    Map<String, RunHistory.RecordedInput> recorded = RunHistory.lastFingerprints(context.warehouse());
    InputFingerprint.Known known = status -> {
      RunHistory.RecordedInput r = recorded.get(status.getPath().toString());
      if (r == null || r.sizeBytes() != status.getLen() || r.modifiedAt() != status.getModificationTime()
          || !cache.has(cache.key(status.getPath().getName(), r.sha256()))) {
        return Optional.empty();
      }
      return Optional.of(new InputFingerprint.InputFile(r.path(), status.getPath().getName(), r.sizeBytes(),
          r.sha256(), null, r.modifiedAt(), null, CsvDialect.fromMap(r.details())));
    };
    inputs = InputFingerprint.listed(hadoop, context.settings().input().recoveryRecords(),
        RawRecordReader.RECORDS_KEY, known);
    return inputs.stream().map(InputFingerprint.InputFile::asMap).toList();
  }

  /** The files as {@link #run} read them: each with the fingerprint its tasks took. */
  @Override
  public List<Map<String, Object>> inputFilesRead(List<Map<String, Object>> listed) {
    return inputs == null ? listed : inputs.stream().map(InputFingerprint.InputFile::asMap).toList();
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Settings settings = context.settings();
    String location = settings.input().recoveryRecords();
    List<InputFingerprint.InputFile> files = inputs != null ? inputs
        : InputFingerprint.listed(spark.sparkContext().hadoopConfiguration(), location, RawRecordReader.RECORDS_KEY,
            InputFingerprint.Known.NOTHING);
    if (files.isEmpty()) {
      throw new RunFailedException("no *.csv or *.jsonl files in " + location
          + " (urbanmine.input.recovery-records)");
    }
    IngestCache cache = cache(spark.sparkContext().hadoopConfiguration(), context);
    List<InputFingerprint.InputFile> fresh = files.stream()
        .filter(f -> f.sha256() == null || !cache.has(cache.key(f.name(), f.sha256()))).toList();
    LOG.info("ingest: {} file(s) in {}: reading {}, the rest from the ingest cache {}", files.size(), location,
        fresh.size(), Warehouse.display(cache.root()));
    if (!fresh.isEmpty()) {
      files = readNew(spark, context, files, fresh, cache);
      inputs = files;
    }
    Map<String, String> keys = new LinkedHashMap<>();
    files.forEach(f -> keys.put(f.name(), cache.key(f.name(), f.sha256())));
    Dataset<Row> rows = cache.read(spark, keys.values());
    cache.keepOnly(keys.values());
    // Repeats are looked for among all files' rows, old and new. Only the repeated keys and their
    // first rows are held in memory, both few: each table written below reads the rows again
    // from the cache's Parquet, which is cheaper than holding millions of rows.
    Dataset<Row> hashes = RecoveryRecords.repeatedKeyHashes(rows);
    Dataset<Row> firsts = RecoveryRecords.firstOccurrences(rows, hashes);
    // Cached and counted where Spark picks joins by size: then it knows both are small and
    // broadcasts them, instead of moving every row between tasks. A small run joins without
    // broadcasts (SmallInputMode): there both are left to the writes' own jobs, and the repeated
    // keys are counted as the first write reads them (in one piece: no range sampling reads them too).
    boolean cached = broadcastsBySize(spark);
    Observation repeats = new Observation();
    try {
      Dataset<Row> firstsObserved;
      if (cached) {
        hashes = hashes.persist();
        firsts = RecoveryRecords.firstOccurrences(rows, hashes).persist();
        hashes.count();
        logRepeatedKeys(firsts.count());
        hashes.unpersist();
        firstsObserved = firsts;
      } else {
        firstsObserved = firsts.observe(repeats, count(lit(1)).as(REPEATED_KEYS));
      }
      // From the cached files' footers: every input row is in the cache, checked or rejected.
      long inputRows = cache.rows(keys.values());
      Dataset<Row> accepted = RecoveryRecords.markRepeats(rows, firstsObserved)
          .filter(col(RecordNormalizer.REASON_CODE).isNull());
      Dataset<Row> rejected = RecoveryRecords.markRepeats(rows, firsts)
          .filter(col(RecordNormalizer.REASON_CODE).isNotNull());
      long acceptedRows = context.warehouse().stage(RecoveryRecordsTable.TABLE,
          accepted.withColumn(RecoveryRecordsTable.RUN_ID, lit(context.runId())));
      if (!cached) {
        logRepeatedKeys(ObservedMetrics.count(repeats, REPEATED_KEYS, "the count of repeated keys"));
      }
      long rejectedRows = context.warehouse().stage(RejectedRecordsTable.TABLE,
          rejected.withColumn(RejectedRecordsTable.RUN_ID, lit(context.runId())));
      if (acceptedRows + rejectedRows != inputRows) {
        throw new IllegalStateException("ingest lost rows: " + inputRows + " read, "
            + acceptedRows + " accepted + " + rejectedRows + " rejected");
      }
      checkRejectedShare(inputRows, rejectedRows, settings.quality().maxRejectedShare(),
          Warehouse.display(context.warehouse().staged(RejectedRecordsTable.TABLE.name())));
      return new StageReport()
          .read("input rows in " + files.size() + " file(s), " + fresh.size() + " read and "
              + (files.size() - fresh.size()) + " from the ingest cache", inputRows)
          .wrote(RecoveryRecordsTable.TABLE.name(), acceptedRows)
          .wrote(RejectedRecordsTable.TABLE.name(), rejectedRows)
          .rejected(rejectedRows);
    } finally {
      hashes.unpersist();
      firsts.unpersist();
    }
  }

  /**
   * Reads the new files in splits, checks their rows and adds them to the cache under keys of
   * their fingerprints, which the reading tasks took; returns {@code files} with those fingerprints.
   */
  private static List<InputFingerprint.InputFile> readNew(SparkSession spark, RunContext context,
      List<InputFingerprint.InputFile> files, List<InputFingerprint.InputFile> listed, IngestCache cache) {
    Settings settings = context.settings();
    List<InputFingerprint.InputFile> fresh = RawRecordReader.withHeads(spark.sparkContext().hadoopConfiguration(),
        listed, settings.input().dialect(), settings.input().fileDialects());
    Map<String, CsvHeader> headers = new HashMap<>();
    Map<String, CsvDialect> dialects = new HashMap<>();
    for (InputFingerprint.InputFile f : fresh) {
      if (f.header() != null) {
        headers.put(f.name(), f.header());
      }
      dialects.put(f.name(), f.dialect());
      LOG.info("ingest: {}: {}", f.name(), f.dialect().asMap());
    }
    Map<String, Integer> indexByFile = new LinkedHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      indexByFile.put(fresh.get(i).name(), i);
    }
    CountryResolver countries = CountryResolver.load(spark, settings.reference());
    MetalCatalog metals = new MetalCatalog(settings.metals());
    Path staging = new Path(context.warehouse().stagingRoot(), IngestCache.DIR);
    int[] passes = {0};
    RawRecordReader.Read<Path> read;
    try {
      read = RawRecordReader.read(spark, fresh, settings.input().splitBytes(), lines -> {
        Path pass = new Path(staging, "pass-" + passes[0]++);
        cache.stage(RecordNormalizer.normalize(RecordParser.parse(lines, headers, dialects), countries, metals,
            settings.input()), indexByFile, pass);
        return pass;
      });
    } catch (Exception e) {
      throw RunFailedException.fromTaskCheck(e);
    }
    if (!read.readWhole().isEmpty()) {
      LOG.info("ingest: read again whole, a quoted field spanning the end of a split: {}", read.readWhole());
    }
    Map<String, InputFingerprint.InputFile> byName = new LinkedHashMap<>();
    files.forEach(f -> byName.put(f.name(), f));
    for (InputFingerprint.InputFile f : fresh) {
      String sha = read.sha256().get(f.name());
      Path pass = read.passes().get(read.readWhole().contains(f.name()) ? 1 : 0);
      cache.commit(IngestCache.staged(pass, indexByFile.get(f.name())), cache.key(f.name(), sha),
          read.lineOffsets().get(f.name()));
      byName.put(f.name(), f.withSha256(sha));
    }
    return List.copyOf(byName.values());
  }

  private static final String REPEATED_KEYS = "repeated_keys";

  private static void logRepeatedKeys(long keys) {
    LOG.info("ingest: {} key(s) of (source, record_id) used by more than one row", keys);
  }

  /** Whether Spark broadcasts the small side of a join by its size (SmallInputMode turns it off). */
  private static boolean broadcastsBySize(SparkSession spark) {
    return !spark.conf().get(SmallInputMode.BROADCAST_THRESHOLD).trim().startsWith("-");
  }

  /**
   * Numbered lines to every row's verdict: the normalised record with {@code reason_code} null,
   * or the reason it is rejected (including repeats of records accepted earlier).
   */
  public static Dataset<Row> classify(
      Dataset<Row> lines, CountryResolver countries, MetalCatalog metals, Settings.Input input) {
    // Checked rows computed once, as the nightly run reads them from the ingest cache: otherwise
    // Spark pushes the repeat search's filters down into the parsing, copying its expressions
    // into every predicate (hundreds of CSV parsers, each with its own buffers).
    Dataset<Row> checked = RecordNormalizer.normalize(RecordParser.parse(lines), countries, metals, input)
        .localCheckpoint();
    return RecoveryRecords.markRepeats(checked);
  }

  static void checkRejectedShare(long inputRows, long rejectedRows, double maxShare, String where) {
    double share = inputRows == 0 ? 0 : (double) rejectedRows / inputRows;
    if (share > maxShare) {
      throw new RunFailedException(String.format(
          "%d of %d input rows rejected (%.1f %%), more than urbanmine.quality.max-rejected-share"
              + " = %s; nothing was published; the rejects are in %s", rejectedRows, inputRows,
          share * 100, maxShare, where));
    }
    LOG.info("ingest: {} of {} input rows rejected ({} %)", rejectedRows, inputRows,
        String.format("%.1f", share * 100));
  }
}
