package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
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
import org.urbanmine.model.OrderedSum;
import org.urbanmine.tables.ForecastDriversTable;

/**
 * {@code metal_in_ewaste}: the metal contained in each country's e-waste generated per year
 * (e-waste of each UNU key x that key's metal content) and the share of it a recycling chain
 * recovers under the scenario's collection rate and yields ({@code urbanmine.drivers}).
 */
public final class MetalInEwaste {
  /** Content rows for every key without its own: {@code unu_key = *}. */
  public static final String ANY_KEY = "*";

  private MetalInEwaste() {}

  /**
   * @param generated {@code country_code, unu_key, year, ewaste_kg}
   * @param content {@code unu_key, metal, g_per_t, basis} ({@code published} or {@code assumption});
   *     {@code unu_key = *} for every key without a row of its own
   * @param factors {@link CountryChain#plainFactors}: the scenario's collection rate and yields per
   *     country, metal and year, as the country model takes them
   */
  public static Dataset<Row> of(Dataset<Row> generated, Dataset<Row> content, Dataset<Row> factors) {
    Dataset<Row> own = content.filter(col(WasteOverTime.UNU_KEY).notEqual(ANY_KEY));
    Dataset<Row> fallback = content.filter(col(WasteOverTime.UNU_KEY).equalTo(ANY_KEY)).drop(WasteOverTime.UNU_KEY)
        .withColumnRenamed("g_per_t", "any_g_per_t").withColumnRenamed("basis", "any_basis");
    Dataset<Row> perKey = generated.select(COUNTRY_CODE, WasteOverTime.UNU_KEY, YEAR, WasteOverTime.EWASTE_KG)
        .crossJoin(fallback)
        .join(own, new String[] {WasteOverTime.UNU_KEY, METAL}, "left")
        .withColumn("content", coalesce(col("g_per_t"), col("any_g_per_t")))
        .withColumn("assumed", coalesce(col("basis"), col("any_basis")).notEqual("published"))
        // kg of e-waste x g per tonne: / 1,000 kg per tonne, / 1,000 g per kg.
        .withColumn(CONTAINED_KG, col(WasteOverTime.EWASTE_KG).multiply(col("content")).divide(1e6));
    Dataset<Row> contained = perKey.groupBy(COUNTRY_CODE, YEAR, METAL)
        .agg(OrderedSum.of(col(WasteOverTime.UNU_KEY), col(CONTAINED_KG)).as(CONTAINED_KG),
            OrderedSum.of(col(WasteOverTime.UNU_KEY), when(col("assumed"), col(CONTAINED_KG)).otherwise(lit(0.0)))
                .as("assumed_kg"))
        .withColumn(ASSUMED_CONTENT_SHARE,
            when(col(CONTAINED_KG).gt(0), col("assumed_kg").divide(col(CONTAINED_KG))));
    return contained.join(factors, new String[] {COUNTRY_CODE, METAL, YEAR}, "left")
        .withColumn(RECOVERABLE_KG, col(CONTAINED_KG).multiply(col(ForecastDriversTable.COLLECTION_RATE))
            .multiply(col(ForecastDriversTable.PREPROCESSING_YIELD)).multiply(col(ForecastDriversTable.SMELTER_YIELD)));
  }
}
