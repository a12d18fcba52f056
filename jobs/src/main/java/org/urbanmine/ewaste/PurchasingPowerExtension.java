package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.covar_pop;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regr_intercept;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.var_pop;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.ewaste.ExtrapolationRules.Approach;
import org.urbanmine.ewaste.ExtrapolationRules.Rule;

/**
 * The Waste over Time model 1.2's extension of put-on-market series (docs/waste-over-time.md
 * 3.16), forwards from each series' connection year by the approach {@link ExtrapolationRules}
 * gives it, and backwards as a ramp from the key's introduction year to the first data.
 *
 * <p>Forwards (3.16 B), in the model's order, each block seeing the downgrades of those before:
 * the key's fit of kg per person on purchasing power over all countries but Luxembourg
 * ({@link #globalFits}, a Spark aggregation) is dropped for the last reliable value where its
 * correlation is weaker than 0.33; the country's own fit on purchasing power, where it has no
 * slope, sends KPI_PPP to the trend over years and the connection constant to the last reliable
 * value; a trend without slope goes to the last reliable value. Then negatives become 0 and pieces
 * per person follow kg per person at the pieces-per-kg ratio of the nearest earlier positive year.
 * Backwards (3.16 C): a linear ramp from 0 in the year before the key's introduction to the mean of
 * the first three data years, and 0 before the introduction year, real data included.
 *
 * <p>Departures from the model's script, and why:
 * <ul>
 *   <li>The model's future ends with the last year of purchasing power (2021 in its data); these
 *       series run to the horizon. The trend, the connection constant and the last reliable value
 *       are defined for any year and go on. KPI_PPP needs purchasing power: after the series' last
 *       year with it, kg per person is held at the last year computed.
 *   <li>Pieces per person are carried forward (and, for the ramp, backward) from the nearest
 *       positive year of the same series only; the model's search runs on across the rows of the
 *       previous (next) key or country when its own series has none, which is a row-order accident.
 *       Here the value stays missing.
 *   <li>A KPI_PPP value that is not finite (a global fit that is 0 at the connection) is missing,
 *       where R would keep Inf.
 *   <li>Flags are text: every year the forward approaches write, real data after an early
 *       connection year included, is {@link PutOnMarket#EXTRAPOLATED} (the model's 2CC-5CC, which
 *       name the approach and connection year); the ramp and the zeros before the data are
 *       {@link PutOnMarket#EXTENDED_BACK} (200); years of the data span (from Y0) zeroed because they
 *       precede the key's introduction are {@link PutOnMarket#MARKET_KNOWLEDGE}, as that, not the
 *       data, sets them. As in the model, a year an approach writes is flagged even where the value
 *       it writes is missing (no global fit, no value in the connection year).
 *   <li>Pearson's r is computed as covariance over the product of standard deviations, to be
 *       missing where Spark's {@code corr} would fail under ANSI mode (no spread), as R's is NA.
 * </ul>
 */
public final class PurchasingPowerExtension {
  /** The weakest correlation, in absolute value, at which a key's global fit is used. */
  static final double MIN_CORRELATION = 0.33;
  /** Left out of the global fits, as the model does (its purchasing power per head stands far apart). */
  static final String LUXEMBOURG = "LUX";
  /** The fits on purchasing power use the years from YL - 9. */
  static final int FIT_YEARS = 9;
  /** Pieces per person are filled forward from the year after YL - 10. */
  static final int PIECES_FILL_YEARS = 10;

  private PurchasingPowerExtension() {}

  /** A key's fit kg per person = alpha + beta * purchasing power, and its Pearson correlation r. */
  public record GlobalFit(double alpha, double beta, double r) implements Serializable {
    /** No rows to fit: KPI_PPP values are missing, as the model's NA coefficients make them. */
    public static final GlobalFit NONE = new GlobalFit(Double.NaN, Double.NaN, Double.NaN);
  }

  /** What {@link #withGlobalFits} adds to a row: its key's global fit, alpha, beta and r (null where none). */
  static final String[] GLOBAL_FIT = {"global_alpha", "global_beta", "global_r"};

