package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.publish.TableSpec;
import org.urbanmine.reference.CountryResolver;

/**
 * {@code recovery_records}: one clean, normalised recovery record per row. Written by
 * {@link IngestJob}; the input of every later stage.
 */
public final class RecoveryRecords {
  public static final String RECORD_ID = RecordNormalizer.RECORD_ID;
  public static final String SOURCE = RecordNormalizer.SOURCE;
  public static final String SOURCE_FILE = RawRecordReader.SOURCE_FILE;
  public static final String COUNTRY_CODE = CountryResolver.COUNTRY_CODE;
  public static final String COUNTRY_NAME = CountryResolver.COUNTRY_NAME;
  public static final String REGION = CountryResolver.REGION;
  public static final String SUB_REGION = CountryResolver.SUB_REGION;
  public static final String YEAR = RecordNormalizer.YEAR;
  public static final String METAL = RecordNormalizer.METAL;
  public static final String MASS_KG = RecordNormalizer.MASS_KG;
  public static final String CATEGORY = RecordNormalizer.CATEGORY;
  public static final String RUN_ID = "run_id";
  public static final String LINE_NUMBER = RawRecordReader.LINE_NUMBER;
  public static final String NOTE = RecordNormalizer.NOTE;

  public static final TableSpec TABLE = TableSpec.builder("recovery_records",
          "One clean recovery record per row: metal recovered from e-waste in a country and year.")
      .column(RECORD_ID, DataTypes.StringType,
          "record_id as given, or 'gen-' + 16 hex digits of a hash of the record's values")
      .column(SOURCE, DataTypes.StringType, "who published the figure (file name when not given)")
      .column(SOURCE_FILE, DataTypes.StringType, "input file name")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(COUNTRY_NAME, DataTypes.StringType, "ISO 3166-1 English short name")
      .column(REGION, DataTypes.StringType, "UN M49 region, e.g. Asia")
      .column(SUB_REGION, DataTypes.StringType, "UN M49 sub-region, e.g. Eastern Asia")
      .column(YEAR, DataTypes.IntegerType, "year the metal was recovered")
      .column(METAL, DataTypes.StringType, "canonical lower-case metal name, e.g. gold")
      .column(MASS_KG, DataTypes.DoubleType, "metal recovered, kilograms")
      .column(CATEGORY, DataTypes.StringType, "product category as given, may be null")
      .column(RUN_ID, DataTypes.StringType, "the run that wrote the row")
      .column(LINE_NUMBER, DataTypes.IntegerType, "1-based line in source_file")
      .column(NOTE, DataTypes.StringType, "note as given, may be null")
      .key(SOURCE, RECORD_ID)
      .sortedBy(COUNTRY_CODE, YEAR, METAL, SOURCE, RECORD_ID)
      .build();

  private RecoveryRecords() {}

  /**
   * Marks repeats among the rows that passed every check (those with {@code reason_code} null):
   * rows with equal values after normalisation are duplicates of the first (by file, then line);
   * rows reusing a source's record_id with other values conflict with it. Returns every row, with
   * {@code record_id} filled in on the clean ones and {@code reason_code}/{@code reason} set on the
   * repeats; the first occurrence stays clean, and rows rejected before are passed through as they
   * are. One pass: the rejected rows are windowed apart rather than split off and unioned back,
   * which would compute every row twice.
   */
  public static Dataset<Row> markRepeats(Dataset<Row> checked) {
    Column clean = col("was_clean");
    Column content = concat_ws("\u0001",
        coalesce(col(RECORD_ID), lit("")), col(SOURCE), col(COUNTRY_CODE),
        col(YEAR).cast("string"), col(METAL), col(MASS_KG).cast("string"),
        coalesce(col(CATEGORY), lit("")), coalesce(col(NOTE), lit("")));
    Column generatedId = concat(lit("gen-"), substring(sha2(col("content"), 256), 1, 16));
    WindowSpec byId = Window.partitionBy(clean, col(SOURCE), col(RECORD_ID))
        .orderBy(col(SOURCE_FILE), col(LINE_NUMBER));
    Column firstContent = first(col("content")).over(byId);
    Column firstAt = first(concat(col(SOURCE_FILE), lit(":"), col(LINE_NUMBER).cast("string"))).over(byId);
    Column repeat = clean.and(row_number().over(byId).gt(1));
    Column duplicate = repeat.and(col("content").equalTo(firstContent));
    return checked
        .withColumn("was_clean", col(RecordNormalizer.REASON_CODE).isNull())
        .withColumn("content", when(clean, content))
        .withColumn(RECORD_ID, when(clean, coalesce(col(RECORD_ID), generatedId)).otherwise(col(RECORD_ID)))
        .withColumn(RecordNormalizer.REASON_CODE,
            when(duplicate, lit(RejectReason.DUPLICATE.code()))
                .when(repeat, lit(RejectReason.CONFLICTING_RECORD_ID.code()))
                .otherwise(col(RecordNormalizer.REASON_CODE)))
        .withColumn(RecordNormalizer.REASON,
            when(duplicate, concat(lit("duplicate of "), firstAt))
                .when(repeat, concat(lit("record_id '"), col(RECORD_ID),
                    lit("' of source '"), col(SOURCE), lit("' already used with other values at "), firstAt))
                .otherwise(col(RecordNormalizer.REASON)))
        .drop("content", "was_clean");
  }
}
