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
  public static final String COVERED_FROM_P50 = "covered_from_p50";
  public static final String COVERED_FROM_P5 = "covered_from_p5";
  public static final String COVERED_THROUGHOUT_P50 = "covered_throughout_p50";
  public static final String COVERED_THROUGHOUT_P5 = "covered_throughout_p5";
  public static final String NOT_COVERED_REASON = "not_covered_reason";
  public static final String GAMES_ID = MedalOutlookTable.GAMES_ID;
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("first_covered_year",
          "From which year each scope's metal covers each Games' medal need, for good and at first, at P50 and at P5.")
      .column(GAMES, DataTypes.StringType, "e.g. Los Angeles 2028")
      .column(GAMES_YEAR, DataTypes.IntegerType, "year the Games were held")
      .column(SCOPE_LEVEL, DataTypes.StringType, "country, sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "alpha-3 code for a country; M49 name; or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(NEEDED_KG, DataTypes.DoubleType, "metal the host must obtain for the Games' medals, kilograms")
      .column(FIRST_YEAR_P50, DataTypes.IntegerType,
          "first year with p50_coverage >= 1, not sustained (later years may fall short); null if none to the horizon")
      .column(FIRST_YEAR_P5, DataTypes.IntegerType,
          "first year with p5_coverage >= 1, not sustained (later years may fall short); null if none to the horizon")
      .column(COVERED_FROM_P50, DataTypes.IntegerType, "first year from which coverage stays >= 1 through the horizon "
          + "in at least half of the draws; null if throughout or never")
      .column(COVERED_FROM_P5, DataTypes.IntegerType, "the same in at least 95 % of the draws; null if throughout or never")
      .column(COVERED_THROUGHOUT_P50, DataTypes.BooleanType,
          "coverage stays >= 1 from the first year of data through the horizon in at least half of the draws")
      .column(COVERED_THROUGHOUT_P5, DataTypes.BooleanType, "the same in at least 95 % of the draws")
      .column(NOT_COVERED_REASON, DataTypes.StringType, "why covered_from_p5 (or p50) has no answer; null if both have one")
      .column(GAMES_ID, DataTypes.StringType, "configuration key of the Games")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(GAMES_ID, SCOPE_LEVEL, SCOPE, METAL)
      .partitionedBy(SCENARIO)
      .build();

  private FirstCoveredYearTable() {}
}
