package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code medal_demand}: its columns, key and partitions. Written by
 * {@code medals.MedalDemand}, tested in {@code MedalDemandTest}; other stages read the table
 * through this class only.
 */
public final class MedalDemandTable {
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String GAMES = "games";
  public static final String YEAR = "year";
  public static final String HOST_COUNTRY = "host_country";
  public static final String SEASON = "season";
  public static final String METAL = "metal";
  public static final String MEDAL_COUNT = "medal_count";
  public static final String MASS_KG = "mass_kg";
  public static final String PRODUCTION_FACTOR = "production_factor";
  public static final String OBTAIN_KG = "obtain_kg";
  public static final String PRODUCTION_RULE = "production_rule";
  public static final String BASIS = "basis";
  public static final String IS_ESTIMATE = "is_estimate";
  public static final String NOTE = "note";
  public static final String GAMES_ID = "games_id";

  public static final TableSpec TABLE = TableSpec.builder("medal_demand",
          "Metal needed for each Games' Olympic and Paralympic medals, per metal.")
      .column(GAMES, DataTypes.StringType, "e.g. London 2012")
      .column(YEAR, DataTypes.IntegerType, "year the Games were held")
      .column(HOST_COUNTRY, DataTypes.StringType, "ISO 3166-1 alpha-3 of the host")
      .column(SEASON, DataTypes.StringType, "summer or winter")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(MEDAL_COUNT, DataTypes.IntegerType, "medals that contain this metal")
      .column(MASS_KG, DataTypes.DoubleType, "metal in the medals, kilograms")
      .column(BASIS, DataTypes.StringType, "published (a reported total) or derived (from medal specs)")
      .column(IS_ESTIMATE, DataTypes.BooleanType, "true where counts or masses are estimates")
      .column(NOTE, DataTypes.StringType, "source, or the rule behind an estimate")
      .column(GAMES_ID, DataTypes.StringType, "configuration key of the Games, e.g. london-2012")
      .column(PRODUCTION_FACTOR, DataTypes.DoubleType, "metal the host must obtain per kilogram in its medals")
      .column(OBTAIN_KG, DataTypes.DoubleType, "metal the host must obtain: mass_kg x production_factor, kilograms")
      .column(PRODUCTION_RULE, DataTypes.StringType, "where production_factor comes from")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(GAMES_ID, METAL)
      .partitionedBy(SCENARIO)
      .build();

  private MedalDemandTable() {}
}
