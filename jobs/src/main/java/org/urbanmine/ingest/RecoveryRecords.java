package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.urbanmine.tables.RecoveryRecordsTable.CATEGORY;
import static org.urbanmine.tables.RecoveryRecordsTable.COUNTRY_CODE;
import static org.urbanmine.tables.RecoveryRecordsTable.KEY_HASH;
import static org.urbanmine.tables.RecoveryRecordsTable.LINE_NUMBER;
import static org.urbanmine.tables.RecoveryRecordsTable.MASS_KG;
import static org.urbanmine.tables.RecoveryRecordsTable.METAL;
import static org.urbanmine.tables.RecoveryRecordsTable.NOTE;
import static org.urbanmine.tables.RecoveryRecordsTable.RECORD_ID;
import static org.urbanmine.tables.RecoveryRecordsTable.SOURCE;
import static org.urbanmine.tables.RecoveryRecordsTable.SOURCE_FILE;
import static org.urbanmine.tables.RecoveryRecordsTable.YEAR;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.tables.RejectReason;

/**
 * {@code recovery_records}: one clean, normalised recovery record per row. Written by
 * {@link IngestJob}; the input of every later stage.
 */
public final class RecoveryRecords {

  private static final String WAS_CLEAN = "was_clean";
  private static final String CONTENT = "content";
  private static final String FIRST = "first";
  private static final String FIRST_SOURCE = "first_source";
  private static final String FIRST_RECORD_ID = "first_record_id";

  private RecoveryRecords() {}

  /**
   * Marks repeats among the rows that passed every check (those with {@code reason_code} null):
   * rows with equal values after normalisation are duplicates of the first (by file, then line);
   * rows reusing a source's record_id with other values conflict with it. Returns every row, with
   * {@code record_id} filled in on the clean ones and {@code reason_code}/{@code reason} set on the
   * repeats; the first occurrence stays clean, and rows rejected before are passed through as they
   * are.
   */
  public static Dataset<Row> markRepeats(Dataset<Row> checked) {
    Dataset<Row> hashed = withKeyHash(checked);
    return markRepeats(hashed, firstOccurrences(hashed, repeatedKeyHashes(hashed)));
  }

  /**
   * The rows with {@code key_hash}: on each clean row a 64-bit hash of (source, record_id), its
   * record_id filled in as {@link #markRepeats} fills it; null on rows rejected already. Kept with
   * the checked rows (the ingest cache), so that looking for repeats among millions of rows reads
   * one column of 8 bytes instead of the eight that make a generated record_id. Rows that have
   * the column keep it.
   */
  public static Dataset<Row> withKeyHash(Dataset<Row> checked) {
    if (Arrays.asList(checked.columns()).contains(KEY_HASH)) {
      return checked;
    }
    return checked.withColumn(KEY_HASH,
        when(col(RecordNormalizer.REASON_CODE).isNull(), xxhash64(col(SOURCE), filledId(content()))));
  }

  /**
   * {@code key_hash}: the hashes ({@link #withKeyHash}) that more than one clean row of
   * {@code hashed} has. Few rows repeat a key, so counting 8-byte hashes finds them without
   * moving every row's values between tasks; a hash shared by two different keys only brings both
   * keys to {@link #firstOccurrences}, which compares the keys themselves.
   */
  public static Dataset<Row> repeatedKeyHashes(Dataset<Row> hashed) {
    return hashed.filter(col(KEY_HASH).isNotNull())
        .groupBy(col(KEY_HASH)).count()
        .filter(col("count").gt(1)).select(KEY_HASH);
  }

