package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.ewaste.PutOnMarket.COUNTRY_CODE;
import static org.urbanmine.ewaste.PutOnMarket.FLAG;
import static org.urbanmine.ewaste.PutOnMarket.KPI;
import static org.urbanmine.ewaste.PutOnMarket.POPULATION;
import static org.urbanmine.ewaste.PutOnMarket.PPI;
import static org.urbanmine.ewaste.PutOnMarket.PURCHASING_POWER;
import static org.urbanmine.ewaste.PutOnMarket.STRATUM;
import static org.urbanmine.ewaste.PutOnMarket.UNU_KEY;
import static org.urbanmine.ewaste.PutOnMarket.YEAR;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The Waste over Time model's estimate of a missing value from what the countries of similar
 * purchasing power put on the market (docs/waste-over-time.md 3.10, its script 03d, and 3.11, 03e;
 * the same at method versions 1.1 and 1.2 but for the flag, below). Per key and year, each
 * purchasing-power stratum has a population-weighted mean of the reported kg and pieces per
 * inhabitant and a population-weighted mean purchasing power; with Luxembourg as the point above
 * stratum 1 and Romania as the point below stratum 3, a country's missing value is read off the
 * straight line between the two points its purchasing power lies between (or beyond, on the line
 * through them: the result is not clipped, a later step clips it).
 *
 * <p>The model's own quirks are followed, so that its published figures can be matched:
 *
 * <ul>
 *   <li>a stratum's mean purchasing power divides by the population of all its countries whose
 *       population is known, purchasing power known or not (3.11.2), and is 0 where none has a
 *       purchasing power but some a population, as R's sum of nothing is;
 *   <li>Romania's values are replaced by stratum 3's mean where they exceed stratum <b>1</b>'s mean
 *       (3.11.3), not stratum 3's as the script's comment says;
 *   <li>missing pieces in a stratum mean count as 0 pieces while the country's population still
 *       counts (3.10);
 *   <li>pieces per inhabitant are set from the line on every row the rule selects, even where no
 *       kg value comes of it (the model's rows to estimate never hold pieces without kg).
 * </ul>
 *
 * <p>Departures: the script runs its year-gap routine (3.9) over the stratum means, which has
 * nothing to fill there (a mean exists or its row is absent) and is left out. The flag follows
 * version 1.2: only a row that gets a value is marked ({@link PutOnMarket#STRATUM_ESTIMATE}, or its
 * removal flag kept), where version 1.1 marks every row it tries. R's NaN and infinities (a division
 * by zero where two points have one purchasing power) are null here. In one case R carries an
 * infinite purchasing power on and gives no value: next year's stratum mean is 0 (no country of
 * the stratum has a purchasing power, some a population) while the country's own is known; here
 * the division gives null, and the stratum's mean of the year stands in for the purchasing power.
 */
public final class StratumEstimate {
  /** The point above stratum 1: the country of the highest purchasing power. */
  static final String UPPER_ANCHOR = "LUX";
  /** The point below stratum 3: the country of the lowest purchasing power. */
  static final String LOWER_ANCHOR = "ROU";
  private static final int STRATA = 3;

  private StratumEstimate() {}

  /** A point of the line the estimate is read off: purchasing power, kg and pieces per inhabitant. */
  private record Point(Column ppp, Column kpi, Column ppi) {}

  /** Where a country's purchasing power lies, and the two points on either side of it. */
  private record Segment(Column applies, Point low, Point high) {}

