package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regr_intercept;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.urbanmine.tables.EwasteGeneratedTable;

/**
 * Cleaning of put-on-market (POM) series, as the Waste over Time model's scripts do it, per
 * country and product type, in kilograms per inhabitant (so that countries of any size compare):
 * first the rules that come from knowledge of the market ({@link MarketKnowledge}); then values
 * more than {@code madThreshold} median absolute deviations from the series' median (MAD
 * with constant 1, and only in series of at least {@code minValues} values) are dropped, as are
 * missing years; both are then estimated by linear interpolation between the nearest reported
 * years, or the nearest one at the ends; and each series is extended to the horizon. Every value
 * keeps a {@link #FLAG} saying how it was made.
 */
public final class PutOnMarket {
  public static final String COUNTRY_CODE = WasteOverTime.COUNTRY_CODE;
  public static final String UNU_KEY = WasteOverTime.UNU_KEY;
  public static final String YEAR = WasteOverTime.YEAR;
  public static final String POM_KG = WasteOverTime.POM_KG;
  public static final String POPULATION = "population";
  public static final String FLAG = "pom_flag";

  /** As reported. */
  public static final String REPORTED = "reported";
  /** Reported, but an outlier: replaced by the interpolation of its neighbours. */
  public static final String OUTLIER = "outlier_replaced";
  /**
   * Reported, but an outlier among the same year's values of the countries of its purchasing-power
   * stratum: replaced as {@link #OUTLIER} is.
   */
  public static final String STRATUM_OUTLIER = "stratum_outlier_replaced";
  public static final String STRATUM = "stratum";
  /** Set by a rule from knowledge of the market, not the data ({@link MarketKnowledge}): kept as it is. */
  public static final String MARKET_KNOWLEDGE = "market_knowledge";
  /** Reported above the key's cap ({@link MarketKnowledge}): replaced as {@link #OUTLIER} is. */
  public static final String ABOVE_CAP = "above_cap_replaced";
  /** Not reported: interpolated between the nearest reported years. */
  public static final String INTERPOLATED = "interpolated";
  /** Not reported, before the first or after the last reported year: the nearest reported value. */
  public static final String NEAREST = "nearest_reported";
  /** After the last year of data, to the horizon ({@link #extend}). */
  public static final String EXTRAPOLATED = EwasteGeneratedTable.EXTRAPOLATED;

  /** How series are extended: a linear trend of kg per person, or its mean, times population. */
  public enum Extension {
    TREND, PER_PERSON
  }

  static final String KPI = "kg_per_person";
  private static final String IS_OUTLIER = "is_outlier";
  private static final String[] SERIES = {COUNTRY_CODE, UNU_KEY};

  private PutOnMarket() {}

