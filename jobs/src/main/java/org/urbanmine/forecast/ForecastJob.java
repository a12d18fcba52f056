package org.urbanmine.forecast;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.aggregate.RecoveryByCountryYear;
import org.urbanmine.aggregate.RecoveryByRegionYear;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.pipeline.RunContext;
import org.urbanmine.pipeline.Stage;
import org.urbanmine.pipeline.StageReport;
import org.urbanmine.publish.TableSpec;
import org.urbanmine.publish.Warehouse;

/** {@code forecast}: country and region totals to {@code metal_forecast}. */
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
    return List.of(MetalForecast.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> series = MetalForecast.series(
        warehouse.read(RecoveryByCountryYear.TABLE), warehouse.read(RecoveryByRegionYear.TABLE));
    long seriesRows = series.count();
    long rows = warehouse.stage(MetalForecast.TABLE,
        MetalForecast.forecast(spark, series, context.settings().forecast()));
    return new StageReport()
        .read("observed rows of " + RecoveryByCountryYear.TABLE.name() + " and "
            + RecoveryByRegionYear.TABLE.name(), seriesRows)
        .wrote(MetalForecast.TABLE.name(), rows);
  }
}
