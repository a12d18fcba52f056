package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvInput;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.model.DriversModel;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.ForecastEvaluationTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * {@code forecast}: country and region totals to {@code metal_forecast} and {@code forecast_evaluation};
 * the e-waste series and the drivers assumptions to {@code forecast_drivers}. The e-waste series is
 * {@code ewaste_generated} (staged by the same run) wherever a country has
 * put-on-market data, and the published figures ({@code urbanmine.drivers.ewaste-generated})
 * elsewhere.
 */
public final class ForecastJob implements Stage {

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(RecoveryByCountryYearTable.TABLE, RecoveryByRegionYearTable.TABLE, EwasteGeneratedTable.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MetalForecastTable.TABLE, ForecastEvaluationTable.TABLE, ForecastDriversTable.TABLE);
  }

  /** The e-waste series of the drivers method is an input like the records. */
  @Override
  public List<Map<String, Object>> inputFiles(SparkSession spark, RunContext context) {
    return InputFingerprint.of(spark, context.settings().drivers().ewasteGenerated(),
            "urbanmine.drivers.ewaste-generated").stream()
        .map(InputFingerprint.InputFile::asMap).toList();
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> series = MetalForecast.series(
        warehouse.read(RecoveryByCountryYearTable.TABLE), warehouse.read(RecoveryByRegionYearTable.TABLE));
    long seriesRows = series.count();
    Settings settings = context.settings();
    Settings.Forecast forecastSettings = settings.forecast();
    Dataset<Row> countries = DriversModel.countrySeries(series);
    // Every command that forecasts stages ewaste_generated first (see the commands' stage lists).
    Dataset<Row> ewaste = DriversModel.preferModelled(DriversModel.ewasteSeries(
            readEwaste(spark, settings.drivers().ewasteGenerated()), countries,
            forecastSettings.horizon(), settings.drivers().ewasteGrowthPerYear()),
        DriversModel.modelledEwaste(warehouse.read(EwasteGeneratedTable.TABLE)), countries, forecastSettings.horizon())
        .cache();
    ForecastEvaluation.Backtest backtest = ForecastEvaluation.backtest(series, forecastSettings).cache();
    Dataset<Row> evaluation = ForecastEvaluation.evaluate(spark, backtest, forecastSettings).cache();
    try {
      Dataset<Row> plain = DriversModel.perDraw(ewaste, countries, DriversModel.assumptions(spark, settings, true),
          settings.drivers());
      long driverRows = warehouse.stage(ForecastDriversTable.TABLE, plain);
      Dataset<Row> forecast = switch (forecastSettings.method()) {
        case ForecastEvaluation.AUTO -> ForecastEvaluation.forecast(spark, series, evaluation, forecastSettings);
        case ForecastDriversTable.DRIVERS -> withDrivers(spark, series, warehouse.read(ForecastDriversTable.TABLE),
            DriversModel.isUncertain(settings)
                ? DriversModel.perDraw(ewaste, countries, DriversModel.assumptions(spark, settings, false), settings.drivers())
                : warehouse.read(ForecastDriversTable.TABLE).withColumn(DriversModel.DRAW, lit(0)),
            forecastSettings);
        default -> MetalForecast.forecast(spark, series, forecastSettings);
      };
      long rows = warehouse.stage(MetalForecastTable.TABLE, forecast);
      long evaluated = warehouse.stage(ForecastEvaluationTable.TABLE,
          ForecastEvaluation.markChosen(evaluation, warehouse.read(MetalForecastTable.TABLE)));
      return new StageReport()
          .read("observed rows of " + RecoveryByCountryYearTable.TABLE.name() + " and "
              + RecoveryByRegionYearTable.TABLE.name(), seriesRows)
          .read("country-years of e-waste generated", ewaste.count())
          .wrote(MetalForecastTable.TABLE.name(), rows)
          .wrote(ForecastEvaluationTable.TABLE.name(), evaluated)
          .wrote(ForecastDriversTable.TABLE.name(), driverRows);
    } finally {
      evaluation.unpersist();
      backtest.unpersist();
      ewaste.unpersist();
    }
  }

  /**
   * Method {@code drivers}: every country and metal the drivers model covers is forecast by it
   * (and a country with no records gets a forecast series of its own); every other series is
   * fitted {@code linear}, as its {@code method} says.
   */
  static Dataset<Row> withDrivers(SparkSession spark, Dataset<Row> series, Dataset<Row> plain, Dataset<Row> simulated,
      Settings.Forecast settings) {
    Settings.Forecast linear = new Settings.Forecast(settings.horizon(), settings.intervalLevel(),
        settings.minPointsForTrend(), MetalForecastTable.LINEAR, settings.holdoutYears(), settings.selectionMetric());
    Dataset<Row> drivers = DriversModel.forecastRows(plain, simulated, settings.intervalLevel());
    Dataset<Row> covered = drivers.select(MetalForecastTable.SCOPE_LEVEL, MetalForecastTable.SCOPE, MetalForecastTable.METAL).distinct();
    Dataset<Row> trend = MetalForecast.forecast(spark, series, linear);
    Dataset<Row> kept = trend.filter(col(MetalForecastTable.IS_FORECAST).equalTo(false))
        .unionByName(trend.filter(col(MetalForecastTable.IS_FORECAST))
            .join(covered, new String[] {MetalForecastTable.SCOPE_LEVEL, MetalForecastTable.SCOPE, MetalForecastTable.METAL},
                "left_anti"));
    return kept.unionByName(drivers);
  }

  /** The drivers' e-waste CSV ({@code country_code, year, ewaste_t, basis, source}; {@link CsvInput}). */
  static Dataset<Row> readEwaste(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.drivers.ewaste-generated", DriversModel.EWASTE_SCHEMA);
  }
}
