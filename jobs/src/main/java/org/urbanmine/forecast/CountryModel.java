package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.urbanmine.model.CountryChain;
import org.urbanmine.reference.CollectionRates;
import org.urbanmine.tables.AggregateDrawsTable;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MetalForecastTable;

/**
 * The country model's edges: its input, one row per country, metal and year, built from the tables
 * it rests on; and the tables cut from its output ({@link CountryChain#OUTPUT_SCHEMA}).
 */
final class CountryModel {
  private CountryModel() {}

  /**
   * {@link CountryChain#INPUT_SCHEMA}: every country of {@code ewaste} ({@link CountryEwaste#series})
   * for every metal, with its region, own collection rate ({@code collection_rates}) and records.
   * Records of a country without an e-waste series (no population data) are left out: it is not
   * modelled ({@code country_coverage} says why).
   *
   * @param observed {@code country_code, metal, year, mass_kg}
   */
  static Dataset<Row> input(Dataset<Row> ewaste, Dataset<Row> rates, Dataset<Row> countries, Dataset<Row> observed,
      Collection<String> metals) {
    Dataset<Row> metalRows = ewaste.sparkSession()
        .createDataset(new ArrayList<>(metals), Encoders.STRING()).toDF(CountryChain.METAL);
    Dataset<Row> places = countries.select(col(CountryChain.COUNTRY_CODE),
        nullif(col(CountryChain.REGION), lit("")).as(CountryChain.REGION),
        nullif(col(CountryChain.SUB_REGION), lit("")).as(CountryChain.SUB_REGION));
    return ewaste
        .join(places, new String[] {CountryChain.COUNTRY_CODE}, "left")
        .join(rates.select(col(CollectionRates.COUNTRY_CODE).as(CountryChain.COUNTRY_CODE),
            col(CollectionRates.COLLECTION_RATE).as(CountryChain.OWN_COLLECTION_RATE),
            col(CollectionRates.COLLECTION_BASIS).as(CountryChain.COLLECTION_BASIS)), new String[] {CountryChain.COUNTRY_CODE}, "left")
        .crossJoin(metalRows)
        .join(observed.select(col(CountryChain.COUNTRY_CODE), col(CountryChain.METAL), col(CountryChain.YEAR),
            col(MetalForecastTable.MASS_KG).as(CountryChain.OBSERVED_KG)),
            new String[] {CountryChain.COUNTRY_CODE, CountryChain.METAL, CountryChain.YEAR}, "left")
        .select(col(CountryChain.COUNTRY_CODE), col(CountryChain.REGION), col(CountryChain.SUB_REGION),
            col(CountryChain.METAL), col(CountryChain.YEAR), col(CountryEwaste.EWASTE_T).as(CountryChain.EWASTE_T),
            col(CountryEwaste.EWASTE_BASIS).as(CountryChain.EWASTE_BASIS),
            // No spread where the fit had too few countries to give one: the estimate as it is.
            coalesce(col(CountryEwaste.EWASTE_LOG_SD), lit(0.0)).as(CountryChain.EWASTE_LOG_SD),
            col(CountryEwaste.LAST_DATA_YEAR).as(CountryChain.EWASTE_LAST_DATA_YEAR),
            // A country the reference gives no rate (not even the world's) collects nothing known.
            when(col(CountryChain.OWN_COLLECTION_RATE).isNull(), lit(0.0))
                .otherwise(col(CountryChain.OWN_COLLECTION_RATE)).as(CountryChain.OWN_COLLECTION_RATE),
            col(CountryChain.COLLECTION_BASIS), col(CountryChain.OBSERVED_KG),
            col(CountryEwaste.EWASTE_RULE).as(CountryChain.EWASTE_RULE));
  }

  private static Dataset<Row> countryRows(Dataset<Row> chained) {
    return chained.filter(col(CountryChain.SCOPE_LEVEL).equalTo(CountryChain.COUNTRY));
  }

  /** {@code forecast_drivers}: the country rows, factor by factor, with every assumption at its median. */
  static Dataset<Row> drivers(Dataset<Row> chained) {
    return countryRows(chained)
        .withColumn(ForecastDriversTable.COUNTRY_CODE, col(CountryChain.SCOPE))
        .withColumn(ForecastDriversTable.RECOVERABLE_KG, col(CountryChain.MASS_KG));
  }

  /** {@code country_draws}. */
  static Dataset<Row> countryDraws(Dataset<Row> chained) {
    return countryRows(chained).withColumn(CountryDrawsTable.COUNTRY_CODE, col(CountryChain.SCOPE));
  }

  /** {@code aggregate_draws}. */
  static Dataset<Row> aggregateDraws(Dataset<Row> chained) {
    return chained.filter(col(CountryChain.SCOPE_LEVEL).notEqual(CountryChain.COUNTRY));
  }

  /** {@code metal_forecast} of the country model: every scope, recorded years as recorded. */
  static Dataset<Row> forecast(Dataset<Row> chained) {
    return chained.withColumn(MetalForecastTable.METHOD,
        when(col(CountryChain.SCOPE_LEVEL).notEqual(CountryChain.COUNTRY), lit(MetalForecastTable.SUM_OF_COUNTRIES))
            .when(col(CountryChain.BASIS).equalTo(CountryChain.RECORDED), lit(MetalForecastTable.OBSERVED))
            .otherwise(lit(ForecastDriversTable.DRIVERS)));
  }
}
