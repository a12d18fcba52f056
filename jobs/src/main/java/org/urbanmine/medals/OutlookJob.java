package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;
import org.urbanmine.forecast.DriversModel;
import org.urbanmine.forecast.MetalForecast;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.TableSpec;
import org.urbanmine.publish.Warehouse;

/** {@code outlook}: medal specifications to {@code medal_demand}, and with {@code metal_forecast} to {@code medal_outlook}. */
public final class OutlookJob implements Stage {

  @Override
  public String name() {
    return "outlook";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(MetalForecast.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MedalDemand.TABLE, MedalOutlook.TABLE, FirstCoveredYear.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Settings settings = context.settings();
    Settings.Medals medals = settings.medals();
    Warehouse warehouse = context.warehouse();
    long demandRows = warehouse.stage(MedalDemand.TABLE, MedalDemand.of(spark, medals));
    Dataset<Row> forecast = warehouse.read(MetalForecast.TABLE);
    long forecastRows = forecast.count();
    // All assumptions fixed: one draw is every draw, so skip the other 999.
    Dataset<Row> draws = DriversModel.assumptions(spark, settings, !DriversModel.isUncertain(settings)).cache();
    try {
      Dataset<Row> driverDraws = null;
      if (settings.forecast().method().equals(DriversModel.DRIVERS)) {
        Dataset<Row> drivers = warehouse.read(DriversModel.TABLE);
        driverDraws = DriversModel.perDraw(
            drivers.select(DriversModel.COUNTRY_CODE, DriversModel.YEAR, DriversModel.EWASTE_T, DriversModel.EWASTE_BASIS)
                .distinct(),
            drivers.filter(col(DriversModel.OBSERVED_KG).isNotNull()).select(col(DriversModel.COUNTRY_CODE),
                col(DriversModel.METAL), col(DriversModel.YEAR), col(DriversModel.OBSERVED_KG).as(MetalForecast.MASS_KG)),
            draws, settings.drivers());
      }
      Dataset<Row> available = AvailableMetal.of(forecast, draws, driverDraws);
      long outlookRows = warehouse.stage(MedalOutlook.TABLE,
          MedalOutlook.from(available, warehouse.read(MedalDemand.TABLE), medals.availableShare().median()));
      long firstRows = warehouse.stage(FirstCoveredYear.TABLE, FirstCoveredYear.from(warehouse.read(MedalOutlook.TABLE)));
      return new StageReport()
          .read("Games in urbanmine.medals.games", medals.games().size())
          .read(MetalForecast.TABLE.name(), forecastRows)
          .read("Monte Carlo draws", draws.count())
          .wrote(MedalDemand.TABLE.name(), demandRows)
          .wrote(MedalOutlook.TABLE.name(), outlookRows)
          .wrote(FirstCoveredYear.TABLE.name(), firstRows);
    } finally {
      draws.unpersist();
    }
  }
}
