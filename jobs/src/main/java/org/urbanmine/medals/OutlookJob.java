package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;
import org.urbanmine.model.DriversModel;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.TableSpec;

/** {@code outlook}: medal specifications to {@code medal_demand}, and with {@code metal_forecast} to {@code medal_outlook}. */
public final class OutlookJob implements Stage {

  @Override
  public String name() {
    return "outlook";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(MetalForecastTable.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MedalDemandTable.TABLE, MedalOutlookTable.TABLE, FirstCoveredYearTable.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Settings settings = context.settings();
    Settings.Medals medals = settings.medals();
    Warehouse warehouse = context.warehouse();
    long demandRows = warehouse.stage(MedalDemandTable.TABLE, MedalDemand.of(spark, medals));
    Dataset<Row> forecast = warehouse.read(MetalForecastTable.TABLE);
    long forecastRows = forecast.count();
    // All assumptions fixed: one draw is every draw, so skip the other 999.
    Dataset<Row> draws = DriversModel.assumptions(spark, settings, !DriversModel.isUncertain(settings)).cache();
    try {
      Dataset<Row> driverDraws = null;
      if (settings.forecast().method().equals(ForecastDriversTable.DRIVERS)) {
        Dataset<Row> drivers = warehouse.read(ForecastDriversTable.TABLE);
        driverDraws = DriversModel.perDraw(
            drivers.select(ForecastDriversTable.COUNTRY_CODE, ForecastDriversTable.YEAR, ForecastDriversTable.EWASTE_T, ForecastDriversTable.EWASTE_BASIS)
                .distinct(),
            drivers.filter(col(ForecastDriversTable.OBSERVED_KG).isNotNull()).select(col(ForecastDriversTable.COUNTRY_CODE),
                col(ForecastDriversTable.METAL), col(ForecastDriversTable.YEAR), col(ForecastDriversTable.OBSERVED_KG).as(MetalForecastTable.MASS_KG)),
            draws, settings.drivers());
      }
      Dataset<Row> available = AvailableMetal.of(forecast, draws, driverDraws);
      long outlookRows = warehouse.stage(MedalOutlookTable.TABLE,
          MedalOutlook.from(available, warehouse.read(MedalDemandTable.TABLE), medals.availableShare().median()));
      long firstRows = warehouse.stage(FirstCoveredYearTable.TABLE, FirstCoveredYear.from(warehouse.read(MedalOutlookTable.TABLE)));
      return new StageReport()
          .read("Games in urbanmine.medals.games", medals.games().size())
          .read(MetalForecastTable.TABLE.name(), forecastRows)
          .read("Monte Carlo draws", draws.count())
          .wrote(MedalDemandTable.TABLE.name(), demandRows)
          .wrote(MedalOutlookTable.TABLE.name(), outlookRows)
          .wrote(FirstCoveredYearTable.TABLE.name(), firstRows);
    } finally {
      draws.unpersist();
    }
  }
}
