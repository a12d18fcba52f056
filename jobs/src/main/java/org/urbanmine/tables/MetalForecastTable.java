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
  public static final String OBSERVED = "observed";
  public static final String LINEAR = "linear";
  public static final String LOG_LINEAR = "log-linear";
  public static final String LAST_VALUE = "last_value";

  public static final TableSpec TABLE = TableSpec.builder("metal_forecast",
          "Observed and forecast metal recovery per scope, metal and year, to the horizon.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(MASS_KG, DataTypes.DoubleType, "observed, or forecast (never below 0), kilograms")
      .column(LOWER_KG, DataTypes.DoubleType,
          "lower prediction bound, kilograms; = mass_kg when observed; null for last_value")
      .column(UPPER_KG, DataTypes.DoubleType,
          "upper prediction bound, kilograms; = mass_kg when observed; null for last_value")
      .column(METHOD, DataTypes.StringType, "observed, linear, log-linear, damped-trend, drivers or last_value")
      .column(IS_FORECAST, DataTypes.BooleanType, "false for observed years")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(SCOPE_LEVEL, SCOPE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private MetalForecastTable() {}
}
