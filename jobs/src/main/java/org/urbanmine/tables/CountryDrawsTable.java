package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code country_draws}: every country's recoverable metal per Monte
 * Carlo draw, so that an analyst can sum any group of countries (the EU-27, co-hosts) coherently:
 * the sum of the draws, then its percentiles. Written by {@code forecast.ForecastJob} with
 * {@code model.CountryChain}, tested in {@code CountryChainTest} and {@code HierarchyPipelineTest}.
 */
public final class CountryDrawsTable {
  public static final String COUNTRY_CODE = "country_code";
  public static final String REGION = "region";
  public static final String SUB_REGION = "sub_region";
  public static final String METAL = MetalForecastTable.METAL;
  public static final String YEAR = MetalForecastTable.YEAR;
  public static final String MASS_KG = MetalForecastTable.MASS_KG;
  public static final String DRAWS_KG = "draws_kg";
  public static final String BASIS = MetalForecastTable.BASIS;
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("country_draws",
          "Recoverable metal per country, metal and year, in every Monte Carlo draw.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(REGION, DataTypes.StringType, "UN M49 region")
      .column(SUB_REGION, DataTypes.StringType, "UN M49 sub-region")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(MASS_KG, DataTypes.DoubleType,
          "recoverable metal with every assumption at its median and every country's own factor at 1, kilograms"
              + " (metal_forecast.mass_kg)")
      .column(DRAWS_KG, DataTypes.createArrayType(DataTypes.DoubleType),
          "recoverable metal in draws 0, 1, ... of urbanmine.uncertainty.draws, kilograms; element i of every row"
              + " is the same draw, so sums of rows element by element are sums per draw")
      .column(BASIS, DataTypes.StringType, MetalForecastTable.BASIS_MEANING)
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private CountryDrawsTable() {}
}
