package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.urbanmine.aggregate.OrderedSum;

/**
 * The Waste over Time model (Statistics Netherlands and UNU; the UNU e-waste statistics
 * guidelines' sales-lifespan method): the e-waste generated in year t from product type k is what
 * was put on the market in each earlier year y, times the share of that cohort discarded at age
 * t - y,
 *
 * <pre>  E_k(t) = sum over y &lt;= t of POM_k(y) x f_k(t - y + 0.5)</pre>
 *
 * <p>and the stock in use (or stored) is what each cohort has not yet discarded,
 * S_k(t) = sum over y &lt;= t of POM_k(y) x (1 - sum over a &lt;= t - y of f_k(a + 0.5)).
 * The two are computed along separate paths, cohort by cohort, so that the mass balance
 * (cumulative POM = stock + cumulative e-waste; {@link #massBalance}) checks the joins and
 * sums rather than restating a definition. All of it is Spark: a row per country, product type,
 * cohort and age, then aggregations; nothing loops in the driver.
 *
 * <p>The midpoint densities of a continuous lifespan need not sum to exactly 1 over all ages
 * (for Weibull shape 2, scale 6.8 they sum to 1.0018), so a cohort's stock may end slightly
 * below 0 once it has all been discarded: the model's own approximation, kept as it is so that
 * the figures match the published model's.
 */
public final class WasteOverTime {
  public static final String COUNTRY_CODE = "country_code";
  public static final String UNU_KEY = "unu_key";
  public static final String YEAR = "year";
  public static final String POM_KG = "pom_kg";
  public static final String EWASTE_KG = "ewaste_kg";
  public static final String STOCK_KG = "stock_kg";
  public static final String CUMULATIVE_POM_KG = "cumulative_pom_kg";
  public static final String CUMULATIVE_EWASTE_KG = "cumulative_ewaste_kg";
  public static final String RESIDUAL_KG = "residual_kg";
  public static final String RELATIVE_RESIDUAL = "relative_residual";

  private static final String COHORT = "cohort_year";
  private static final String AGE = "age";
  private static final String SHARE = "discarded_share";
  private static final String[] SERIES = {COUNTRY_CODE, UNU_KEY};

  private WasteOverTime() {}

  /**
   * E-waste generated and stock per country, product type and year, from the first year put on
   * the market to {@code lastYear}.
   *
   * @param pom {@code country_code, unu_key, year, pom_kg}: one row per year put on the market
   * @param lifespans {@code country_code, unu_key} and the parameter columns of
   *     {@link Lifespan#SCHEMA}: one row per country and product type
   * @return {@code country_code, unu_key, year, pom_kg} (0 in a year with no sales)
   *     {@code , ewaste_kg, stock_kg}
   */
  public static Dataset<Row> generated(Dataset<Row> pom, Dataset<Row> lifespans, int lastYear) {
    Dataset<Row> sold = pom.filter(col(YEAR).leq(lastYear))
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR).as(COHORT), col(POM_KG));
    int oldest = lastYear - sold.agg(org.apache.spark.sql.functions.min(COHORT)).first().getInt(0);
    // The shares by age once per series (a few thousand rows), with their running sum; then one
    // row per cohort and age, joined, with no sort of those.
    Dataset<Row> shares = lifespans
        .withColumn(AGE, explode(sequence(lit(0), lit(Math.max(oldest, 0)))))
        .withColumn(SHARE, Lifespan.discardedShare(col(AGE)))
        .withColumn("discarded_so_far", sum(SHARE).over(Window.partitionBy(SERIES[0], SERIES[1]).orderBy(AGE)))
        .select(COUNTRY_CODE, UNU_KEY, AGE, SHARE, "discarded_so_far");
    Dataset<Row> byAge = sold.join(shares, SERIES)
        .filter(col(COHORT).plus(col(AGE)).leq(lastYear));
    Dataset<Row> flows = byAge
        .groupBy(col(COUNTRY_CODE), col(UNU_KEY), col(COHORT).plus(col(AGE)).as(YEAR))
        .agg(OrderedSum.of(col(COHORT), col(POM_KG).multiply(col(SHARE))).as(EWASTE_KG),
            OrderedSum.of(col(COHORT), col(POM_KG).multiply(lit(1.0).minus(col("discarded_so_far")))).as(STOCK_KG));
    Dataset<Row> sales = pom.select(COUNTRY_CODE, UNU_KEY, YEAR, POM_KG);
    return flows.join(sales, new String[] {COUNTRY_CODE, UNU_KEY, YEAR}, "left")
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), coalesce(col(POM_KG), lit(0.0)).as(POM_KG),
            col(EWASTE_KG), col(STOCK_KG));
  }

  /**
   * For each country, product type and year of {@link #generated}: cumulative POM, cumulative
   * e-waste, the stock, and the residual cumulative POM - stock - cumulative e-waste, absolute
   * and relative to cumulative POM (null where that is 0).
   */
  public static Dataset<Row> massBalance(Dataset<Row> generated) {
    WindowSpec toDate = Window.partitionBy(COUNTRY_CODE, UNU_KEY).orderBy(YEAR)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column residual = col(CUMULATIVE_POM_KG).minus(col(STOCK_KG)).minus(col(CUMULATIVE_EWASTE_KG));
    return generated
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), sum(POM_KG).over(toDate).as(CUMULATIVE_POM_KG),
            sum(EWASTE_KG).over(toDate).as(CUMULATIVE_EWASTE_KG), col(STOCK_KG))
        .withColumn(RESIDUAL_KG, residual)
        .withColumn(RELATIVE_RESIDUAL, org.apache.spark.sql.functions.when(col(CUMULATIVE_POM_KG).notEqual(0),
            col(RESIDUAL_KG).divide(col(CUMULATIVE_POM_KG))));
  }
}
