package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.urbanmine.tables.EwasteGeneratedTable.COLLECTION_CATEGORY;
import static org.urbanmine.tables.EwasteGeneratedTable.COUNTRY_CODE;
import static org.urbanmine.tables.EwasteGeneratedTable.EWASTE_KG;
import static org.urbanmine.tables.EwasteGeneratedTable.EWASTE_KG_PER_PERSON;
import static org.urbanmine.tables.EwasteGeneratedTable.FLAGS;
import static org.urbanmine.tables.EwasteGeneratedTable.UNU_KEY;
import static org.urbanmine.tables.EwasteGeneratedTable.YEAR;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ewaste_generated}: per country, UNU key and year, what was put on the market (cleaned
 * and extended, {@link PutOnMarket}), the e-waste that became of it and the stock still in use
 * ({@link WasteOverTime}), with the flag of each put-on-market value.
 */
public final class EwasteGenerated {

  private EwasteGenerated() {}

  /**
   * @param pom {@link PutOnMarket#extend}ed series
   * @param generated {@link WasteOverTime#generated} of them
   * @param keys {@code unu_key, collection_category}
   */
  public static Dataset<Row> of(Dataset<Row> pom, Dataset<Row> generated, Dataset<Row> keys) {
    return generated
        .join(pom.select(COUNTRY_CODE, UNU_KEY, YEAR, PutOnMarket.POPULATION, PutOnMarket.FLAG),
            new String[] {COUNTRY_CODE, UNU_KEY, YEAR}, "left")
        .join(keys.select(UNU_KEY, COLLECTION_CATEGORY), new String[] {UNU_KEY}, "left")
        .withColumn(EWASTE_KG_PER_PERSON, col(EWASTE_KG).divide(col(PutOnMarket.POPULATION)))
        .withColumn(FLAGS, col(PutOnMarket.FLAG));
  }
}
