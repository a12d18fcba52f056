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
  public static final String INTERVAL_POINTS = "interval_points";
  public static final String INTERVAL_COVERAGE = "interval_coverage";
  public static final String METHOD_INTERVAL_POINTS = "method_interval_points";
  public static final String METHOD_INTERVAL_COVERAGE = "method_interval_coverage";
  /** The fewest held-out points, over a method's series, whose share inside the interval is shown. */
  public static final int MIN_POINTS_FOR_COVERAGE = 10;

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
      .column(INTERVAL_POINTS, DataTypes.IntegerType, "held-out years the method gave an interval for, at"
          + " urbanmine.forecast.interval-level (the trends' prediction interval; drivers: the calibration's spread"
          + " over the fitting years; last_value has none)")
      .column(INTERVAL_COVERAGE, DataTypes.DoubleType, "share of those years whose record lies inside the interval"
          + " (bounds included); null without an interval. Compare with the interval level")
      .column(METHOD_INTERVAL_POINTS, DataTypes.IntegerType, "interval_points added over every series of the method")
      .column(METHOD_INTERVAL_COVERAGE, DataTypes.DoubleType, "the method's empirical coverage: the share of all its"
          + " series' held-out years inside their intervals; null below " + MIN_POINTS_FOR_COVERAGE + " points")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .unit(HOLDOUT_YEARS, "years")
      .unit(MAE, "kg")
      .unit(SMAPE, "percent")
      .unit(MASE, "ratio")
      .unit(INTERVAL_POINTS, "years")
      .unit(INTERVAL_COVERAGE, "ratio")
      .unit(METHOD_INTERVAL_POINTS, "years")
      .unit(METHOD_INTERVAL_COVERAGE, "ratio")
      .key(SCOPE_LEVEL, SCOPE, METAL, METHOD)
      .partitionedBy(SCENARIO)
      .build();

  private ForecastEvaluationTable() {}
}
