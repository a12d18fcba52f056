package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.config.Settings;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.MetalCatalog;
import org.urbanmine.reference.UnitConverter;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectReason;

/**
 * Parsed records to normalised values plus, for each row, the first reason it cannot be accepted
 * ({@code reason_code}, {@code reason}; both null for a clean row). Checks run in the order of
 * {@link RejectReason}, so a row missing its unit and naming an unknown country is reported as
 * missing a field.
 */
public final class RecordNormalizer {
  public static final String REASON_CODE = "reason_code";
  public static final String REASON = "reason";

  /** Normalised columns this step adds. */
  public static final String RECORD_ID = RecoveryRecordsTable.RECORD_ID;
  public static final String SOURCE = RecoveryRecordsTable.SOURCE;
  public static final String YEAR = RecoveryRecordsTable.YEAR;
  public static final String METAL = RecoveryRecordsTable.METAL;
  public static final String MASS_KG = RecoveryRecordsTable.MASS_KG;
  public static final String CATEGORY = RecoveryRecordsTable.CATEGORY;
  public static final String NOTE = RecoveryRecordsTable.NOTE;

  static final String RAW_COUNTRY = "raw_country";
  static final String RAW_YEAR = "raw_year";
  static final String RAW_METAL = "raw_metal";
  static final String RAW_AMOUNT = "raw_amount";
  static final String RAW_UNIT = "raw_unit";

  private RecordNormalizer() {}

  public static Dataset<Row> normalize(
      Dataset<Row> parsed, CountryResolver countries, MetalCatalog metals, Settings.Input input) {
    Dataset<Row> extracted = parsed
        .withColumn(RAW_COUNTRY, RecordParser.field("country"))
        .withColumn(RAW_YEAR, RecordParser.field("year"))
        .withColumn(RAW_METAL, RecordParser.field("metal"))
        .withColumn(RAW_AMOUNT, RecordParser.field("amount"))
        .withColumn(RAW_UNIT, RecordParser.field("unit"))
        .withColumn(RECORD_ID, RecordParser.field("record_id"))
        .withColumn(SOURCE, RecordParser.field("source"))
        .withColumn(CATEGORY, RecordParser.field("category"))
        .withColumn(NOTE, RecordParser.field("note"));

    Dataset<Row> resolved = countries.resolve(extracted, RAW_COUNTRY)
        .withColumn(YEAR, col(RAW_YEAR).try_cast(DataTypes.IntegerType))
        .withColumn(METAL, metals.canonical(col(RAW_METAL)))
        .withColumn("kg_per_unit", UnitConverter.kgPerUnit(col(RAW_UNIT)))
        .withColumn("amount", UnitConverter.parseAmount(pointDecimal(col(RAW_AMOUNT))))
        .withColumn(MASS_KG, col("amount").multiply(col("kg_per_unit")))
        .withColumn(SOURCE, sourceOrFileName());

    Column missing = array_join(array_compact(array(
        missingName(RAW_COUNTRY, "country"), missingName(RAW_YEAR, "year"),
        missingName(RAW_METAL, "metal"), missingName(RAW_AMOUNT, "amount"),
        missingName(RAW_UNIT, "unit"))), ", ");

    Column anyMissing = col(RAW_COUNTRY).isNull().or(col(RAW_YEAR).isNull()).or(col(RAW_METAL).isNull())
        .or(col(RAW_AMOUNT).isNull()).or(col(RAW_UNIT).isNull());
    Column undecodable = col(RawRecordReader.RAW_BASE64).isNotNull();
    Column code = when(undecodable, code(RejectReason.BAD_ENCODING))
        .when(col(RecordParser.MALFORMED).isNotNull(), code(RejectReason.MALFORMED_ROW))
        .when(anyMissing, code(RejectReason.MISSING_FIELD))
        .when(col(YEAR).isNull(), code(RejectReason.BAD_YEAR))
        .when(col(YEAR).lt(input.minYear()).or(col(YEAR).gt(input.maxYear())),
            code(RejectReason.YEAR_OUT_OF_RANGE))
        .when(col(CountryResolver.COUNTRY_CODE).isNull(), code(RejectReason.UNKNOWN_COUNTRY))
        .when(col(METAL).isNull(), code(RejectReason.UNKNOWN_METAL))
        .when(col("kg_per_unit").isNull(), code(RejectReason.UNKNOWN_UNIT))
        .when(col("amount").isNull().or(col("amount").leq(0)), code(RejectReason.BAD_AMOUNT));

    Column reason = when(undecodable, lit("the line is not text in the file's encoding (runs.inputs names it);"
            + " its bytes are in raw_base64"))
        .when(col(RecordParser.MALFORMED).isNotNull(), col(RecordParser.MALFORMED))
        .when(anyMissing, concat(lit("missing: "), missing))
        .when(col(YEAR).isNull(), quoted("year is not a whole number: ", RAW_YEAR))
        .when(col(YEAR).isNotNull().and(col(YEAR).lt(input.minYear()).or(col(YEAR).gt(input.maxYear()))),
            format_string("year %d is outside %d..%d (urbanmine.input.min-year/max-year)",
                col(YEAR), lit(input.minYear()), lit(input.maxYear())))
        .when(col(CountryResolver.COUNTRY_CODE).isNull(), quoted("unknown country: ", RAW_COUNTRY))
        .when(col(METAL).isNull(), quoted("unknown metal: ", RAW_METAL))
        .when(col("kg_per_unit").isNull(),
            when(UnitConverter.ambiguity(col(RAW_UNIT)).isNotNull(), UnitConverter.ambiguity(col(RAW_UNIT)))
                .otherwise(quoted("unknown unit: ", RAW_UNIT)))
        .when(col("amount").isNull(), quoted("amount is not a number: ", RAW_AMOUNT))
        .when(col("amount").lt(0), quoted("amount is negative: ", RAW_AMOUNT))
        .when(col("amount").equalTo(0), quoted("amount is zero: ", RAW_AMOUNT));

    return resolved
        .withColumn(REASON_CODE, code)
        .withColumn(REASON, when(col(REASON_CODE).isNotNull(), reason));
  }

  /**
   * An amount as the unit converter reads it: from a file whose decimal mark is a comma
   * ({@code 1.234,5}), its points (thousands) dropped and its comma made the point.
   */
  private static Column pointDecimal(Column amount) {
    return when(col(RecordParser.DECIMAL_MARK).equalTo(","), translate(regexp_replace(amount, "\\.", ""), ",", "."))
        .otherwise(amount);
  }

  /** A record without a source is attributed to its file: "japan-2014.csv" gives "japan-2014". */
  private static Column sourceOrFileName() {
    Column stem = regexp_extract(col(RawRecordReader.SOURCE_FILE), "^(.*?)(\\.[^.]*)?$", 1);
    return when(col(SOURCE).isNotNull(), col(SOURCE)).otherwise(stem);
  }

  private static Column missingName(String column, String name) {
    return when(col(column).isNull(), lit(name));
  }

  private static Column code(RejectReason reason) {
    return lit(reason.code());
  }

  private static Column quoted(String prefix, String column) {
    return concat(lit(prefix + "'"), col(column), lit("'"));
  }
}
