package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.tables.TableSpec;

/**
 * {@code first_covered_year}: "could this country (or region) make these Games' medals from its
 * urban mine, and from when?" For each Games, scope and metal, the first year, observed or
 * forecast, in which the metal available covers the need at P50 and at P5 of the Monte Carlo;
 * null if in no year up to the horizon. P5 is the cautious answer: covered in 95 % of the draws.
 */
public final class FirstCoveredYear {
  public static final String GAMES = MedalOutlook.GAMES;
  public static final String GAMES_YEAR = MedalOutlook.GAMES_YEAR;
  public static final String SCOPE_LEVEL = MedalOutlook.SCOPE_LEVEL;
  public static final String SCOPE = MedalOutlook.SCOPE;
  public static final String METAL = MedalOutlook.METAL;
  public static final String NEEDED_KG = MedalOutlook.NEEDED_KG;
  public static final String FIRST_YEAR_P50 = "first_year_p50";
  public static final String FIRST_YEAR_P5 = "first_year_p5";
  public static final String GAMES_ID = MedalOutlook.GAMES_ID;
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("first_covered_year",
          "First year each scope's metal covers each Games' medal need, at P50 and at P5.")
      .column(GAMES, DataTypes.StringType, "e.g. Los Angeles 2028")
      .column(GAMES_YEAR, DataTypes.IntegerType, "year the Games were held")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(NEEDED_KG, DataTypes.DoubleType, "the Games' medal demand for the metal, kilograms")
      .column(FIRST_YEAR_P50, DataTypes.IntegerType, "first year with p50_coverage >= 1; null if none to the horizon")
      .column(FIRST_YEAR_P5, DataTypes.IntegerType, "first year with p5_coverage >= 1; null if none to the horizon")
      .column(GAMES_ID, DataTypes.StringType, "configuration key of the Games")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(GAMES_ID, SCOPE_LEVEL, SCOPE, METAL)
      .partitionedBy(SCENARIO)
      .build();

  private FirstCoveredYear() {}

  public static Dataset<Row> from(Dataset<Row> outlook) {
    return outlook.groupBy(col(GAMES_ID), col(SCOPE_LEVEL), col(SCOPE), col(METAL))
        .agg(first(GAMES).as(GAMES), first(GAMES_YEAR).as(GAMES_YEAR), first(NEEDED_KG).as(NEEDED_KG),
            min(when(col(MedalOutlook.P50_COVERAGE).geq(1), col(MedalOutlook.YEAR))).as(FIRST_YEAR_P50),
            min(when(col(MedalOutlook.P5_COVERAGE).geq(1), col(MedalOutlook.YEAR))).as(FIRST_YEAR_P5));
  }
}