  /**
   * The model's global fit per key (3.16 B1): least squares of kg per person on purchasing power
   * over the rows of every country but Luxembourg in YL-9 to YL-1 whose value is as reported or
   * manually corrected (the model's flags 0 and 60), at least 0, with purchasing power known.
   *
   * @param rows {@link PomSeries#SCHEMA}'s columns
   * @return per UNU key; alpha and beta NaN where the purchasing power has no spread, r NaN where
   *     it is undefined
   */
  public static Map<String, GlobalFit> globalFits(Dataset<Row> rows, PomSeries.DataSpan span) {
    Map<String, GlobalFit> fits = new HashMap<>();
    for (Row r : globalFitTable(rows, span).collectAsList()) {
      fits.put(r.getString(0), globalFit(r));
    }
    return fits;
  }

  /** {@link #globalFits} as rows {@code unu_key} and {@link #GLOBAL_FIT}, one per key with a row to fit. */
  private static Dataset<Row> globalFitTable(Dataset<Row> rows, PomSeries.DataSpan span) {
    int last = span.last();
    Column kpi = col(PutOnMarket.KPI);
    Column ppp = col(PutOnMarket.PURCHASING_POWER);
    return rows
        .filter(not(col(PutOnMarket.COUNTRY_CODE).equalTo(LUXEMBOURG))
            .and(col(PutOnMarket.YEAR).between(last - FIT_YEARS, last - 1))
            .and(col(PutOnMarket.FLAG).isin(PutOnMarket.REPORTED, PutOnMarket.MANUAL))
            // Spark orders NaN above every number, so "kpi >= 0" alone would keep it.
            .and(kpi.geq(0)).and(not(isnan(kpi)))
            .and(ppp.isNotNull()).and(not(isnan(ppp))))
        // A fit's sums depend on their order in the last bits: by year, then country, the order
        // the published fits were always taken in, whatever plan made the rows.
        .sortWithinPartitions(PutOnMarket.YEAR, PutOnMarket.COUNTRY_CODE)
        .groupBy(PutOnMarket.UNU_KEY)
        .agg(regr_intercept(kpi, ppp).as(GLOBAL_FIT[0]), regr_slope(kpi, ppp).as(GLOBAL_FIT[1]),
            // Pearson's r as corr() has it, but corr() fails under ANSI mode where either side has
            // no spread (one point, or one purchasing power); R's cor() then gives NA, as here.
            try_divide(covar_pop(kpi, ppp), sqrt(var_pop(kpi).multiply(var_pop(ppp)))).as(GLOBAL_FIT[2]));
  }

  /**
   * {@code rows} ({@link PomSeries#SCHEMA}'s columns) with their key's {@link #globalFits} as
   * {@link #GLOBAL_FIT}, computed and joined on in the plan that reads them: no job of their own.
   */
  static Dataset<Row> withGlobalFits(Dataset<Row> rows, PomSeries.DataSpan span) {
    return rows.join(PutOnMarket.shuffled(globalFitTable(rows, span)), new String[] {PutOnMarket.UNU_KEY}, "left");
  }

  /** The global fit a row holds in {@link #GLOBAL_FIT}; {@link GlobalFit#NONE}'s NaN where null. */
  static GlobalFit globalFit(Row row) {
    return new GlobalFit(value(row, row.fieldIndex(GLOBAL_FIT[0])), value(row, row.fieldIndex(GLOBAL_FIT[1])),
        value(row, row.fieldIndex(GLOBAL_FIT[2])));
  }

  private static double value(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }

  /**
   * The extension of every series of a key (3.16 B then C); a key without a global fit gets
   * {@link GlobalFit#NONE}, a key without introduction year no ramp and no zeros, as in the model.
   */
  public static PomSeries.Step step(PomSeries.DataSpan span, Map<String, GlobalFit> fits, ExtrapolationRules rules) {
    Map<String, GlobalFit> byKey = new HashMap<>(fits);
    return s -> step(span, byKey.getOrDefault(s.key, GlobalFit.NONE), rules).apply(s);
  }

  /** The extension of a series of a key whose global fit is {@code global} ({@link GlobalFit#NONE} where none). */
  public static PomSeries.Step step(PomSeries.DataSpan span, GlobalFit global, ExtrapolationRules rules) {
    return s -> {
      extendForward(s, span, global, rules.forSeries(s.key, s.country, span.last()));
      extendBack(s, span, rules);
    };
  }

