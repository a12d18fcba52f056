package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.model.DriversModel;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * Metal available for medals, with its Monte Carlo percentiles: recovered x available share,
 * per draw of the assumptions. A row forecast by the drivers method varies with every drawn
 * assumption; any other row (observed, or a trend) is a fixed amount, so its percentiles are the
 * amount times the share's percentiles, exactly (a positive constant keeps the order of the draws).
 */
public final class AvailableMetal {
  public static final String P5_AVAILABLE_KG = MedalOutlookTable.P5_AVAILABLE_KG;
  public static final String P50_AVAILABLE_KG = MedalOutlookTable.P50_AVAILABLE_KG;
  public static final String P95_AVAILABLE_KG = MedalOutlookTable.P95_AVAILABLE_KG;
  static final List<String> PERCENTILES = List.of(MonteCarlo.P5, MonteCarlo.P50, MonteCarlo.P95);
  static final List<String> AVAILABLE = List.of(P5_AVAILABLE_KG, P50_AVAILABLE_KG, P95_AVAILABLE_KG);

  private AvailableMetal() {}

  /**
   * {@code forecast} with {@code p5_available_kg, p50_available_kg, p95_available_kg}.
   *
   * @param shareDraws {@code draw, available_share}: the share in each draw
   * @param driverDraws {@link DriversModel#perDraw} over the same draws, or null when no row is
   *     forecast by the drivers method
   */
  public static Dataset<Row> of(Dataset<Row> forecast, Dataset<Row> shareDraws, Dataset<Row> driverDraws) {
    Dataset<Row> share = MonteCarlo.percentiles(shareDraws, ForecastDriversTable.SHARE);
    Column byDrivers = col(MetalForecastTable.METHOD).equalTo(ForecastDriversTable.DRIVERS);
    Dataset<Row> fixed = forecast.filter(byDrivers.equalTo(false)).crossJoin(share);
    for (int i = 0; i < AVAILABLE.size(); i++) {
      fixed = fixed.withColumn(AVAILABLE.get(i), col(MetalForecastTable.MASS_KG).multiply(col(PERCENTILES.get(i))));
    }
    fixed = fixed.drop(PERCENTILES.toArray(new String[0]));
    if (driverDraws == null) {
      return fixed;
    }
    Dataset<Row> drawn = MonteCarlo.percentiles(
        driverDraws.withColumn("available_kg", col(ForecastDriversTable.RECOVERABLE_KG).multiply(col(ForecastDriversTable.SHARE))),
        "available_kg", ForecastDriversTable.COUNTRY_CODE, ForecastDriversTable.METAL, ForecastDriversTable.YEAR);
    for (int i = 0; i < AVAILABLE.size(); i++) {
      drawn = drawn.withColumnRenamed(PERCENTILES.get(i), AVAILABLE.get(i));
    }
    Dataset<Row> modelled = forecast.filter(byDrivers)
        .join(drawn.withColumnRenamed(ForecastDriversTable.COUNTRY_CODE, MetalForecastTable.SCOPE),
            new String[] {MetalForecastTable.SCOPE, MetalForecastTable.METAL, MetalForecastTable.YEAR}, "left");
    return fixed.unionByName(modelled);
  }
}
