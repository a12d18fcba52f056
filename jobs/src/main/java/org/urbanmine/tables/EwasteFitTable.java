package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code ewaste_fit}: the line that estimates e-waste generated per
 * person from purchasing power per person for the countries without modelled or published
 * figures, one row per country it was fitted on. Computed by {@code forecast.CountryEwaste.fit},
 * tested in {@code CountryEwasteTest}; other stages read the table through this class only.
 */
public final class EwasteFitTable {
  public static final String COUNTRY_CODE = "country_code";
  public static final String BASIS = "basis";
  public static final String YEARS_USED = "years_used";
  public static final String YEAR_COUNT = "year_count";
  public static final String LN_PPP = "ln_ppp";
  public static final String LN_KG_PER_PERSON = "ln_kg_per_person";
  public static final String FITTED = "fitted_ln_kg_per_person";
  public static final String RESIDUAL = "residual";
  public static final String LEVERAGE = "leverage";
  public static final String LOO_FITTED = "loo_fitted_ln_kg_per_person";
  public static final String LOO_ERROR = "loo_error";
  public static final String INTERCEPT = "intercept";
  public static final String SLOPE = "slope";
  public static final String RESIDUAL_SD = "residual_sd";
  public static final String COUNTRY_COUNT = "country_count";
  public static final String LOO_RMSE = "loo_rmse";
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("ewaste_fit",
          "The fit of ln(e-waste generated per person) on ln(purchasing power per person) that estimates the"
              + " countries without modelled or published figures: one row per country it was fitted on, with"
              + " the line, its spread and its leave-one-country-out error repeated on every row.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3 of a country the line was fitted on")
      .column(BASIS, DataTypes.StringType, "where its e-waste comes from: sales-lifespan (the model on its"
          + " put-on-market data) or published (national figures, urbanmine.drivers.ewaste-generated)")
      .column(YEARS_USED, DataTypes.StringType, "the years averaged into its point: sales-lifespan, every year from"
          + " the first forecast year with e-waste, population and purchasing power; published, its published years"
          + " from then, a year after the population and purchasing-power data with the last known values (named)")
      .column(YEAR_COUNT, DataTypes.IntegerType, "number of years averaged")
      .column(LN_PPP, DataTypes.DoubleType, "mean over the years of ln(purchasing power per head)")
      .column(LN_KG_PER_PERSON, DataTypes.DoubleType, "mean over the years of ln(e-waste generated, kg per person)")
      .column(FITTED, DataTypes.DoubleType, "intercept + slope x ln_ppp")
      .column(RESIDUAL, DataTypes.DoubleType, "ln_kg_per_person - fitted_ln_kg_per_person")
      .column(LEVERAGE, DataTypes.DoubleType, "1 / n + (ln_ppp - mean ln_ppp)^2 / sum of squared deviations of ln_ppp")
      .column(LOO_FITTED, DataTypes.DoubleType,
          "the point's value on the line fitted without this country: ln_kg_per_person - loo_error")
      .column(LOO_ERROR, DataTypes.DoubleType, "ln_kg_per_person minus the line fitted without this country,"
          + " residual / (1 - leverage); null where the line cannot be fitted without it")
      .column(INTERCEPT, DataTypes.DoubleType, "a in ln(kg per person) = a + b ln(PPP per head), ordinary least"
          + " squares, one point per country")
      .column(SLOPE, DataTypes.DoubleType, "b in ln(kg per person) = a + b ln(PPP per head)")
      .column(RESIDUAL_SD, DataTypes.DoubleType, "standard deviation of the residuals, n - 2 degrees of freedom (log"
          + " scale): the spread drawn for an estimated country")
      .column(COUNTRY_COUNT, DataTypes.IntegerType, "n, the countries the line was fitted on")
      .column(LOO_RMSE, DataTypes.DoubleType, "root mean square of loo_error over the countries (log scale): how far"
          + " the line misses a country it has not seen")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE)
      .partitionedBy(SCENARIO)
      .build();

  private EwasteFitTable() {}
}