  /** 3.16 B1-B6. */
  static void extendForward(PomSeries s, PomSeries.DataSpan span, GlobalFit global, Rule rule) {
    int last = span.last();
    int connection = rule.connectionYear();
    int next = connection + 1;
    Approach approach = rule.approach();
    if (approach == Approach.KPI_PPP && Math.abs(global.r()) < MIN_CORRELATION) {
      approach = Approach.LAST_RELIABLE_CONSTANT;
    }
    Line own = fit(s, last - FIT_YEARS, connection - 1, true, 0);
    if (approach == Approach.KPI_PPP && own.hasNoSlope()) {
      approach = Approach.KPI;
    }
    boolean nextInSeries = next >= s.firstYear && next <= s.lastYear();
    if (approach == Approach.KPI_PPP && nextInSeries) {
      s.kpi[s.index(next)] = own.at(s.ppp[s.index(next)]);
      s.ppi[s.index(next)] = Double.NaN;
    }
    // A negative connection value would scale the whole future below 0; the model halves the
    // connection year's value instead.
    if (nextInSeries && s.kpi[s.index(next)] < 0) {
      s.kpi[s.index(next)] = s.kpiOf(connection) / 2;
    }
    if (approach == Approach.KPI_PPP) {
      double numerator = s.kpiOf(next);
      double denominator = global.alpha() + purchasingPower(s, next) * global.beta();
      int lastPpp = lastYearWithPurchasingPower(s);
      int from = Math.max(next, s.firstYear);
      for (int t = from; t <= s.lastYear(); t++) {
        int i = s.index(t);
        double v = t > lastPpp && t > from
            ? s.kpi[i - 1]
            : finite((s.ppp[i] * global.beta() + global.alpha()) * numerator / denominator);
        s.set(t, v, Double.NaN, PutOnMarket.EXTRAPOLATED);
      }
    }
    if (approach == Approach.CONNECTION_CONSTANT && own.hasNoSlope()) {
      approach = Approach.LAST_RELIABLE_CONSTANT;
    }
    if (approach == Approach.CONNECTION_CONSTANT) {
      fill(s, next, own.at(purchasingPower(s, next)));
    }
    if (approach == Approach.KPI) {
      // The model counts years from 1 at YL - YFT; the line over years is the same.
      int origin = last - (rule.yearsForTrend() + 1);
      Line trend = fit(s, last - rule.yearsForTrend(), connection - 1, false, origin);
      if (trend.hasNoSlope()) {
        approach = Approach.LAST_RELIABLE_CONSTANT;
      } else {
        for (int t = Math.max(next, s.firstYear); t <= s.lastYear(); t++) {
          s.set(t, trend.at(t - origin), Double.NaN, PutOnMarket.EXTRAPOLATED);
        }
      }
    }
    if (approach == Approach.LAST_RELIABLE_CONSTANT) {
      fill(s, next, s.kpiOf(connection));
    }
    clipNegatives(s);
    fillPiecesForward(s, last - PIECES_FILL_YEARS + 1);
    clipNegatives(s);
  }

  /** 3.16 C: the ramp from the introduction year to the first data, and zeros before it. */
  static void extendBack(PomSeries s, PomSeries.DataSpan span, ExtrapolationRules rules) {
    int last = span.last();
    // The last year of the leading run of missing or 0 values before YL (the model's LYND); none
    // where the series starts with a value.
    int noData = s.firstYear - 1;
    while (noData + 1 < last && noData + 1 <= s.lastYear() && !(s.kpi[s.index(noData + 1)] > 0)) {
      noData++;
    }
    boolean hasNoData = noData >= s.firstYear;
    if (hasNoData) {
      fillPiecesBackward(s, noData + 1, last - 1);
    }
    if (rules.hasIntroductionYear(s.key)) {
      int intro = rules.introductionYear(s.key);
      if (hasNoData) {
        double firstKpi = (s.kpiOf(noData + 1) + s.kpiOf(noData + 2) + s.kpiOf(noData + 3)) / 3;
        double firstPpi = (s.ppiOf(noData + 1) + s.ppiOf(noData + 2) + s.ppiOf(noData + 3)) / 3;
        // From 0 in the year before the introduction to the first data's mean in LYND + 1.
        int steps = noData - intro + 2;
        for (int t = Math.max(intro, s.firstYear); t <= noData; t++) {
          s.set(t, firstKpi / steps * (t + 1 - intro), firstPpi / steps * (t + 1 - intro), PutOnMarket.EXTENDED_BACK);
        }
      }
      for (int t = s.firstYear; t < intro && t <= s.lastYear(); t++) {
        s.set(t, 0, 0, t >= span.first() ? PutOnMarket.MARKET_KNOWLEDGE : PutOnMarket.EXTENDED_BACK);
      }
    }
    clipNegatives(s);
  }

