package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code metal_forecast}: its columns, key and partitions. Written by
 * {@code forecast.MetalForecast}, tested in {@code MetalForecastTest}; other stages read the table
 * through this class only.
 */
public final class MetalForecastTable {
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String SCOPE_LEVEL = RecoveryByRegionYearTable.SCOPE_LEVEL;
  public static final String SCOPE = RecoveryByRegionYearTable.SCOPE;
  public static final String METAL = RecoveryByRegionYearTable.METAL;
  public static final String YEAR = RecoveryByRegionYearTable.YEAR;
  public static final String MASS_KG = RecoveryByRegionYearTable.MASS_KG;
  public static final String LOWER_KG = "lower_kg";
  public static final String UPPER_KG = "upper_kg";
  public static final String METHOD = "method";
  public static final String IS_FORECAST = "is_forecast";
  public static final String COUNTRY_LEVEL = RecoveryByRegionYearTable.COUNTRY;
  public static final String REGION_LEVEL = "region";
  public static final String OBSERVED = "observed";
  public static final String LINEAR = "linear";
  public static final String LOG_LINEAR = "log-linear";
  public static final String LAST_VALUE = "last_value";
  public static final String BASIS = "basis";
  public static final String LAST_DATA_YEAR = "last_data_year";
  public static final String COUNTRIES = "countries";
  public static final String RECORDED_SHARE = "recorded_share";
  public static final String P5_KG = "p5_kg";
  public static final String P50_KG = "p50_kg";
  public static final String P95_KG = "p95_kg";
  /** {@code method} of a sub-region, region or world row: the sum of its countries, draw by draw. */
  public static final String SUM_OF_COUNTRIES = "sum-of-countries";
  public static final String BASIS_MEANING = "what a country's number rests on: recorded (read from records), calibrated"
      + " (the drivers model calibrated to the country's own records), pooled (calibrated with the pool of"
      + " calibrated countries; e-waste from the country's sales or published figures) or estimated (pooled, and"
      + " e-waste estimated from purchasing power); null for sub-regions, regions and the world";

  public static final TableSpec TABLE = TableSpec.builder("metal_forecast",
          "Observed and forecast metal recovery per scope, metal and year, to the horizon.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(MASS_KG, DataTypes.DoubleType,
          "observed, or recoverable metal forecast with every assumption at its median (never below 0), kilograms")
      .column(LOWER_KG, DataTypes.DoubleType,
          "lower bound of the urbanmine.forecast.interval-level interval over the draws, kilograms; = mass_kg when"
              + " observed; null for last_value")
      .column(UPPER_KG, DataTypes.DoubleType,
          "upper bound of the interval, kilograms; = mass_kg when observed; null for last_value")
      .column(METHOD, DataTypes.StringType,
          "observed, drivers (the country model), sum-of-countries (a sub-region, region or the world), or with"
              + " urbanmine.forecast.method set to a trend, for a country's own records: linear, log-linear,"
              + " damped-trend or last_value")
      .column(IS_FORECAST, DataTypes.BooleanType, "false for observed years (an aggregate: all its countries observed)")
      .column(BASIS, DataTypes.StringType, BASIS_MEANING)
      .column(LAST_DATA_YEAR, DataTypes.IntegerType,
          "last year of the data the row rests on (records, published e-waste, population and purchasing power);"
              + " for an aggregate, the latest of its countries'")
      .column(COUNTRIES, DataTypes.IntegerType, "countries summed (1 for a country)")
      .column(RECORDED_SHARE, DataTypes.DoubleType,
          "share of mass_kg resting on recorded or calibrated countries (1 or 0 for a country); null when mass_kg is 0")
      .column(P5_KG, DataTypes.DoubleType, "5th percentile over the Monte Carlo draws (of the summed draws for an aggregate), kilograms")
      .column(P50_KG, DataTypes.DoubleType, "median over the draws, kilograms")
      .column(P95_KG, DataTypes.DoubleType, "95th percentile over the draws, kilograms")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(SCOPE_LEVEL, SCOPE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private MetalForecastTable() {}
}
