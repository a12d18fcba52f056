package org.urbanmine.forecast;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.aggregate.RecoveryByCountryYear;
import org.urbanmine.aggregate.RecoveryByRegionYear;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.pipeline.RunContext;
import org.urbanmine.pipeline.Stage;
import org.urbanmine.pipeline.StageReport;
import org.urbanmine.publish.TableSpec;
import org.urbanmine.publish.Warehouse;

/** {@code forecast}: country and region totals to {@code metal_forecast} and {@code forecast_evaluation}. */
public final class ForecastJob implements Stage {

  public static void main(String[] args) {
    System.exit(UrbanMine.execute(Command.FORECAST, args));
  }

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MetalForecast.TABLE, ForecastEvaluation.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> series = MetalForecast.series(
        warehouse.read(RecoveryByCountryYear.TABLE), warehouse.read(RecoveryByRegionYear.TABLE));
    long seriesRows = series.count();
    Settings.Forecast settings = context.settings().forecast();
    Dataset<Row> evaluation = ForecastEvaluation.evaluate(spark, series, settings).cache();
    try {
      Dataset<Row> forecast = settings.method().equals(ForecastEvaluation.AUTO)
          ? ForecastEvaluation.forecast(spark, series, evaluation, settings)
          : MetalForecast.forecast(spark, series, settings);
      long rows = warehouse.stage(MetalForecast.TABLE, forecast);
      long evaluated = warehouse.stage(ForecastEvaluation.TABLE,
          ForecastEvaluation.markChosen(evaluation, warehouse.read(MetalForecast.TABLE)));
      return new StageReport()
          .read("observed rows of " + RecoveryByCountryYear.TABLE.name() + " and "
              + RecoveryByRegionYear.TABLE.name(), seriesRows)
          .wrote(MetalForecast.TABLE.name(), rows)
          .wrote(ForecastEvaluation.TABLE.name(), evaluated);
    } finally {
      evaluation.unpersist();
    }
  }
}
