package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
    // Cache keys in the order of the files' names as Spark orders strings (by their UTF-8 bytes):
    // the order of the tables' pieces, so recovery_records is sorted by source_file first.
    Map<String, String> keys = new TreeMap<>(
        Comparator.comparing((String name) -> name.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    files.forEach(f -> keys.put(f.name(), cache.key(f.name(), f.sha256())));
    Dataset<Row> rows = cache.read(spark, keys.values());
    cache.keepOnly(keys.values());
    // From the cached files' footers: every input row is in the cache, checked or rejected.
    long inputRows = cache.rows(keys.values());
    IngestPieces pieces = IngestPieces.of(spark.sparkContext().hadoopConfiguration(), cache.root());
    Optional<IngestPieces.Manifest> last =
        pieces.published(context.warehouse().versions().current(RecoveryRecordsTable.TABLE.name()));
    Repiecing plan = Repiecing.of(rows, List.copyOf(keys.values()), last);
    LOG.info("ingest: {} file(s) whose pieces are written again ({}), {} taken as they are", plan.affected().size(),
        plan.reason(), keys.size() - plan.affected().size());
    if (!plan.affected().isEmpty()) {
      writePieces(spark, context, pieces, plan);
    }
    Map<String, String> runByKey = new LinkedHashMap<>();
    keys.values().forEach(k ->
        runByKey.put(k, plan.affected().contains(k) ? context.runId() : last.get().runByKey().get(k)));
    IngestPieces.Manifest manifest = new IngestPieces.Manifest(context.runId(), runByKey);
    pieces.commit(manifest);
    List<IngestPieces.Manifest> kept = new ArrayList<>(List.of(manifest));
    last.ifPresent(kept::add);
    pieces.keepOnly(kept);
    long acceptedRows = context.warehouse().stageJoined(RecoveryRecordsTable.TABLE,
        pieces.files(manifest, RecoveryRecordsTable.TABLE));
    long rejectedRows = context.warehouse().stageJoined(RejectedRecordsTable.TABLE,
        pieces.files(manifest, RejectedRecordsTable.TABLE));
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
  }

  /**
   * Which files' pieces a night writes, and the rows among which it looks for the first
   * occurrences of their repeated keys.
   *
   * @param affected the cache keys of the files whose pieces are written
   * @param scope the rows whose repeated keys decide those files' repeats: every occurrence of a
   *     key that the affected files' rows have is among them
   * @param reason why, for the log
   */
  record Repiecing(Set<String> affected, Dataset<Row> scope, String reason) {
    /**
     * Pieces are written for new files, and for old files that share a repeated key with a new
     * one (a new file that sorts first can make an old row a repeat). Repeats in those old files
     * are then decided among all rows, since their other keys may repeat in untouched files; where
     * no old file is touched, among the new files' rows alone. Where a file was dropped since the
     * published manifest (which can make a repeat a first occurrence), or there is none, every
     * piece is written.
     */
    static Repiecing of(Dataset<Row> rows, List<String> keys, Optional<IngestPieces.Manifest> last) {
      if (last.isEmpty() || !keys.containsAll(last.get().keys())) {
        return new Repiecing(new LinkedHashSet<>(keys), rows,
            last.isEmpty() ? "no published pieces" : "files dropped, or read under other rules, since");
      }
      Set<String> fresh = new LinkedHashSet<>(keys);
      fresh.removeAll(last.get().keys());
      if (fresh.isEmpty()) {
        return new Repiecing(Set.of(), rows, "no new file");
      }
      Column isFresh = col(IngestCache.KEY).isin(fresh.toArray());
      Column hash = col(RecoveryRecordsTable.KEY_HASH);
      Dataset<Row> freshRows = rows.filter(isFresh);
      Dataset<Row> freshHashes = freshRows.filter(hash.isNotNull()).select(hash).distinct();
      // One column of 8 bytes read from every cached row: the old files that repeat a new key.
      List<String> touched = rows.filter(not(isFresh).and(hash.isNotNull()))
          .select(col(IngestCache.KEY), hash).join(freshHashes, RecoveryRecordsTable.KEY_HASH)
          .select(IngestCache.KEY).distinct().as(Encoders.STRING()).collectAsList();
      Set<String> affected = new LinkedHashSet<>(fresh);
      affected.addAll(touched);
      return touched.isEmpty() ? new Repiecing(affected, freshRows, "new files")
          : new Repiecing(affected, rows, "new files, and old files whose keys they repeat");
    }
  }

  /** Marks the repeats of the affected files' rows and writes their pieces of both tables. */
  private static void writePieces(SparkSession spark, RunContext context, IngestPieces pieces, Repiecing plan) {
    Dataset<Row> scope = plan.scope();
    Dataset<Row> hashes = RecoveryRecords.repeatedKeyHashes(scope);
    Dataset<Row> firsts = RecoveryRecords.firstOccurrences(scope, hashes);
    // Cached and counted where Spark picks joins by size: then it knows both are small and
    // broadcasts them, instead of moving every row between tasks. A small run joins without
    // broadcasts (SmallInputMode): there both are left to the writes' own jobs, and the repeated
    // keys are counted as the first write reads them.
    boolean cached = broadcastsBySize(spark);
    Observation repeats = new Observation();
    try {
      Dataset<Row> firstsObserved;
      if (cached) {
        hashes = hashes.persist();
        firsts = RecoveryRecords.firstOccurrences(scope, hashes).persist();
        hashes.count();
        logRepeatedKeys(firsts.count());
        hashes.unpersist();
        firstsObserved = firsts;
      } else {
        firstsObserved = firsts.observe(repeats, count(lit(1)).as(REPEATED_KEYS));
      }
      Dataset<Row> affected = scope.filter(col(IngestCache.KEY).isin(plan.affected().toArray()));
      Column runId = lit(context.runId());
      context.warehouse().writePieces(RecoveryRecordsTable.TABLE,
          RecoveryRecords.markRepeats(affected, firstsObserved).filter(col(RecordNormalizer.REASON_CODE).isNull())
              .withColumn(RecoveryRecordsTable.RUN_ID, runId),
          IngestCache.KEY, pieces.dir(context.runId(), RecoveryRecordsTable.TABLE));
      if (!cached) {
        logRepeatedKeys(ObservedMetrics.count(repeats, REPEATED_KEYS, "the count of repeated keys"));
      }
      context.warehouse().writePieces(RejectedRecordsTable.TABLE,
          RecoveryRecords.markRepeats(affected, firsts).filter(col(RecordNormalizer.REASON_CODE).isNotNull())
              .withColumn(RejectedRecordsTable.RUN_ID, runId),
          IngestCache.KEY, pieces.dir(context.runId(), RejectedRecordsTable.TABLE));
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
        listed, settings.input()::dialectOf);
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
        cache.stage(RecoveryRecords.withKeyHash(RecordNormalizer.normalize(RecordParser.parse(lines, headers, dialects),
            countries, metals, settings.input())), indexByFile, pass);
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
