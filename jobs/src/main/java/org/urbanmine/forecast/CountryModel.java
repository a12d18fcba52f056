package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.MetalContent;
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
   * for every metal, with its region, own collection rate ({@code collection_rates}), records and
   * metal contained per category: its own ({@code contained}) where its e-waste is the
   * sales-lifespan model's, else its tonnes x the composition of the countries that have it
   * ({@code composition}, the nearest year where the year is outside it). Records of a country
   * without an e-waste series (no population data) are left out: it is not modelled
   * ({@code country_coverage} says why).
   *
   * @param observed {@code country_code, metal, year, mass_kg}
   * @param contained {@link MetalContent#contained} of {@code ewaste_generated}
   * @param composition {@link MetalContent#composition} of {@code contained}
   */
  static Dataset<Row> input(Dataset<Row> ewaste, Dataset<Row> rates, Dataset<Row> countries, Dataset<Row> observed,
      Collection<String> metals, Dataset<Row> contained, Dataset<Row> composition) {
    Dataset<Row> metalRows = ewaste.sparkSession()
        .createDataset(new ArrayList<>(metals), Encoders.STRING()).toDF(CountryChain.METAL);
    Dataset<Row> places = countries.select(col(CountryChain.COUNTRY_CODE),
        nullif(col(CountryChain.REGION), lit("")).as(CountryChain.REGION),
        nullif(col(CountryChain.SUB_REGION), lit("")).as(CountryChain.SUB_REGION));
    Dataset<Row> span = composition.agg(min(MetalContent.YEAR).as(FIRST), max(MetalContent.YEAR).as(LAST));
    Column own = col(OWN);
    Column pooled = pooled(MetalContent.KG_PER_T_BY_CATEGORY);
    Column ownMix = col(CountryEwaste.EWASTE_BASIS).equalTo(CountryEwaste.SALES_LIFESPAN).and(own.isNotNull());
    return ewaste
        .join(places, new String[] {CountryChain.COUNTRY_CODE}, "left")
        .join(rates.select(col(CollectionRates.COUNTRY_CODE).as(CountryChain.COUNTRY_CODE),
            col(CollectionRates.COLLECTION_RATE).as(CountryChain.OWN_COLLECTION_RATE),
            col(CollectionRates.COLLECTION_BASIS).as(CountryChain.COLLECTION_BASIS)), new String[] {CountryChain.COUNTRY_CODE}, "left")
        .crossJoin(metalRows)
        .join(observed.select(col(CountryChain.COUNTRY_CODE), col(CountryChain.METAL), col(CountryChain.YEAR),
            col(MetalForecastTable.MASS_KG).as(CountryChain.OBSERVED_KG)),
            new String[] {CountryChain.COUNTRY_CODE, CountryChain.METAL, CountryChain.YEAR}, "left")
        .join(contained.select(col(MetalContent.COUNTRY_CODE).as(CountryChain.COUNTRY_CODE),
            col(MetalContent.METAL).as(CountryChain.METAL), col(MetalContent.YEAR).as(CountryChain.YEAR),
            col(MetalContent.CONTAINED_BY_CATEGORY).as(OWN),
            col(MetalContent.CONTAINED_BY_CATEGORY_SHORTER).as(OWN_SHORTER),
            col(MetalContent.CONTAINED_BY_CATEGORY_LONGER).as(OWN_LONGER)),
            new String[] {CountryChain.COUNTRY_CODE, CountryChain.METAL, CountryChain.YEAR}, "left")
        .crossJoin(span)
        .withColumn(MIX_YEAR, least(greatest(col(CountryChain.YEAR), col(FIRST)), col(LAST)))
        .join(composition.select(col(MetalContent.YEAR).as(MIX_YEAR), col(MetalContent.METAL).as(CountryChain.METAL),
            col(MetalContent.KG_PER_T_BY_CATEGORY), col(MetalContent.KG_PER_T_BY_CATEGORY_SHORTER),
            col(MetalContent.KG_PER_T_BY_CATEGORY_LONGER), col(MetalContent.COUNTRIES)),
            new String[] {MIX_YEAR, CountryChain.METAL}, "left")
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
            col(CountryEwaste.EWASTE_RULE).as(CountryChain.EWASTE_RULE),
            when(ownMix, own).otherwise(pooled).as(CountryChain.CONTAINED_BY_CATEGORY),
            when(ownMix, lit(OWN_RULE)).otherwise(concat(lit("composition per tonne of the "),
                col(MetalContent.COUNTRIES).cast("string"), lit(" countries with put-on-market data, "),
                col(MIX_YEAR).cast("string"), lit(" (ewaste_generated)"))).as(CountryChain.CONTENT_RULE),
            when(ownMix, col(OWN_SHORTER)).otherwise(pooled(MetalContent.KG_PER_T_BY_CATEGORY_SHORTER))
                .as(CountryChain.CONTAINED_BY_CATEGORY_SHORTER),
            when(ownMix, col(OWN_LONGER)).otherwise(pooled(MetalContent.KG_PER_T_BY_CATEGORY_LONGER))
                .as(CountryChain.CONTAINED_BY_CATEGORY_LONGER));
  }

  /** A country's tonnes x the composition's kilograms per tonne in column {@code perTonne}, per category. */
  private static Column pooled(String perTonne) {
    return transform(col(perTonne), kg -> kg.multiply(col(CountryEwaste.EWASTE_T)));
  }

  /**
   * On {@code forecast_drivers}' rows: the model at the country's own collection rate, every
   * assumption at its median: what a calibration divides its records by (model_kg is at the
   * scenario's rate).
   */
  static Column calibrationReference() {
    return when(col(ForecastDriversTable.COLLECTION_RATE).gt(0), col(ForecastDriversTable.MODEL_KG)
        .multiply(col(ForecastDriversTable.OWN_COLLECTION_RATE)).divide(col(ForecastDriversTable.COLLECTION_RATE)));
  }

  /** {@code content_rule} of a country whose own e-waste per UNU key gives its mix of products. */
  static final String OWN_RULE = "own e-waste per UNU key (ewaste_generated)";
  private static final String OWN = "own_by_category";
  private static final String OWN_SHORTER = "own_by_category_shorter_lifespans";
  private static final String OWN_LONGER = "own_by_category_longer_lifespans";
  private static final String FIRST = "mix_first_year";
  private static final String LAST = "mix_last_year";
  private static final String MIX_YEAR = "mix_year";

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
