package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code aggregate_draws}: each sub-region's, region's and the world's
 * recoverable metal per Monte Carlo draw, the sum of its countries' {@code country_draws} draw by
 * draw (the audit checks it); {@code medal_outlook} takes its percentiles from here. Written by
 * {@code forecast.ForecastJob} with {@code model.CountryChain}, tested in {@code CountryChainTest}.
 */
public final class AggregateDrawsTable {
  public static final String SCOPE_LEVEL = MetalForecastTable.SCOPE_LEVEL;
  public static final String SCOPE = MetalForecastTable.SCOPE;
  public static final String METAL = MetalForecastTable.METAL;
  public static final String YEAR = MetalForecastTable.YEAR;
  public static final String MASS_KG = MetalForecastTable.MASS_KG;
  public static final String DRAWS_KG = CountryDrawsTable.DRAWS_KG;
  public static final String COUNTRIES = MetalForecastTable.COUNTRIES;
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("aggregate_draws",
          "Recoverable metal per sub-region, region and the world, metal and year, in every Monte Carlo draw.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "sub_region, region or world")
      .column(SCOPE, DataTypes.StringType, "UN M49 name, or World")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(MASS_KG, DataTypes.DoubleType, "sum of its countries' country_draws.mass_kg, kilograms")
      .column(DRAWS_KG, DataTypes.createArrayType(DataTypes.DoubleType),
          "per draw, the sum of its countries' country_draws.draws_kg, kilograms")
      .column(COUNTRIES, DataTypes.IntegerType, "countries summed")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(SCOPE_LEVEL, SCOPE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private AggregateDrawsTable() {}
}
