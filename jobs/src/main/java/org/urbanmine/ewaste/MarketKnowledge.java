package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Two rules of the Waste over Time model that come from knowledge of the market, not from the
 * data (docs/waste-over-time.md, 3.5 and 3.6), applied to put-on-market in kg per person before
 * any outlier is judged, as in the model (the same at method versions 1.1 and 1.2):
 *
 * <ul>
 *   <li>CRT televisions (key 0407) left the shops as flat screens came: none is sold from 2007 in
 *       stratum 1, 2008 in stratum 2, 2009 in stratum 3, and the year before sells half what the
 *       year before that did. These values are {@link PutOnMarket#MARKET_KNOWLEDGE}, and no
 *       outlier rule replaces them; a country without a stratum keeps its data.
 *   <li>Professional medical equipment (key 0802) above 20 kg per person is taken for a reporting
 *       error (Denmark reports up to 300 kg per person): it is dropped and estimated as an
 *       outlier is ({@link PutOnMarket#ABOVE_CAP}).
 * </ul>
 */
final class MarketKnowledge {
  static final String CRT_TELEVISIONS = "0407";
  static final String MEDICAL_EQUIPMENT = "0802";
  static final double MEDICAL_CAP_KG_PER_PERSON = 20.0;
  /** The first year without CRT television sales, by stratum 1, 2, 3. */
  private static final int[] CRT_LAST_SALES_YEAR = {2007, 2008, 2009};

  private MarketKnowledge() {}

  /**
   * @param rows one row per country, key and year, the years of a series without gaps:
   *     {@code unu_key, year, stratum, kg_per_person, pieces_per_person, pom_flag} (the flag null where no rule has
   *     spoken yet)
   * @return the same rows, kg and pieces per person and flag changed where a rule applies
   */
  static Dataset<Row> apply(Dataset<Row> rows) {
    Column stratum = col(PutOnMarket.STRATUM);
    Column noneFrom = when(stratum.equalTo(1), lit(CRT_LAST_SALES_YEAR[0]))
        .when(stratum.equalTo(2), lit(CRT_LAST_SALES_YEAR[1]))
        .when(stratum.equalTo(3), lit(CRT_LAST_SALES_YEAR[2]));
    Column year = col(PutOnMarket.YEAR);
    Column kpi = col(PutOnMarket.KPI);
    Column isCrt = col(PutOnMarket.UNU_KEY).equalTo(CRT_TELEVISIONS).and(noneFrom.isNotNull());
    // The year before: half of the year before that, as reported (a missing one stays missing and
    // is estimated later, as at method version 1.2).
    org.apache.spark.sql.expressions.WindowSpec series = Window.partitionBy(PutOnMarket.COUNTRY_CODE,
        PutOnMarket.UNU_KEY).orderBy(PutOnMarket.YEAR);
    Column crtRow = isCrt.and(year.geq(noneFrom.minus(1)));
    Column crtKpi = when(crtRow, when(year.geq(noneFrom), lit(0.0)).otherwise(lag(kpi, 1).over(series).divide(2)));
    Column crtPpi = when(crtRow, when(year.geq(noneFrom), lit(0.0))
        .otherwise(lag(col(PutOnMarket.PPI), 1).over(series).divide(2)));
    Column aboveCap = col(PutOnMarket.UNU_KEY).equalTo(MEDICAL_EQUIPMENT).and(kpi.gt(MEDICAL_CAP_KG_PER_PERSON));
    return rows
        .withColumn("crt_kpi", crtKpi)
        .withColumn("crt_ppi", crtPpi)
        .withColumn(PutOnMarket.FLAG, when(crtRow.and(col("crt_kpi").isNotNull()), lit(PutOnMarket.MARKET_KNOWLEDGE))
            .when(aboveCap, lit(PutOnMarket.ABOVE_CAP))
            .otherwise(col(PutOnMarket.FLAG)))
        .withColumn(PutOnMarket.PPI, when(crtRow, col("crt_ppi")).when(aboveCap, lit(null))
            .otherwise(col(PutOnMarket.PPI)))
        .withColumn(PutOnMarket.KPI, when(crtRow, col("crt_kpi")).when(aboveCap, lit(null)).otherwise(kpi))
        .drop("crt_kpi", "crt_ppi");
  }
}