  /** kg per person {@code value} from {@code from} to the end, pieces missing until filled. */
  private static void fill(PomSeries s, int from, double value) {
    for (int t = Math.max(from, s.firstYear); t <= s.lastYear(); t++) {
      s.set(t, value, Double.NaN, PutOnMarket.EXTRAPOLATED);
    }
  }

  private static void clipNegatives(PomSeries s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.kpi[i] < 0) {
        s.kpi[i] = 0;
        s.ppi[i] = 0;
      }
    }
  }

  /**
   * From {@code from} on, missing pieces per person where kg per person is known, at the ratio of
   * the nearest earlier year with positive kg, which may have been filled just before.
   */
  private static void fillPiecesForward(PomSeries s, int from) {
    for (int i = Math.max(0, from - s.firstYear); i < s.length(); i++) {
      if (s.kpi[i] >= 0 && PomSeries.na(s.ppi[i])) {
        int j = i - 1;
        while (j >= 0 && !(s.kpi[j] > 0)) {
          j--;
        }
        if (j >= 0) {
          s.ppi[i] = s.ppi[j] / s.kpi[j] * s.kpi[i];
        }
      }
    }
  }

  /** As {@link #fillPiecesForward}, latest year first, from the nearest later year with positive kg. */
  private static void fillPiecesBackward(PomSeries s, int from, int to) {
    for (int t = Math.min(to, s.lastYear()); t >= from; t--) {
      int i = s.index(t);
      if (s.kpi[i] > 0 && PomSeries.na(s.ppi[i])) {
        int j = i + 1;
        while (j < s.length() && !(s.kpi[j] > 0)) {
          j++;
        }
        if (j < s.length()) {
          s.ppi[i] = s.ppi[j] / s.kpi[j] * s.kpi[i];
        }
      }
    }
  }

  /** Purchasing power in {@code year}; NaN where unknown or outside the series. */
  private static double purchasingPower(PomSeries s, int year) {
    return year < s.firstYear || year > s.lastYear() ? Double.NaN : s.ppp[s.index(year)];
  }

  private static int lastYearWithPurchasingPower(PomSeries s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      if (!PomSeries.na(s.ppp[i])) {
        return s.year(i);
      }
    }
    return s.firstYear - 1;
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : Double.NaN;
  }

  /** y = intercept + slope * x; slope NaN where x has fewer than two distinct values. */
  record Line(double intercept, double slope) {
    double at(double x) {
      return intercept + x * slope;
    }

    boolean hasNoSlope() {
      return Double.isNaN(slope);
    }
  }

  /**
   * Least squares of kg per person over the years {@code from}-{@code to} of the series where it
   * is at least 0, on purchasing power (rows without it dropped) or on the year less {@code origin}.
   */
  static Line fit(PomSeries s, int from, int to, boolean onPurchasingPower, int origin) {
    int n = 0;
    double sumX = 0;
    double sumY = 0;
    int lo = Math.max(from, s.firstYear);
    int hi = Math.min(to, s.lastYear());
    for (int t = lo; t <= hi; t++) {
      int i = s.index(t);
      double x = onPurchasingPower ? s.ppp[i] : t - origin;
      if (s.kpi[i] >= 0 && !PomSeries.na(x)) {
        n++;
        sumX += x;
        sumY += s.kpi[i];
      }
    }
    if (n == 0) {
      return new Line(Double.NaN, Double.NaN);
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double sxy = 0;
    for (int t = lo; t <= hi; t++) {
      int i = s.index(t);
      double x = onPurchasingPower ? s.ppp[i] : t - origin;
      if (s.kpi[i] >= 0 && !PomSeries.na(x)) {
        sxx += (x - meanX) * (x - meanX);
        sxy += (x - meanX) * (s.kpi[i] - meanY);
      }
    }
    if (sxx == 0) {
      // R's lm leaves the slope NA (aliased) and fits the mean.
      return new Line(meanY, Double.NaN);
    }
    double slope = sxy / sxx;
    return new Line(meanY - slope * meanX, slope);
  }
}
