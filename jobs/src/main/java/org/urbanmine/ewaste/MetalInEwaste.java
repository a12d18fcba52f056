package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.MetalInEwasteTable.ASSUMED_CONTENT_SHARE;
import static org.urbanmine.tables.MetalInEwasteTable.CONTAINED_KG;
import static org.urbanmine.tables.MetalInEwasteTable.COUNTRY_CODE;
import static org.urbanmine.tables.MetalInEwasteTable.METAL;
import static org.urbanmine.tables.MetalInEwasteTable.RECOVERABLE_KG;
import static org.urbanmine.tables.MetalInEwasteTable.YEAR;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.MetalContent;
import org.urbanmine.tables.ForecastDriversTable;

/**
 * {@code metal_in_ewaste}: the metal contained in each country's e-waste generated per year
 * (e-waste of each UNU key x that key's metal content, {@link MetalContent}) and the share of it a
 * recycling chain recovers under the scenario's collection rate and yields
 * ({@code urbanmine.drivers}). The country model starts from the same contained kilograms: for a
 * country with put-on-market data, {@code forecast_drivers.model_kg} is this table's
 * {@code recoverable_kg} (the forecast stage's audit checks it).
 */
public final class MetalInEwaste {
  private MetalInEwaste() {}

  /**
   * @param generated {@code country_code, unu_key, year, ewaste_kg}
   * @param content the metal content per key
   * @param factors {@link CountryChain#plainFactors}: the scenario's collection rate and yields per
   *     country, metal and year, as the country model takes them
   */
  public static Dataset<Row> of(Dataset<Row> generated, MetalContent content, Dataset<Row> factors) {
    Dataset<Row> contained = MetalContent.contained(generated, content)
        .select(col(MetalContent.COUNTRY_CODE).as(COUNTRY_CODE), col(MetalContent.YEAR).as(YEAR),
            col(MetalContent.METAL).as(METAL), col(MetalContent.CONTAINED_KG).as(CONTAINED_KG),
            when(col(MetalContent.CONTAINED_KG).gt(0),
                col(MetalContent.ASSUMED_KG).divide(col(MetalContent.CONTAINED_KG))).as(ASSUMED_CONTENT_SHARE));
    // In the country model's order of factors, so that the two agree to the bit.
    return contained.join(factors, new String[] {COUNTRY_CODE, METAL, YEAR}, "left")
        .withColumn(RECOVERABLE_KG, col(CONTAINED_KG).multiply(col(ForecastDriversTable.COLLECTION_RATE))
            .multiply(col(ForecastDriversTable.PREPROCESSING_YIELD)).multiply(col(ForecastDriversTable.SMELTER_YIELD)));
  }
}
