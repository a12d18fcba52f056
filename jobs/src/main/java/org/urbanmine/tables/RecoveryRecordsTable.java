package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.reference.CountryResolver;

/**
 * The table specification of {@code recovery_records}: its columns, key and partitions. Written by
 * {@code ingest.RecoveryRecords}, tested in {@code RecoveryRecordsTest}; other stages read the
 * table through this class only.
 */
public final class RecoveryRecordsTable {
  public static final String RECORD_ID = "record_id";
  public static final String SOURCE = "source";
  public static final String SOURCE_FILE = "source_file";
  public static final String COUNTRY_CODE = CountryResolver.COUNTRY_CODE;
  public static final String COUNTRY_NAME = CountryResolver.COUNTRY_NAME;
  public static final String REGION = CountryResolver.REGION;
  public static final String SUB_REGION = CountryResolver.SUB_REGION;
  public static final String YEAR = "year";
  public static final String METAL = "metal";
  public static final String MASS_KG = "mass_kg";
  public static final String CATEGORY = "category";
  public static final String RUN_ID = "run_id";
  public static final String LINE_NUMBER = "line_number";
  public static final String NOTE = "note";
  public static final String KEY_HASH = "key_hash";
  /** What run_id means in both ingest tables, whose rows are written in pieces by input file. */
  public static final String PIECE_RUN_ID =
      "the run that wrote the row: the night its file was read, or its repeats marked again";

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
      .column(RUN_ID, DataTypes.StringType, PIECE_RUN_ID)
      .column(LINE_NUMBER, DataTypes.IntegerType, "1-based line in source_file")
      .column(NOTE, DataTypes.StringType, "note as given, may be null")
      .key(SOURCE, RECORD_ID)
      // By file first: the table is its files' pieces joined in name order (ingest.IngestPieces).
      .sortedBy(SOURCE_FILE, COUNTRY_CODE, YEAR, METAL, SOURCE, RECORD_ID)
      .writtenInParallel()
      .build();

  private RecoveryRecordsTable() {}
}
