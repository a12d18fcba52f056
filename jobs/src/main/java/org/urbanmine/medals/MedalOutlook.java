package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.urbanmine.tables.MedalOutlookTable.AVAILABLE_KG;
import static org.urbanmine.tables.MedalOutlookTable.COVERAGE_RATIO;
import static org.urbanmine.tables.MedalOutlookTable.GAMES;
import static org.urbanmine.tables.MedalOutlookTable.GAMES_ID;
import static org.urbanmine.tables.MedalOutlookTable.GAMES_YEAR;
import static org.urbanmine.tables.MedalOutlookTable.METAL;
import static org.urbanmine.tables.MedalOutlookTable.NEEDED_KG;
import static org.urbanmine.tables.MedalOutlookTable.P50_AVAILABLE_KG;
import static org.urbanmine.tables.MedalOutlookTable.P50_COVERAGE;
import static org.urbanmine.tables.MedalOutlookTable.P5_AVAILABLE_KG;
import static org.urbanmine.tables.MedalOutlookTable.P5_COVERAGE;
import static org.urbanmine.tables.MedalOutlookTable.P95_AVAILABLE_KG;
import static org.urbanmine.tables.MedalOutlookTable.P95_COVERAGE;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MetalForecastTable;

/**
 * {@code medal_outlook}: for each Games, scope, metal and year with data or forecast, the metal
 * available for medals against what the Games' medals need. Available = recovered (observed or
 * forecast) x {@code urbanmine.medals.available-share} (its median, if it is a distribution);
 * the percentile columns come from the Monte Carlo ({@link AvailableMetal}). Japan 2014 gold,
 * 143 kg, against London 2012's 9.6 kg: coverage 14.9.
 */
public final class MedalOutlook {

  private MedalOutlook() {}

  /** @param forecast metal_forecast rows with {@link AvailableMetal}'s percentile columns */
  public static Dataset<Row> from(Dataset<Row> forecast, Dataset<Row> demand, double availableShare) {
    Dataset<Row> need = demand.select(col(MedalDemandTable.GAMES).as(GAMES), col(MedalDemandTable.YEAR).as(GAMES_YEAR),
        col(MedalDemandTable.GAMES_ID).as(GAMES_ID), col(MedalDemandTable.METAL).as("need_metal"),
        col(MedalDemandTable.MASS_KG).as(NEEDED_KG));
    // Broadcast by its size where Spark broadcasts at all: not hinted, since a small run's one
    // partition joins the few rows of need without the broadcast's job of its own.
    Dataset<Row> joined = forecast.join(need, col(METAL).equalTo(col("need_metal")));
    return joined
        .withColumn(AVAILABLE_KG, col(MetalForecastTable.MASS_KG).multiply(lit(availableShare)))
        .withColumn(COVERAGE_RATIO, col(AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P5_COVERAGE, col(P5_AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P50_COVERAGE, col(P50_AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P95_COVERAGE, col(P95_AVAILABLE_KG).divide(col(NEEDED_KG)));
  }
}
