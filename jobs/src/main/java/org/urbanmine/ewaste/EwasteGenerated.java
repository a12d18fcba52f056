package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.urbanmine.tables.EwasteGeneratedTable.COLLECTION_CATEGORY;
import static org.urbanmine.tables.EwasteGeneratedTable.EWASTE_KG;
import static org.urbanmine.tables.EwasteGeneratedTable.EWASTE_KG_LONGER_LIFESPANS;
import static org.urbanmine.tables.EwasteGeneratedTable.EWASTE_KG_PER_PERSON;
import static org.urbanmine.tables.EwasteGeneratedTable.EWASTE_KG_SHORTER_LIFESPANS;
import static org.urbanmine.tables.EwasteGeneratedTable.FLAGS;
import static org.urbanmine.tables.EwasteGeneratedTable.UNU_KEY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * @param pom {@link PutOnMarket#extend}ed series, with their population and flag per year
   * @param lifespans {@link LifespanParameters#of} them
   * @param keys {@code unu_key, collection_category}
   * @param lastYear the last year modelled
   * @param lifespanLogSd {@code urbanmine.ewaste.lifespan-log-sd}: the e-waste with every lifespan
   *     e^-sd and e^sd times as long is computed beside it, for the Monte Carlo
   */
  public static Dataset<Row> of(Dataset<Row> pom, Dataset<Row> lifespans, Dataset<Row> keys, int lastYear,
      double lifespanLogSd) {
    // The population, flag and category travel with each series through the model: no join of
    // its 90,000 rows back to the put-on-market rows.
    Dataset<Row> series = lifespans.join(keys.select(UNU_KEY, COLLECTION_CATEGORY), new String[] {UNU_KEY}, "left");
    return WasteOverTime.generated(pom, series, lastYear, List.of(PutOnMarket.POPULATION, PutOnMarket.FLAG),
            List.of(COLLECTION_CATEGORY), lifespanNodes(lifespanLogSd))
        .withColumn(EWASTE_KG_PER_PERSON, col(EWASTE_KG).divide(col(PutOnMarket.POPULATION)))
        .withColumn(FLAGS, col(PutOnMarket.FLAG));
  }

  /** The two scaled-lifespan columns and their multipliers, e^-sd and e^sd. */
  static Map<String, Double> lifespanNodes(double lifespanLogSd) {
    Map<String, Double> nodes = new LinkedHashMap<>();
    nodes.put(EWASTE_KG_SHORTER_LIFESPANS, Math.exp(-lifespanLogSd));
    nodes.put(EWASTE_KG_LONGER_LIFESPANS, Math.exp(lifespanLogSd));
    return nodes;
  }
}
