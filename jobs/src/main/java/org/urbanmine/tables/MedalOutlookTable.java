package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code medal_outlook}: its columns, key and partitions. Written by
 * {@code medals.MedalOutlook}, tested in {@code MedalOutlookTest}; other stages read the table
 * through this class only.
 */
public final class MedalOutlookTable {
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String GAMES = MedalDemandTable.GAMES;
  public static final String GAMES_YEAR = "games_year";
  public static final String SCOPE_LEVEL = MetalForecastTable.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecastTable.SCOPE;
  public static final String METAL = MetalForecastTable.METAL;
  public static final String YEAR = MetalForecastTable.YEAR;
  public static final String AVAILABLE_KG = "available_kg";
  public static final String NEEDED_KG = "needed_kg";
  public static final String IN_MEDALS_KG = "in_medals_kg";
  public static final String AVAILABLE_SHARE = "available_share";
  public static final String AVAILABLE_SHARE_RULE = "available_share_rule";
  public static final String CAMPAIGN_FACTOR = "campaign_factor";
  public static final String CAMPAIGN_FACTOR_RULE = "campaign_factor_rule";
  public static final String COVERAGE_RATIO = "coverage_ratio";
  public static final String IS_FORECAST = MetalForecastTable.IS_FORECAST;
  public static final String GAMES_ID = MedalDemandTable.GAMES_ID;
  public static final String P5_AVAILABLE_KG = "p5_available_kg";
  public static final String P50_AVAILABLE_KG = "p50_available_kg";
  public static final String P95_AVAILABLE_KG = "p95_available_kg";
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
      .column(AVAILABLE_KG, DataTypes.DoubleType, "recovered x campaign_factor x available_share, kilograms")
      .column(NEEDED_KG, DataTypes.DoubleType, "metal the host must obtain for the Games' medals (medal_demand.obtain_kg), kilograms")
      .column(IN_MEDALS_KG, DataTypes.DoubleType, "metal in the Games' medals (medal_demand.mass_kg), kilograms")
      .column(AVAILABLE_SHARE, DataTypes.DoubleType, "share of recovered metal a medal campaign captures (its median, if drawn)")
      .column(AVAILABLE_SHARE_RULE, DataTypes.StringType, "where available_share comes from: the campaign's derivation or the setting")
      .column(COVERAGE_RATIO, DataTypes.DoubleType, "available_kg / needed_kg; 1 or more covers it")
      .column(IS_FORECAST, DataTypes.BooleanType, "whether available_kg is a forecast")
      .column(GAMES_ID, DataTypes.StringType, "configuration key of the Games")
      .column(P5_AVAILABLE_KG, DataTypes.DoubleType, "5th percentile of available_kg over the Monte Carlo draws, kilograms")
      .column(P50_AVAILABLE_KG, DataTypes.DoubleType, "median of available_kg over the draws, kilograms")
      .column(P95_AVAILABLE_KG, DataTypes.DoubleType, "95th percentile of available_kg over the draws, kilograms")
      .column(P5_COVERAGE, DataTypes.DoubleType, "p5_available_kg / needed_kg")
      .column(P50_COVERAGE, DataTypes.DoubleType, "p50_available_kg / needed_kg")
      .column(P95_COVERAGE, DataTypes.DoubleType, "p95_available_kg / needed_kg")
      .column(CAMPAIGN_FACTOR, DataTypes.DoubleType, "metal per tonne of the campaign's stream through its route over"
          + " that of the average collected tonne that year (urbanmine.medals.campaign.stream, .route), times the metal's"
          + " channel factor where a channel's records calibrate that stream (channel_calibration): 1 for the whole"
          + " stream as the chain pre-processes it")
      .column(CAMPAIGN_FACTOR_RULE, DataTypes.StringType, "how campaign_factor was made, with its inputs")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(GAMES_ID, SCOPE_LEVEL, SCOPE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private MedalOutlookTable() {}
}
