package org.urbanmine.medals;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.forecast.MetalForecast;
import org.urbanmine.tables.TableSpec;

/**
 * {@code medal_outlook}: for each Games, scope, metal and year with data or forecast, the metal
 * available for medals against what the Games' medals need. Available = recovered (observed or
 * forecast) x {@code urbanmine.medals.available-share} (its median, if it is a distribution);
 * the percentile columns come from the Monte Carlo ({@link AvailableMetal}). Japan 2014 gold,
 * 143 kg, against London 2012's 9.6 kg: coverage 14.9.
 */
public final class MedalOutlook {
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String GAMES = MedalDemand.GAMES;
  public static final String GAMES_YEAR = "games_year";
  public static final String SCOPE_LEVEL = MetalForecast.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecast.SCOPE;
  public static final String METAL = MetalForecast.METAL;
  public static final String YEAR = MetalForecast.YEAR;
  public static final String AVAILABLE_KG = "available_kg";
  public static final String NEEDED_KG = "needed_kg";
  public static final String COVERAGE_RATIO = "coverage_ratio";
  public static final String IS_FORECAST = MetalForecast.IS_FORECAST;
  public static final String GAMES_ID = MedalDemand.GAMES_ID;
  public static final String P5_AVAILABLE_KG = AvailableMetal.P5_AVAILABLE_KG;
  public static final String P50_AVAILABLE_KG = AvailableMetal.P50_AVAILABLE_KG;
  public static final String P95_AVAILABLE_KG = AvailableMetal.P95_AVAILABLE_KG;
  public static final String P5_COVERAGE = "p5_coverage";
  public static final String P50_COVERAGE = "p50_coverage";
  public static final String P95_COVERAGE = "p95_coverage";

  public static final TableSpec TABLE = TableSpec.builder("medal_outlook",
          "Metal available for medals against each Games' need, per scope, metal and year.")
      .column(GAMES, DataTypes.StringType, "e.g. London 2012")
      .column(GAMES_YEAR, DataTypes.IntegerType, "year the Games were held")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year of recovery (observed or forecast)")
      .column(AVAILABLE_KG, DataTypes.DoubleType, "recovered x available-share, kilograms")
      .column(NEEDED_KG, DataTypes.DoubleType, "the Games' medal demand for the metal, kilograms")
      .column(COVERAGE_RATIO, DataTypes.DoubleType, "available_kg / needed_kg; 1 or more covers it")
      .column(IS_FORECAST, DataTypes.BooleanType, "whether available_kg is a forecast")
      .column(GAMES_ID, DataTypes.StringType, "configuration key of the Games")
      .column(P5_AVAILABLE_KG, DataTypes.DoubleType, "5th percentile of available_kg over the Monte Carlo draws, kilograms")
      .column(P50_AVAILABLE_KG, DataTypes.DoubleType, "median of available_kg over the draws, kilograms")
      .column(P95_AVAILABLE_KG, DataTypes.DoubleType, "95th percentile of available_kg over the draws, kilograms")
      .column(P5_COVERAGE, DataTypes.DoubleType, "p5_available_kg / needed_kg")
      .column(P50_COVERAGE, DataTypes.DoubleType, "p50_available_kg / needed_kg")
      .column(P95_COVERAGE, DataTypes.DoubleType, "p95_available_kg / needed_kg")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(GAMES_ID, SCOPE_LEVEL, SCOPE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private MedalOutlook() {}

  /** @param forecast metal_forecast rows with {@link AvailableMetal}'s percentile columns */
  public static Dataset<Row> from(Dataset<Row> forecast, Dataset<Row> demand, double availableShare) {
    Dataset<Row> need = demand.select(col(MedalDemand.GAMES).as(GAMES), col(MedalDemand.YEAR).as(GAMES_YEAR),
        col(MedalDemand.GAMES_ID).as(GAMES_ID), col(MedalDemand.METAL).as("need_metal"),
        col(MedalDemand.MASS_KG).as(NEEDED_KG));
    Dataset<Row> joined = forecast.join(broadcast(need), col(METAL).equalTo(col("need_metal")));
    return joined
        .withColumn(AVAILABLE_KG, col(MetalForecast.MASS_KG).multiply(lit(availableShare)))
        .withColumn(COVERAGE_RATIO, col(AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P5_COVERAGE, col(P5_AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P50_COVERAGE, col(P50_AVAILABLE_KG).divide(col(NEEDED_KG)))
        .withColumn(P95_COVERAGE, col(P95_AVAILABLE_KG).divide(col(NEEDED_KG)));
  }
}
