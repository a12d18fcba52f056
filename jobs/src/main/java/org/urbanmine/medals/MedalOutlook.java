package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.urbanmine.tables.MedalOutlookTable.AVAILABLE_KG;
import static org.urbanmine.tables.MedalOutlookTable.AVAILABLE_SHARE;
import static org.urbanmine.tables.MedalOutlookTable.AVAILABLE_SHARE_RULE;
import static org.urbanmine.tables.MedalOutlookTable.COVERAGE_RATIO;
import static org.urbanmine.tables.MedalOutlookTable.GAMES;
import static org.urbanmine.tables.MedalOutlookTable.GAMES_ID;
import static org.urbanmine.tables.MedalOutlookTable.GAMES_YEAR;
import static org.urbanmine.tables.MedalOutlookTable.IN_MEDALS_KG;
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
 * available for medals against what the host must obtain for them. Available = recovered
 * (observed or forecast) x the campaign's stream factor ({@link CampaignStream}) x {@code
 * urbanmine.medals.available-share} (its median, if it is a
 * distribution); needed = the metal in the medals x the production factor ({@link MedalDemand});
 * the percentile columns come from the Monte Carlo ({@link AvailableMetal}).
 */
public final class MedalOutlook {

  private MedalOutlook() {}

  /** @param forecast metal_forecast rows with {@link AvailableMetal}'s percentile columns */
  public static Dataset<Row> from(Dataset<Row> forecast, Dataset<Row> demand, double availableShare,
      String shareRule) {
    Dataset<Row> need = demand.select(col(MedalDemandTable.GAMES).as(GAMES), col(MedalDemandTable.YEAR).as(GAMES_YEAR),
        col(MedalDemandTable.GAMES_ID).as(GAMES_ID), col(MedalDemandTable.METAL).as("need_metal"),
        col(MedalDemandTable.OBTAIN_KG).as(NEEDED_KG), col(MedalDemandTable.MASS_KG).as(IN_MEDALS_KG));
    // Broadcast by its size where Spark broadcasts at all: not hinted, since a small run's one
    // partition joins the few rows of need without the broadcast's job of its own.
    Dataset<Row> joined = forecast.join(need, col(METAL).equalTo(col("need_metal")));
    if (!java.util.Arrays.asList(forecast.columns()).contains(CampaignStream.FACTOR)) {
      // Recovered metal as it is (no CampaignStream applied): the whole stream, factor 1.
      joined = joined.withColumn(CampaignStream.FACTOR, lit(1.0))
          .withColumn(CampaignStream.RULE, lit("none: the metal as recovered"));
    }
    return joined
        .withColumn(AVAILABLE_KG, col(MetalForecastTable.MASS_KG).multiply(lit(availableShare)))
        .withColumn(AVAILABLE_SHARE, lit(availableShare))
        .withColumn(AVAILABLE_SHARE_RULE, lit(shareRule))
        .withColumn(COVERAGE_RATIO, col(AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P5_COVERAGE, col(P5_AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P50_COVERAGE, col(P50_AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P95_COVERAGE, col(P95_AVAILABLE_KG).divide(col(NEEDED_KG)));
  }
}
