package org.urbanmine.medals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.forecast.MetalForecast;
import org.urbanmine.pipeline.RunContext;
import org.urbanmine.pipeline.Stage;
import org.urbanmine.pipeline.StageReport;
import org.urbanmine.publish.TableSpec;
import org.urbanmine.publish.Warehouse;

/** {@code outlook}: medal specifications to {@code medal_demand}, and with {@code metal_forecast} to {@code medal_outlook}. */
public final class OutlookJob implements Stage {

  public static void main(String[] args) {
    System.exit(UrbanMine.execute(Command.OUTLOOK, args));
  }

  @Override
  public String name() {
    return "outlook";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MedalDemand.TABLE, MedalOutlook.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Settings.Medals medals = context.settings().medals();
    Warehouse warehouse = context.warehouse();
    long demandRows = warehouse.stage(MedalDemand.TABLE, MedalDemand.of(spark, medals));
    Dataset<Row> forecast = warehouse.read(MetalForecast.TABLE);
    long forecastRows = forecast.count();
    long outlookRows = warehouse.stage(MedalOutlook.TABLE,
        MedalOutlook.from(forecast, warehouse.read(MedalDemand.TABLE), medals.availableShare()));
    return new StageReport()
        .read("Games in urbanmine.medals.games", medals.games().size())
        .read(MetalForecast.TABLE.name(), forecastRows)
        .wrote(MedalDemand.TABLE.name(), demandRows)
        .wrote(MedalOutlook.TABLE.name(), outlookRows);
  }
}
