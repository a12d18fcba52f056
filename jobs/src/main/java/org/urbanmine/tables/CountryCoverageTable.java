package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code country_coverage}: every ISO 3166 entry, whether it has an
 * e-waste series and on what it rests, or why not. Computed by
 * {@code forecast.CountryEwaste.coverage}, tested in {@code CountryEwasteTest}; other stages read
 * the table through this class only.
 */
public final class CountryCoverageTable {
  public static final String COUNTRY_CODE = "country_code";
  public static final String COUNTRY_NAME = "country_name";
  public static final String REGION = "region";
  public static final String SUB_REGION = "sub_region";
  public static final String MODELLED = "modelled";
  public static final String EWASTE_BASIS = "ewaste_basis";
  public static final String REASON = "reason";
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("country_coverage",
          "Every ISO 3166 country and territory: whether it has an e-waste generated series, on what its last"
              + " year rests, or why it is not modelled.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(COUNTRY_NAME, DataTypes.StringType, "ISO 3166 name")
      .column(REGION, DataTypes.StringType, "UN M49 region; null for Antarctica")
      .column(SUB_REGION, DataTypes.StringType, "UN M49 sub-region; null for Antarctica")
      .column(MODELLED, DataTypes.BooleanType, "whether the country has an e-waste generated series")
      .column(EWASTE_BASIS, DataTypes.StringType, "basis of the series' last year (sales-lifespan, published,"
          + " interpolated, extended or estimated); null when not modelled")
      .column(REASON, DataTypes.StringType, "why the country is not modelled; null when it is")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE)
      .partitionedBy(SCENARIO)
      .build();

  private CountryCoverageTable() {}
}