  /**
   * @param rows {@link PomSeries#SCHEMA}'s columns, every country of every stratum (the means and
   *     the two anchor countries come from these rows); other columns are dropped
   * @param span the years of the data: only these rows are read and estimated, the others come
   *     back as they are
   * @return the same rows, {@link PomSeries#SCHEMA}'s columns: kg and pieces per inhabitant
   *     estimated where kg is missing in a country with a stratum, within {@code span}
   */
  public static Dataset<Row> apply(Dataset<Row> rows, PomSeries.DataSpan span) {
    Dataset<Row> all = rows.select(PomSeries.columns());
    Column inSpan = coalesce(col(YEAR).between(span.first(), span.last()), lit(false));
    Dataset<Row> spanned = all.filter(inSpan);

    Column stratum = col(STRATUM);
    Column ownMean = lit(null).cast("double");
    for (int s = STRATA; s >= 1; s--) {
      ownMean = when(stratum.equalTo(s), col(ppp(s))).otherwise(ownMean);
    }
    WindowSpec series = Window.partitionBy(COUNTRY_CODE, UNU_KEY).orderBy(YEAR);
    Dataset<Row> joined = all
        .join(stratumMeans(spanned), new String[] {UNU_KEY, YEAR}, "left")
        .join(broadcast(purchasingPowerMeans(spanned)), new String[] {YEAR}, "left")
        .join(anchor(spanned, UPPER_ANCHOR, "high"), new String[] {UNU_KEY, YEAR}, "left")
        .join(anchor(spanned, LOWER_ANCHOR, "low"), new String[] {UNU_KEY, YEAR}, "left")
        .withColumn("own_mean", ownMean)
        .withColumn("next_year", lead(col(YEAR), 1).over(series))
        .withColumn("next_ppp", lead(col(PURCHASING_POWER), 1).over(series))
        .withColumn("next_mean", lead(col("own_mean"), 1).over(series));

    // A missing purchasing power: next year's, moved as the stratum's mean moved; else the mean.
    Column nextYearKnown = col("next_year").equalTo(col(YEAR).plus(1)).and(col("next_year").leq(span.last()));
    Column fromNextYear = when(nextYearKnown,
        try_divide(col("next_ppp"), col("next_mean")).multiply(col("own_mean")));
    Column ppp = coalesce(col(PURCHASING_POWER), fromNextYear, col("own_mean"));

    Column raiseHigh = col("kpi_high").lt(col(kpi(1)))
        .or(col("kpi_high").isNull().and(col(kpi(1)).isNotNull()));
    // Compared with stratum 1's mean, as the model does (its comment says stratum 3's).
    Column lowerLow = col("kpi_low").gt(col(kpi(1)))
        .or(col("kpi_low").isNull().and(col(kpi(STRATA)).isNotNull()));
    Point high = new Point(col("ppp_high"), when(raiseHigh, col(kpi(1))).otherwise(col("kpi_high")),
        when(raiseHigh, col(ppi(1))).otherwise(col("ppi_high")));
    Point low = new Point(col("ppp_low"), when(lowerLow, col(kpi(STRATA))).otherwise(col("kpi_low")),
        when(lowerLow, col(ppi(STRATA))).otherwise(col("ppi_low")));

    Column above = ppp.gt(col("own_mean"));
    Column atOrBelow = ppp.leq(col("own_mean"));
    List<Segment> segments = new ArrayList<>();
    for (int s = 1; s <= STRATA; s++) {
      Point own = stratumPoint(s);
      segments.add(new Segment(stratum.equalTo(s).and(above), own, s == 1 ? high : stratumPoint(s - 1)));
      segments.add(new Segment(stratum.equalTo(s).and(atOrBelow), s == STRATA ? low : stratumPoint(s + 1), own));
    }
    Column selected = lit(false);
    Column kpiEstimate = lit(null).cast("double");
    Column ppiEstimate = lit(null).cast("double");
    for (int i = segments.size() - 1; i >= 0; i--) {
      Segment g = segments.get(i);
      selected = when(g.applies(), lit(true)).otherwise(selected);
      kpiEstimate = when(g.applies(), line(g.low().kpi(), g.high().kpi(), g.low().ppp(), g.high().ppp(), ppp))
          .otherwise(kpiEstimate);
      ppiEstimate = when(g.applies(), line(g.low().ppi(), g.high().ppi(), g.low().ppp(), g.high().ppp(), ppp))
          .otherwise(ppiEstimate);
    }
    Column estimated = inSpan.and(col(KPI).isNull()).and(selected);
    Column newKpi = finite(kpiEstimate);
    Column valued = estimated.and(newKpi.isNotNull());
    Column flag = when(valued, PutOnMarket.flagOfFill(col(FLAG), PutOnMarket.STRATUM_ESTIMATE)).otherwise(col(FLAG));

    List<Column> out = new ArrayList<>();
    for (String c : PomSeries.SCHEMA.fieldNames()) {
      out.add(switch (c) {
        case KPI -> when(estimated, newKpi).otherwise(col(KPI)).as(KPI);
        case PPI -> when(estimated, finite(ppiEstimate)).otherwise(col(PPI)).as(PPI);
        case FLAG -> flag.as(FLAG);
        default -> col(c);
      });
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /**
   * Per key and year, the population-weighted mean kg and pieces per inhabitant of each stratum
   * over the values as reported ({@code kpi_s1..3}, {@code ppi_s1..3}; null where the stratum has
   * none). A missing pieces value adds 0 pieces and its population, as in the model.
   */
  private static Dataset<Row> stratumMeans(Dataset<Row> spanned) {
    Dataset<Row> reported = spanned.filter(col(FLAG).equalTo(PutOnMarket.REPORTED)
        .and(col(KPI).isNotNull()).and(col(POPULATION).isNotNull()).and(col(STRATUM).isNotNull()));
    Column population = col(POPULATION);
    List<Column> means = new ArrayList<>();
    for (int s = 1; s <= STRATA; s++) {
      Column in = col(STRATUM).equalTo(s);
      Column inhabitants = sum(when(in, population));
      means.add(try_divide(sum(when(in, col(KPI).multiply(population))), inhabitants).as(kpi(s)));
      means.add(try_divide(sum(when(in, coalesce(col(PPI).multiply(population), lit(0.0)))), inhabitants)
          .as(ppi(s)));
    }
    return reported.groupBy(UNU_KEY, YEAR).agg(means.get(0), means.subList(1, means.size()).toArray(Column[]::new));
  }

  /**
   * Per year, each stratum's purchasing power weighted by population ({@code ppp_s1..3}), over the
   * countries of the stratum, once each (a country's population and purchasing power are the same
   * in all its keys' rows; the median, as the model takes, is that value). The denominator counts
   * every country whose population is known, as the model's does.
   */
  private static Dataset<Row> purchasingPowerMeans(Dataset<Row> spanned) {
    Dataset<Row> countries = spanned.filter(col(STRATUM).isNotNull())
        .groupBy(COUNTRY_CODE, YEAR, STRATUM)
        .agg(median(col(POPULATION)).as(POPULATION), median(col(PURCHASING_POWER)).as(PURCHASING_POWER));
    List<Column> sums = new ArrayList<>();
    for (int s = 1; s <= STRATA; s++) {
      Column in = col(STRATUM).equalTo(s);
      sums.add(sum(when(in, col(POPULATION))).as("population_s" + s));
      sums.add(sum(when(in, col(PURCHASING_POWER).multiply(col(POPULATION)))).as("total_ppp_s" + s));
    }
    Dataset<Row> totals = countries.groupBy(YEAR).agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
    List<Column> means = new ArrayList<>(List.of(col(YEAR)));
    for (int s = 1; s <= STRATA; s++) {
      Column inhabitants = col("population_s" + s);
      means.add(when(inhabitants.gt(0),
          try_divide(coalesce(col("total_ppp_s" + s), lit(0.0)), inhabitants)).as(ppp(s)));
    }
    return totals.select(means.toArray(Column[]::new));
  }

  /** One country's kg, pieces and purchasing power per key and year, as {@code kpi_SUFFIX} etc. */
  private static Dataset<Row> anchor(Dataset<Row> spanned, String country, String suffix) {
    return spanned.filter(col(COUNTRY_CODE).equalTo(country)).select(col(UNU_KEY), col(YEAR),
        col(KPI).as("kpi_" + suffix), col(PPI).as("ppi_" + suffix), col(PURCHASING_POWER).as("ppp_" + suffix));
  }

  private static Point stratumPoint(int s) {
    return new Point(col(ppp(s)), col(kpi(s)), col(ppi(s)));
  }

  /** The value at purchasing power {@code x} on the line through (pLow, vLow) and (pHigh, vHigh). */
  private static Column line(Column vLow, Column vHigh, Column pLow, Column pHigh, Column x) {
    return vLow.plus(try_divide(vHigh.minus(vLow), pHigh.minus(pLow)).multiply(x.minus(pLow)));
  }

  /** R's NaN and infinities as null (no value). */
  private static Column finite(Column v) {
    return when(isnan(v).or(abs(v).equalTo(Double.POSITIVE_INFINITY)), lit(null)).otherwise(v);
  }

  private static String kpi(int stratum) {
    return "kpi_s" + stratum;
  }

  private static String ppi(int stratum) {
    return "ppi_s" + stratum;
  }

  private static String ppp(int stratum) {
    return "ppp_s" + stratum;
  }
}
