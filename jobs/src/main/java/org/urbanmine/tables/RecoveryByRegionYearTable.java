package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code recovery_by_region_year}: its columns, key and partitions.
 * Written by {@code aggregate.RecoveryByRegionYear}, tested in {@code RecoveryByRegionYearTest};
 * other stages read the table through this class only.
 */
public final class RecoveryByRegionYearTable {
  public static final String SCOPE_LEVEL = "scope_level";
  public static final String SCOPE = "scope";
  public static final String YEAR = RecoveryByCountryYearTable.YEAR;
  public static final String METAL = RecoveryByCountryYearTable.METAL;
  public static final String MASS_KG = RecoveryByCountryYearTable.MASS_KG;
  public static final String COUNTRY_COUNT = "country_count";
  public static final String WORLD = "world";
  public static final String SUB_REGION = "sub_region";
  public static final String COUNTRY = "country";
  public static final String WORLD_SCOPE = "World";

  public static final TableSpec TABLE = TableSpec.builder("recovery_by_region_year",
          "Metal recovered per UN M49 region, sub-region and the world, per year and metal.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "world, region or sub_region")
      .column(SCOPE, DataTypes.StringType, "World, or the M49 region or sub-region name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(MASS_KG, DataTypes.DoubleType, "sum of the countries' mass_kg, kilograms")
      .column(COUNTRY_COUNT, DataTypes.LongType, "countries with data in this scope and year")
      .key(SCOPE_LEVEL, SCOPE, YEAR, METAL)
      .build();

  private RecoveryByRegionYearTable() {}
}
