package org.urbanmine.ewaste;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;


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
  private record Point(double ppp, double kpi, double ppi) {}

  /**
   * The estimate as a step over the table ({@link PomTable}: every country of every stratum, from
   * whose values, as they are before the step, the means and the two anchor countries come).
   *
   * @param span the years of the data: only these years are read and estimated
   */
  public static PomTable.Step step(PomSeries.DataSpan span) {
    return table -> estimate(table, span);
  }

  private static void estimate(PomTable table, PomSeries.DataSpan span) {
    double[][] pppMeans = purchasingPowerMeans(table, span);
    Map<String, KeyMeans> means = new HashMap<>();
    for (PomSeries s : table.series()) {
      means.computeIfAbsent(s.key, k -> new KeyMeans(table, k, span)).add(s);
    }
    for (PomSeries s : table.series()) {
      if (s.stratum != null && s.stratum >= 1 && s.stratum <= STRATA) {
        estimate(s, means.get(s.key), pppMeans, span);
      }
    }
  }

  /** The missing values of {@code s} in the span, from the means and anchors of its key. */
  private static void estimate(PomSeries s, KeyMeans key, double[][] pppMeans, PomSeries.DataSpan span) {
    int stratum = s.stratum;
    for (int year = GapFill.from(s, span); year <= GapFill.to(s, span); year++) {
      int i = s.index(year);
      if (!PomSeries.na(s.kpi[i])) {
        continue;
      }
      int y = year - span.first();
      double ownMean = pppMeans[stratum][y];
      double ppp = s.ppp[i];
      if (PomSeries.na(ppp) && year + 1 <= span.last() && year + 1 <= s.lastYear()) {
        // A missing purchasing power: next year's, moved as the stratum's mean moved.
        ppp = tryDivide(s.ppp[i + 1], pppMeans[stratum][y + 1]) * ownMean;
      }
      if (PomSeries.na(ppp)) {
        ppp = ownMean;
      }
      Point low;
      Point high;
      if (ppp > ownMean) {
        low = key.stratum(stratum, y, pppMeans);
        high = stratum == 1 ? key.high(y) : key.stratum(stratum - 1, y, pppMeans);
      } else if (ppp <= ownMean) {
        low = stratum == STRATA ? key.low(y) : key.stratum(stratum + 1, y, pppMeans);
        high = key.stratum(stratum, y, pppMeans);
      } else {
        continue;
      }
      double kpi = finite(line(low.kpi(), high.kpi(), low.ppp(), high.ppp(), ppp));
      s.kpi[i] = kpi;
      s.ppi[i] = finite(line(low.ppi(), high.ppi(), low.ppp(), high.ppp(), ppp));
      if (!PomSeries.na(kpi)) {
        s.flag[i] = PutOnMarket.flagOfFill(s.flag[i], PutOnMarket.STRATUM_ESTIMATE);
      }
    }
  }

  /**
   * One key's population-weighted mean kg and pieces per inhabitant per stratum and year of the
   * span, over the values as reported (NaN where the stratum has none; a missing pieces value
   * adds 0 pieces and its population, as in the model), and its anchor countries' values. Sums
   * run over the countries in their order, as Spark's over the rows.
   */
  private static final class KeyMeans {
    private final PomSeries.DataSpan span;
    private final double[][] inhabitants;
    private final double[][] kg;
    private final double[][] pieces;
    private final boolean[][] any;
    private final Point[] upper;
    private final Point[] lower;

    KeyMeans(PomTable table, String key, PomSeries.DataSpan span) {
      this.span = span;
      int years = span.last() - span.first() + 1;
      inhabitants = new double[STRATA + 1][years];
      kg = new double[STRATA + 1][years];
      pieces = new double[STRATA + 1][years];
      any = new boolean[STRATA + 1][years];
      upper = anchor(table.series(UPPER_ANCHOR, key));
      lower = anchor(table.series(LOWER_ANCHOR, key));
    }

    /** The anchor's purchasing power, kg and pieces per inhabitant per year, as they are now. */
    private Point[] anchor(PomSeries s) {
      Point[] points = new Point[span.last() - span.first() + 1];
      for (int y = 0; y < points.length; y++) {
        int year = span.first() + y;
        boolean in = s != null && year >= s.firstYear && year <= s.lastYear();
        points[y] = in ? new Point(s.ppp[s.index(year)], s.kpiOf(year), s.ppiOf(year))
            : new Point(Double.NaN, Double.NaN, Double.NaN);
      }
      return points;
    }

    void add(PomSeries s) {
      if (s.stratum == null || s.stratum < 1 || s.stratum > STRATA) {
        return;
      }
      for (int year = GapFill.from(s, span); year <= GapFill.to(s, span); year++) {
        int i = s.index(year);
        double population = s.population[i];
        if (PutOnMarket.REPORTED.equals(s.flag[i]) && !PomSeries.na(s.kpi[i]) && !PomSeries.na(population)) {
          int y = year - span.first();
          double ppi = s.ppi[i] * population;
          inhabitants[s.stratum][y] += population;
          kg[s.stratum][y] += s.kpi[i] * population;
          pieces[s.stratum][y] += PomSeries.na(ppi) ? 0.0 : ppi;
          any[s.stratum][y] = true;
        }
      }
    }

    /** Stratum {@code stratum}'s point in year index {@code y}. */
    Point stratum(int stratum, int y, double[][] pppMeans) {
      return new Point(pppMeans[stratum][y], kpi(stratum, y), ppi(stratum, y));
    }

    private double kpi(int stratum, int y) {
      return any[stratum][y] ? tryDivide(kg[stratum][y], inhabitants[stratum][y]) : Double.NaN;
    }

    private double ppi(int stratum, int y) {
      return any[stratum][y] ? tryDivide(pieces[stratum][y], inhabitants[stratum][y]) : Double.NaN;
    }

    /** Luxembourg, raised to stratum 1's mean where below it or without a value. */
    Point high(int y) {
      Point lux = upper[y];
      double mean = kpi(1, y);
      boolean raise = !PomSeries.na(mean) && (PomSeries.na(lux.kpi()) || lux.kpi() < mean);
      return raise ? new Point(lux.ppp(), mean, ppi(1, y)) : lux;
    }

    /** Romania, lowered to stratum 3's mean where above stratum 1's (as the model compares) or without a value. */
    Point low(int y) {
      Point rou = lower[y];
      boolean lower = (!PomSeries.na(rou.kpi()) && rou.kpi() > kpi(1, y))
          || (PomSeries.na(rou.kpi()) && !PomSeries.na(kpi(STRATA, y)));
      return lower ? new Point(rou.ppp(), kpi(STRATA, y), ppi(STRATA, y)) : rou;
    }
  }

  /**
   * Per stratum and year of the span, the purchasing power weighted by population over the
   * countries of the stratum (NaN where no country has a population); the denominator counts every
   * country whose population is known, as the model's does. A country's population and purchasing
   * power are the same in all its keys' rows; the median, as the model takes, is that value.
   */
  private static double[][] purchasingPowerMeans(PomTable table, PomSeries.DataSpan span) {
    int years = span.last() - span.first() + 1;
    double[][] inhabitants = new double[STRATA + 1][years];
    double[][] total = new double[STRATA + 1][years];
    boolean[][] anyInhabitants = new boolean[STRATA + 1][years];
    Map<String, java.util.List<PomSeries>> byCountry = new java.util.LinkedHashMap<>();
    for (PomSeries s : table.series()) {
      if (s.stratum != null) {
        byCountry.computeIfAbsent(s.country, c -> new java.util.ArrayList<>()).add(s);
      }
    }
    for (java.util.List<PomSeries> country : byCountry.values()) {
      int stratum = country.get(0).stratum;
      for (int y = 0; y < years; y++) {
        int year = span.first() + y;
        double[] population = new double[country.size()];
        double[] ppp = new double[country.size()];
        int rows = 0;
        for (PomSeries s : country) {
          if (year >= s.firstYear && year <= s.lastYear()) {
            population[rows] = s.population[s.index(year)];
            ppp[rows] = s.ppp[s.index(year)];
            rows++;
          }
        }
        if (rows == 0 || stratum < 1 || stratum > STRATA) {
          continue;
        }
        double inhabitantsOfCountry = PutOnMarket.median(Arrays.copyOf(population, rows));
        double perHead = PutOnMarket.median(Arrays.copyOf(ppp, rows));
        if (!PomSeries.na(inhabitantsOfCountry)) {
          inhabitants[stratum][y] += inhabitantsOfCountry;
          anyInhabitants[stratum][y] = true;
        }
        double weighted = perHead * inhabitantsOfCountry;
        if (!PomSeries.na(weighted)) {
          total[stratum][y] += weighted;
        }
      }
    }
    double[][] means = new double[STRATA + 1][years];
    for (double[] m : means) {
      Arrays.fill(m, Double.NaN);
    }
    for (int s = 1; s <= STRATA; s++) {
      for (int y = 0; y < years; y++) {
        if (anyInhabitants[s][y] && inhabitants[s][y] > 0) {
          means[s][y] = tryDivide(total[s][y], inhabitants[s][y]);
        }
      }
    }
    return means;
  }

  /** The value at purchasing power {@code x} on the line through (pLow, vLow) and (pHigh, vHigh). */
  private static double line(double vLow, double vHigh, double pLow, double pHigh, double x) {
    return vLow + tryDivide(vHigh - vLow, pHigh - pLow) * (x - pLow);
  }

  /** {@code a / b}, NaN (no value) where {@code b} is 0, as Spark's {@code try_divide}. */
  private static double tryDivide(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  /** R's NaN and infinities as no value. */
  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.NaN;
  }
}
