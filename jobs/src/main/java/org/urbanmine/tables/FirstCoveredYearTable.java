package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code first_covered_year}: its columns, key and partitions. Written
 * by {@code medals.FirstCoveredYear}, tested in {@code MedalOutlookTest}; other stages read the
 * table through this class only.
 */
public final class FirstCoveredYearTable {
  public static final String GAMES = MedalOutlookTable.GAMES;
  public static final String GAMES_YEAR = MedalOutlookTable.GAMES_YEAR;
  public static final String SCOPE_LEVEL = MedalOutlookTable.SCOPE_LEVEL;
  public static final String SCOPE = MedalOutlookTable.SCOPE;
  public static final String METAL = MedalOutlookTable.METAL;
  public static final String NEEDED_KG = MedalOutlookTable.NEEDED_KG;
  public static final String FIRST_YEAR_P50 = "first_year_p50";
  public static final String FIRST_YEAR_P5 = "first_year_p5";
  public static final String GAMES_ID = MedalOutlookTable.GAMES_ID;
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

  private FirstCoveredYearTable() {}
}
