package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code scenario_comparison}: its columns, key and partitions. Written
 * by {@code scenario.ScenarioComparison}, tested in {@code ScenarioComparisonTest}; other stages
 * read the table through this class only.
 */
public final class ScenarioComparisonTable {
  public static final String SCOPE_LEVEL = MetalForecastTable.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecastTable.SCOPE;
  public static final String METAL = MetalForecastTable.METAL;
  public static final String YEAR = MetalForecastTable.YEAR;
  public static final String A_KG = "a_kg";
  public static final String B_KG = "b_kg";
  public static final String DIFFERENCE_KG = "difference_kg";
  public static final String RELATIVE_DIFFERENCE = "relative_difference";
  public static final String METHOD_A = "method_a";
  public static final String METHOD_B = "method_b";
  public static final String NOW_COVERED = "now_covered";
  public static final String NOW_SHORT = "now_short";
  public static final String WARNING = "warning";
  public static final String SCENARIO_A = "scenario_a";
  public static final String SCENARIO_B = "scenario_b";

  public static final TableSpec TABLE = TableSpec.builder("scenario_comparison",
          "Two scenarios' forecasts side by side per scope, metal and year, and the Games that change"
              + " between short and covered.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year (observed or forecast)")
      .column(A_KG, DataTypes.DoubleType, "metal_forecast.mass_kg under scenario_a, kilograms; null if A has no such row")
      .column(B_KG, DataTypes.DoubleType, "metal_forecast.mass_kg under scenario_b, kilograms; null if B has no such row")
      .column(DIFFERENCE_KG, DataTypes.DoubleType, "b_kg - a_kg, kilograms (may be negative); null if either is null")
      .column(RELATIVE_DIFFERENCE, DataTypes.DoubleType, "difference_kg / a_kg; null when a_kg is 0 or null")
      .column(METHOD_A, DataTypes.StringType, "metal_forecast.method under scenario_a")
      .column(METHOD_B, DataTypes.StringType, "metal_forecast.method under scenario_b")
      .column(NOW_COVERED, DataTypes.StringType,
          "games_ids, sorted and comma-separated, with coverage_ratio < 1 under A and >= 1 under B; null if none")
      .column(NOW_SHORT, DataTypes.StringType,
          "games_ids, sorted and comma-separated, with coverage_ratio >= 1 under A and < 1 under B; null if none")
      .column(WARNING, DataTypes.StringType,
          "null when like with like (same code and input files, per runs); else what differs, naming both runs")
      .column(SCENARIO_A, DataTypes.StringType, "the first scenario compared (A); partition scenario_a=A/")
      .column(SCENARIO_B, DataTypes.StringType, "the second scenario compared (B); partition scenario_b=B/")
      .unit(RELATIVE_DIFFERENCE, "ratio")
      .key(SCOPE_LEVEL, SCOPE, METAL, YEAR)
      .mayBeNegative(DIFFERENCE_KG)
      .partitionedBy(SCENARIO_A, SCENARIO_B)
      .build();

  private ScenarioComparisonTable() {}
}