  /**
   * @param pom {@code country_code, unu_key, year, pom_kg}
   * @param population {@code country_code, year, population}
   * @param strata {@code country_code, stratum}: countries of similar purchasing power, whose
   *     values of a key and year are judged together (the model's second outlier rule, after the
   *     one over a series' years); a country without a stratum is judged by its years alone
   * @return one row per series and year from the first to the last year of {@code pom}:
   *     {@code country_code, unu_key, year, pom_kg, population, pom_flag}
   */
  public static Dataset<Row> clean(Dataset<Row> pom, Dataset<Row> population, Dataset<Row> strata,
      double madThreshold, int minValues) {
    Row span = pom.agg(min(YEAR), max(YEAR)).first();
    Dataset<Row> grid = pom.select(SERIES[0], SERIES[1]).distinct()
        .withColumn(YEAR, explode(sequence(lit(span.getInt(0)), lit(span.getInt(1)))));
    Dataset<Row> perPerson = grid.join(pom.select(COUNTRY_CODE, UNU_KEY, YEAR, POM_KG), new String[] {
            COUNTRY_CODE, UNU_KEY, YEAR}, "left")
        .join(population, new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(strata, new String[] {COUNTRY_CODE}, "left")
        .withColumn(KPI, col(POM_KG).divide(col(POPULATION)))
        .withColumn(FLAG, lit(null).cast("string"));
    Dataset<Row> ruled = MarketKnowledge.apply(perPerson);

    Dataset<Row> byYears = markOutliers(ruled, SERIES, madThreshold, minValues)
        .withColumn(FLAG, when(col(FLAG).isNotNull(), col(FLAG)).when(col(KPI).isNull(), lit(null))
            .when(col(IS_OUTLIER), lit(OUTLIER)).otherwise(lit(REPORTED)))
        .withColumn(KPI, when(isKept(), col(KPI)));
    // The same rule across the countries of a stratum, per key and year, on what is left.
    Dataset<Row> marked = markOutliers(byYears, new String[] {UNU_KEY, YEAR, STRATUM}, madThreshold, minValues)
        .withColumn(FLAG, when(col(IS_OUTLIER), lit(STRATUM_OUTLIER)).otherwise(col(FLAG)))
        .withColumn(KPI, when(isKept(), col(KPI)));

    WindowSpec before = Window.partitionBy(SERIES[0], SERIES[1]).orderBy(YEAR)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec after = Window.partitionBy(SERIES[0], SERIES[1]).orderBy(YEAR)
        .rowsBetween(Window.currentRow(), Window.unboundedFollowing());
    Column known = when(col(KPI).isNotNull(), struct(col(YEAR).as("y"), col(KPI).as("v")));
    Dataset<Row> neighbours = marked
        .withColumn("prev", last(known, true).over(before))
        .withColumn("next", first(known, true).over(after));
    Column y0 = col("prev.y");
    Column v0 = col("prev.v");
    Column y1 = col("next.y");
    Column v1 = col("next.v");
    Column between = v0.plus(v1.minus(v0).multiply(col(YEAR).minus(y0)).divide(y1.minus(y0)));
    Column estimate = when(col("prev").isNotNull().and(col("next").isNotNull()), between)
        .otherwise(coalesce(v0, v1));
    Column flag = when(col(FLAG).isNotNull(), col(FLAG))
        .when(col("prev").isNotNull().and(col("next").isNotNull()), lit(INTERPOLATED))
        .otherwise(lit(NEAREST));
    return neighbours
        .withColumn(FLAG, when(col(KPI).isNull(), flag).otherwise(col(FLAG)))
        .withColumn(POM_KG, when(col(FLAG).equalTo(REPORTED), col(POM_KG))
            .when(col(KPI).isNotNull(), col(KPI).multiply(col(POPULATION)))
            .otherwise(estimate.multiply(col(POPULATION))))
        .select(COUNTRY_CODE, UNU_KEY, YEAR, POM_KG, POPULATION, FLAG);
  }

  /**
   * Extends each cleaned series from the year after its last to {@code horizon}: kg per person
   * over the last {@code years} years, as a linear trend (never below 0) or as their mean, times
   * the population of the year (the last known population where the table ends earlier).
   *
   * @return {@link #clean}'s rows and the new ones, flagged {@link #EXTRAPOLATED}
   */
  public static Dataset<Row> extend(Dataset<Row> cleaned, Dataset<Row> population, Extension method, int years,
      int horizon) {
    int last = cleaned.agg(max(YEAR)).first().getInt(0);
    if (horizon <= last) {
      return cleaned;
    }
    Column perPerson = col(POM_KG).divide(col(POPULATION));
    Dataset<Row> fit = cleaned.filter(col(YEAR).gt(last - years)).groupBy(SERIES[0], SERIES[1])
        .agg(regr_slope(perPerson, col(YEAR)).as("slope"), regr_intercept(perPerson, col(YEAR)).as("intercept"),
            avg(perPerson).as("mean"));
    Dataset<Row> lastPopulation = population.groupBy(COUNTRY_CODE)
        .agg(max(struct(col(YEAR), col(POPULATION))).getField(POPULATION).as("last_population"));
    Column kpi = method == Extension.TREND
        ? greatest(lit(0.0), coalesce(col("intercept").plus(col("slope").multiply(col(YEAR))), col("mean")))
        : col("mean");
    Dataset<Row> ahead = fit.withColumn(YEAR, explode(sequence(lit(last + 1), lit(horizon))))
        .join(population, new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(lastPopulation, new String[] {COUNTRY_CODE}, "left")
        .withColumn(POPULATION, coalesce(col(POPULATION), col("last_population")))
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), kpi.multiply(col(POPULATION)).as(POM_KG),
            col(POPULATION), lit(EXTRAPOLATED).as(FLAG));
    return cleaned.unionByName(ahead);
  }

  /** Values that stand: as reported, or set by knowledge of the market. */
  private static Column isKept() {
    return col(FLAG).equalTo(REPORTED).or(isMarketKnowledge());
  }

  /** Set by knowledge of the market: counted in the outlier rules' medians, never replaced by them. */
  private static Column isMarketKnowledge() {
    return coalesce(col(FLAG).equalTo(MARKET_KNOWLEDGE), lit(false));
  }

  /**
   * Adds {@link #IS_OUTLIER}: whether a row's kg per person lies more than {@code madThreshold}
   * median absolute deviations (constant 1) from the median of the reported values of its
   * {@code group}, in groups of at least {@code minValues} values. A row with no value, outside
   * any group (a null in a group column), or set by knowledge of the market, is not an outlier.
   */
  private static Dataset<Row> markOutliers(Dataset<Row> rows, String[] group, double madThreshold, int minValues) {
    Column inGroup = lit(true);
    for (String c : group) {
      inGroup = inGroup.and(col(c).isNotNull());
    }
    // Exact median and MAD (Spark's percentile ignores nulls) over a window, not a join back:
    // both windows share one partitioning, so the rule costs one shuffle.
    WindowSpec all = Window.partitionBy(java.util.Arrays.stream(group).map(c -> col(c)).toArray(Column[]::new));
    Column deviation = abs(col(KPI).minus(col("median")));
    // A value set by knowledge of the market counts in its group's median, as in the model, but is
    // never replaced.
    Column outlier = inGroup.and(col("values").geq(minValues)).and(not(isMarketKnowledge()))
        .and(deviation.gt(col("mad").multiply(madThreshold)));
    return rows.withColumn("median", percentile(col(KPI)).over(all))
        .withColumn("values", count(KPI).over(all))
        .withColumn("mad", percentile(deviation).over(all))
        .withColumn(IS_OUTLIER, coalesce(outlier, lit(false)))
        .drop("median", "values", "mad");
  }

  /** The exact median (Spark's percentile, not its approximation). */
  private static Column percentile(Column values) {
    return org.apache.spark.sql.functions.percentile(values, lit(0.5));
  }
}
