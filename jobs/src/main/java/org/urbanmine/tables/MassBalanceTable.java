package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code mass_balance}: its columns, key and partitions. Written by
 * {@code ewaste.MassBalance}, tested in {@code EwasteJobTest}; other stages read the table through
 * this class only.
 */
public final class MassBalanceTable {
  public static final String COUNTRY_CODE = EwasteGeneratedTable.COUNTRY_CODE;
  public static final String UNU_KEY = EwasteGeneratedTable.UNU_KEY;
  public static final String YEAR = EwasteGeneratedTable.YEAR;
  public static final String CUMULATIVE_POM_KG = "cumulative_pom_kg";
  public static final String CUMULATIVE_EWASTE_KG = "cumulative_ewaste_kg";
  public static final String STOCK_KG = EwasteGeneratedTable.STOCK_KG;
  public static final String RESIDUAL_KG = "residual_kg";
  public static final String RELATIVE_RESIDUAL = "relative_residual";


  public static final TableSpec TABLE = TableSpec.builder("mass_balance",
          "Mass balance of the sales-lifespan model per country, UNU key and year: cumulative POM = stock + cumulative e-waste.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(UNU_KEY, DataTypes.StringType, "UNU key")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(CUMULATIVE_POM_KG, DataTypes.DoubleType, "put on the market from the first year to this one, kilograms")
      .column(CUMULATIVE_EWASTE_KG, DataTypes.DoubleType, "e-waste generated from the first year to this one, kilograms")
      .column(STOCK_KG, DataTypes.DoubleType, "stock at the end of the year, summed cohort by cohort, kilograms")
      .column(RESIDUAL_KG, DataTypes.DoubleType, "cumulative_pom_kg - stock_kg - cumulative_ewaste_kg, kilograms")
      .column(RELATIVE_RESIDUAL, DataTypes.DoubleType, "residual_kg / cumulative_pom_kg; null when that is 0")
      .column(TableSpec.SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .mayBeNegative(STOCK_KG, RESIDUAL_KG)
      .key(COUNTRY_CODE, UNU_KEY, YEAR)
      .partitionedBy(TableSpec.SCENARIO)
      .build();

  private MassBalanceTable() {}
}
