package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code recovery_by_country_year}: its columns, key and partitions.
 * Written by {@code aggregate.RecoveryByCountryYear}, tested in {@code RecoveryByCountryYearTest};
 * other stages read the table through this class only.
 */
public final class RecoveryByCountryYearTable {
  public static final String COUNTRY_CODE = RecoveryRecordsTable.COUNTRY_CODE;
  public static final String YEAR = RecoveryRecordsTable.YEAR;
  public static final String METAL = RecoveryRecordsTable.METAL;
  public static final String MASS_KG = RecoveryRecordsTable.MASS_KG;
  public static final String RECORD_COUNT = "record_count";
  public static final String SOURCE = RecoveryRecordsTable.SOURCE;
  public static final String SOURCE_COUNT = "source_count";
  public static final String BASIS = "basis";
  public static final String RECORD_SCOPE = "record_scope";

  public static final TableSpec TABLE = TableSpec.builder("recovery_by_country_year",
          "Metal recovered per country, year and metal, from the highest-priority source.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(MASS_KG, DataTypes.DoubleType, "metal recovered, kilograms (sum of the source's records)")
      .column(RECORD_COUNT, DataTypes.LongType, "records of that source summed into mass_kg")
      .column(SOURCE, DataTypes.StringType, "the source chosen (urbanmine.aggregate.source-priority)")
      .column(SOURCE_COUNT, DataTypes.LongType, "sources that reported this country, year and metal")
      .column(BASIS, DataTypes.StringType, "the source's basis (urbanmine.sources): recorded, or estimate")
      .column(RECORD_SCOPE, DataTypes.StringType, "what the source's records cover (urbanmine.sources): whole-stream"
          + " (the country's e-waste), channel (one collection channel) or product (one product type); only"
          + " recorded whole-stream rows calibrate the country model")
      .key(COUNTRY_CODE, YEAR, METAL)
      .build();

  private RecoveryByCountryYearTable() {}
}
