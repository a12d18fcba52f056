package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code forecast_evaluation}: its columns, key and partitions. Written
 * by {@code forecast.ForecastEvaluation}, tested in {@code ForecastEvaluationTest}; other stages
 * read the table through this class only.
 */
public final class ForecastEvaluationTable {
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String SCOPE_LEVEL = MetalForecastTable.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecastTable.SCOPE;
  public static final String METAL = MetalForecastTable.METAL;
  public static final String METHOD = MetalForecastTable.METHOD;
  public static final String HOLDOUT_YEARS = "holdout_years";
  public static final String MAE = "mae";
  public static final String SMAPE = "smape";
  public static final String MASE = "mase";
  public static final String CHOSEN = "chosen";

  public static final TableSpec TABLE = TableSpec.builder("forecast_evaluation",
          "Backtest of each forecast method on each series' last observed years.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(METHOD, DataTypes.StringType, "linear, log-linear, damped-trend, last_value (the naive forecast) or"
          + " drivers (the country model, calibrated on the fitting years only; never chosen by auto)")
      .column(HOLDOUT_YEARS, DataTypes.IntegerType, "observed years held out and forecast")
      .column(MAE, DataTypes.DoubleType, "mean absolute error over the held-out years, kilograms")
      .column(SMAPE, DataTypes.DoubleType, "symmetric mean absolute percentage error, percent (0 to 200)")
      .column(MASE, DataTypes.DoubleType, "mae / mean one-year change in the fitting years; null if that is 0")
      .column(CHOSEN, DataTypes.BooleanType, "whether metal_forecast forecasts this series with this method")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .unit(HOLDOUT_YEARS, "years")
      .unit(MAE, "kg")
      .unit(SMAPE, "percent")
      .unit(MASE, "ratio")
      .key(SCOPE_LEVEL, SCOPE, METAL, METHOD)
      .partitionedBy(SCENARIO)
      .build();

  private ForecastEvaluationTable() {}
}
