package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.MassBalanceTable;
import org.urbanmine.uncertainty.Lifespan;

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
 * sums rather than restating a definition. All of it is Spark: a row per country and product
 * type holds its sales by cohort and its shares by age, and Spark's array functions add up each
 * year from them; nothing loops in the driver.
 *
 * <p>The midpoint densities of a continuous lifespan need not sum to exactly 1 over all ages
 * (for Weibull shape 2, scale 6.8 they sum to 1.0018), so a cohort's stock may end slightly
 * below 0 once it has all been discarded: the model's own approximation, kept as it is so that
 * the figures match the published model's.
 */
public final class WasteOverTime {
  public static final String COUNTRY_CODE = EwasteGeneratedTable.COUNTRY_CODE;
  public static final String UNU_KEY = EwasteGeneratedTable.UNU_KEY;
  public static final String YEAR = EwasteGeneratedTable.YEAR;
  public static final String POM_KG = EwasteGeneratedTable.POM_KG;
  public static final String EWASTE_KG = EwasteGeneratedTable.EWASTE_KG;
  public static final String STOCK_KG = EwasteGeneratedTable.STOCK_KG;
  public static final String CUMULATIVE_POM_KG = MassBalanceTable.CUMULATIVE_POM_KG;
  public static final String CUMULATIVE_EWASTE_KG = MassBalanceTable.CUMULATIVE_EWASTE_KG;
  public static final String RESIDUAL_KG = MassBalanceTable.RESIDUAL_KG;
  public static final String RELATIVE_RESIDUAL = MassBalanceTable.RELATIVE_RESIDUAL;

  private static final String FIRST_COHORT = "first_cohort";
  private static final String SALES = "sales_kg_by_cohort";
  private static final String SHARES = "discarded_share_by_age";
  private static final String DISCARDED_SO_FAR = "discarded_so_far_by_age";
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
    // One row per series, its sales by cohort (from its first to lastYear, null in a year
    // without) as an array: the convolution below runs inside each row, so there is no row per
    // cohort and age (2.4 M rows on the sample data, a shuffle and an ordered sum per year),
    // and each year's sum is added in cohort order, the same on every run and on any cluster.
    Column byYear = map_from_entries(collect_list(struct(col(YEAR), col(POM_KG))));
    Dataset<Row> series = pom.filter(col(YEAR).leq(lastYear))
        .groupBy(col(COUNTRY_CODE), col(UNU_KEY))
        .agg(min(col(YEAR)).as(FIRST_COHORT), byYear.as(SALES))
        .withColumn(SALES, transform(sequence(col(FIRST_COHORT), lit(lastYear)), y -> try_element_at(col(SALES), y)))
        .join(lifespans, SERIES);
    Column ages = sequence(lit(0), lit(lastYear).minus(col(FIRST_COHORT)));
    Dataset<Row> withShares = series
        .withColumn(SHARES, transform(ages, Lifespan::discardedShare))
        // discarded by the end of each age: the running sum of the shares, in age order.
        .withColumn(DISCARDED_SO_FAR, transform(ages,
            age -> aggregate(slice(col(SHARES), lit(1), age.plus(1)), lit(0.0), Column::plus)));
    Column years = transform(sequence(col(FIRST_COHORT), lit(lastYear)), year -> struct(year.as(YEAR),
        coalesce(sold(year), lit(0.0)).as(POM_KG),
        overCohorts(year, (sold, age) -> sold.multiply(element_at(col(SHARES), age.plus(1)))).as(EWASTE_KG),
        overCohorts(year, (sold, age) ->
            sold.multiply(lit(1.0).minus(element_at(col(DISCARDED_SO_FAR), age.plus(1))))).as(STOCK_KG)));
    return withShares.select(col(COUNTRY_CODE), col(UNU_KEY), inline(years));
  }

  /** The kg sold in {@code cohort}: null in a year without sales. */
  private static Column sold(Column cohort) {
    return element_at(col(SALES), cohort.minus(col(FIRST_COHORT)).plus(1));
  }

  /**
   * The sum over the cohorts sold up to {@code year}, oldest first, of {@code term(kg sold, age
   * in year)}; cohorts without sales (null terms) add nothing.
   */
  private static Column overCohorts(Column year, BiFunction<Column, Column, Column> term) {
    return aggregate(sequence(col(FIRST_COHORT), year), lit(0.0), (total, cohort) -> {
      Column value = term.apply(sold(cohort), year.minus(cohort));
      return when(value.isNull(), total).otherwise(total.plus(value));
    });
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
