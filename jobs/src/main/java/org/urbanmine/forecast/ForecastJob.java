package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.aggregate.RecoveryByCountryYear;
import org.urbanmine.aggregate.RecoveryByRegionYear;
import org.urbanmine.cli.Command;
import org.urbanmine.config.Settings;
import org.urbanmine.ewaste.EwasteGenerated;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.TableSpec;
import org.urbanmine.publish.Warehouse;

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
    return List.of(RecoveryByCountryYear.TABLE, RecoveryByRegionYear.TABLE, EwasteGenerated.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MetalForecast.TABLE, ForecastEvaluation.TABLE, DriversModel.TABLE);
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
        warehouse.read(RecoveryByCountryYear.TABLE), warehouse.read(RecoveryByRegionYear.TABLE));
    long seriesRows = series.count();
    Settings settings = context.settings();
    Settings.Forecast forecastSettings = settings.forecast();
    Dataset<Row> countries = DriversModel.countrySeries(series);
    // Every command that forecasts stages ewaste_generated first (Command.stages).
    Dataset<Row> ewaste = DriversModel.preferModelled(DriversModel.ewasteSeries(
            DriversModel.readEwaste(spark, settings.drivers().ewasteGenerated()), countries,
            forecastSettings.horizon(), settings.drivers().ewasteGrowthPerYear()),
        DriversModel.modelledEwaste(warehouse.read(EwasteGenerated.TABLE)), countries, forecastSettings.horizon())
        .cache();
    ForecastEvaluation.Backtest backtest = ForecastEvaluation.backtest(series, forecastSettings).cache();
    Dataset<Row> evaluation = ForecastEvaluation.evaluate(spark, backtest, forecastSettings).cache();
    try {
      Dataset<Row> plain = DriversModel.perDraw(ewaste, countries, DriversModel.assumptions(spark, settings, true),
          settings.drivers());
      long driverRows = warehouse.stage(DriversModel.TABLE, plain);
      Dataset<Row> forecast = switch (forecastSettings.method()) {
        case ForecastEvaluation.AUTO -> ForecastEvaluation.forecast(spark, series, evaluation, forecastSettings);
        case DriversModel.DRIVERS -> withDrivers(spark, series, warehouse.read(DriversModel.TABLE),
            DriversModel.isUncertain(settings)
                ? DriversModel.perDraw(ewaste, countries, DriversModel.assumptions(spark, settings, false), settings.drivers())
                : warehouse.read(DriversModel.TABLE).withColumn(DriversModel.DRAW, lit(0)),
            forecastSettings);
        default -> MetalForecast.forecast(spark, series, forecastSettings);
      };
      long rows = warehouse.stage(MetalForecast.TABLE, forecast);
      long evaluated = warehouse.stage(ForecastEvaluation.TABLE,
          ForecastEvaluation.markChosen(evaluation, warehouse.read(MetalForecast.TABLE)));
      return new StageReport()
          .read("observed rows of " + RecoveryByCountryYear.TABLE.name() + " and "
              + RecoveryByRegionYear.TABLE.name(), seriesRows)
          .read("country-years of e-waste generated", ewaste.count())
          .wrote(MetalForecast.TABLE.name(), rows)
          .wrote(ForecastEvaluation.TABLE.name(), evaluated)
          .wrote(DriversModel.TABLE.name(), driverRows);
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
        settings.minPointsForTrend(), MetalForecast.LINEAR, settings.holdoutYears(), settings.selectionMetric());
    Dataset<Row> drivers = DriversModel.forecastRows(plain, simulated, settings.intervalLevel());
    Dataset<Row> covered = drivers.select(MetalForecast.SCOPE_LEVEL, MetalForecast.SCOPE, MetalForecast.METAL).distinct();
    Dataset<Row> trend = MetalForecast.forecast(spark, series, linear);
    Dataset<Row> kept = trend.filter(col(MetalForecast.IS_FORECAST).equalTo(false))
        .unionByName(trend.filter(col(MetalForecast.IS_FORECAST))
            .join(covered, new String[] {MetalForecast.SCOPE_LEVEL, MetalForecast.SCOPE, MetalForecast.METAL},
                "left_anti"));
    return kept.unionByName(drivers);
  }
}