  /**
   * For each key of {@code repeatedHashes} that clean rows really share: {@code first_source},
   * {@code first_record_id} and {@code first}, the first of them by file and line (a struct of
   * {@code source_file}, {@code line_number} and the row's values as one string).
   * {@code repeatedHashes} is joined as it is: once it is cached and counted, Spark knows its size
   * and broadcasts it when it is small.
   */
  public static Dataset<Row> firstOccurrences(Dataset<Row> hashed, Dataset<Row> repeatedHashes) {
    return cleanWithIds(hashed)
        .join(repeatedHashes, KEY_HASH)
        .groupBy(col(SOURCE), col(RECORD_ID))
        .agg(count(lit(1)).as("rows"), min(struct(col(SOURCE_FILE), col(LINE_NUMBER), col(CONTENT))).as(FIRST))
        .filter(col("rows").gt(1))
        .select(col(SOURCE).as(FIRST_SOURCE), col(RECORD_ID).as(FIRST_RECORD_ID), col(FIRST));
  }

  /**
   * {@link #markRepeats(Dataset)} with the first occurrences of repeated keys found already: one
   * pass over the rows, each looking its key up among {@code firsts} (small, so broadcast once it
   * is cached).
   */
  public static Dataset<Row> markRepeats(Dataset<Row> checked, Dataset<Row> firsts) {
    Column clean = col(WAS_CLEAN);
    Column first = col(FIRST);
    Column firstAt = concat(first.getField(SOURCE_FILE), lit(":"), first.getField(LINE_NUMBER).cast("string"));
    Column repeat = clean.and(first.isNotNull())
        .and(not(col(SOURCE_FILE).equalTo(first.getField(SOURCE_FILE))
            .and(col(LINE_NUMBER).equalTo(first.getField(LINE_NUMBER)))));
    Column duplicate = repeat.and(col(CONTENT).equalTo(first.getField(CONTENT)));
    // Distinct names on the two sides: both come from the same rows, so Spark would take a
    // condition on equal names for one that compares a column with itself.
    return withIds(checked)
        .join(firsts, col(SOURCE).equalTo(col(FIRST_SOURCE)).and(col(RECORD_ID).equalTo(col(FIRST_RECORD_ID)))
            .and(clean), "left")
        .withColumn(RecordNormalizer.REASON_CODE,
            when(duplicate, lit(RejectReason.DUPLICATE.code()))
                .when(repeat, lit(RejectReason.CONFLICTING_RECORD_ID.code()))
                .otherwise(col(RecordNormalizer.REASON_CODE)))
        .withColumn(RecordNormalizer.REASON,
            when(duplicate, concat(lit("duplicate of "), firstAt))
                .when(repeat, concat(lit("record_id '"), col(RECORD_ID),
                    lit("' of source '"), col(SOURCE), lit("' already used with other values at "), firstAt))
                .otherwise(col(RecordNormalizer.REASON)))
        .drop(CONTENT, WAS_CLEAN, FIRST, FIRST_SOURCE, FIRST_RECORD_ID);
  }

  /** The rows with {@value #WAS_CLEAN}, {@value #CONTENT} and clean rows' record_id filled in. */
  private static Dataset<Row> withIds(Dataset<Row> checked) {
    Column clean = col(WAS_CLEAN);
    return checked
        .withColumn(WAS_CLEAN, col(RecordNormalizer.REASON_CODE).isNull())
        .withColumn(CONTENT, when(clean, content()))
        .withColumn(RECORD_ID, when(clean, filledId(col(CONTENT))).otherwise(col(RECORD_ID)));
  }

  /** A row's values after normalisation, as one string: what a duplicate repeats. */
  private static Column content() {
    return concat_ws("\u0001",
        coalesce(col(RECORD_ID), lit("")), col(SOURCE), col(COUNTRY_CODE),
        col(YEAR).cast("string"), col(METAL), col(MASS_KG).cast("string"),
        coalesce(col(CATEGORY), lit("")), coalesce(col(NOTE), lit("")));
  }

  /** record_id as given, or 'gen-' and 16 hex digits of a hash of the row's {@link #content}. */
  private static Column filledId(Column content) {
    return coalesce(col(RECORD_ID), concat(lit("gen-"), substring(sha2(content, 256), 1, 16)));
  }

  private static Dataset<Row> cleanWithIds(Dataset<Row> checked) {
    return withIds(checked).filter(col(WAS_CLEAN));
  }
}
