package org.urbanmine.ewaste;

import java.util.Set;

/**
 * Method version 1.1's extension of a put-on-market series beyond its years of data with a fixed
 * growth per year (docs/waste-over-time.md, 3.15; the model's script 03i at 1.1), run per series
 * on series that already hold every year from the extension's first (1980) to the horizon:
 *
 * <ul>
 *   <li>Back in time: the last year before the data begins (the model's LYND: the last year of
 *       the leading run of missing or zero values, before the last year of data) gets the mean of
 *       the three years after it, less the growth; each year before that the year after it, less
 *       the growth ({@link PutOnMarket#EXTENDED_BACK}). A leading run of reported zeros counts as
 *       no data and is overwritten. Keys sold only since the data begin ({@link
 *       #KEYS_WITHOUT_HISTORY}) get zero there instead.
 *   <li>Forward: the year after the data gets the mean of the last three years of data, plus the
 *       growth (PV panels, 0002: the last year alone, plus the growth); each later year the year
 *       before it, plus the growth ({@link PutOnMarket#EXTRAPOLATED}).
 *   <li>Where the mean of three years leaves a step at the joint, the first year of data (if lower
 *       than both neighbours) or the last (if higher than both) becomes the mean of its neighbours
 *       ({@link PutOnMarket#SMOOTHED}); at the end of the data this is done after the future is
 *       computed, which is not recomputed. Only kg per person decides; pieces follow.
 * </ul>
 *
 * <p>A missing value in a mean or a chain makes the result missing, as in R (no {@code na.rm}),
 * and a comparison with a missing value is false. The sums are taken in the model's order, so
 * the results are R's to the last bit.
 *
 * <p>Departures from the model, and why:
 *
 * <ul>
 *   <li>The model extends nine years past the data (to 2024 for data to 2015); here the same
 *       chained growth runs on to the series' last year, the horizon the caller asked for.
 *   <li>The model flags every value this step makes 200; here the years before the data are
 *       {@link PutOnMarket#EXTENDED_BACK}, those after it {@link PutOnMarket#EXTRAPOLATED}, and
 *       the data years changed at a joint {@link PutOnMarket#SMOOTHED}, so that the kind of
 *       estimate can be read from the flag.
 * </ul>
 *
 * <p>LYND is found as the model does, as the last year before the last year of data at which the
 * running sum of kg per person (missing counted as 0) is still 0. With values that are never
 * negative that is the end of the leading run of missing or zero values; a series whose values
 * sum back to 0 later would, as in R, be extended back from there. A series with a value in its
 * first year has no LYND and is not extended back (in the model every series starts with the
 * empty year 1980, so that cannot happen there).
 */
final class GrowthExtension {
  /**
   * Growth per year of every key at method version 1.1: the model's default, and the one row of
   * {@code time_series_growth_factors_per_UNU_Key.csv} (0102) says the same.
   */
  public static final double GROWTH = 0.02;
  /**
   * Keys taken not to have been sold before the data begin: PV panels, mobile phones, laptops,
   * flat-panel monitors and flat-panel televisions; their years before the data are zero.
   */
  public static final Set<String> KEYS_WITHOUT_HISTORY = Set.of("0002", "0303", "0306", "0309", "0408");
  /** PV panels, whose first year after the data grows from the last year alone (the model's choice). */
  static final String PV_PANELS = "0002";

  private GrowthExtension() {}

  /**
   * @param span the years of the data as read; the past is extended from before the series' leading
   *     gap (which ends before {@code span.last()}), the future from after {@code span.last()}
   * @param growth growth per year, {@link #GROWTH} at method version 1.1
   * @param keysWithoutHistory keys whose years before the data are zero, {@link #KEYS_WITHOUT_HISTORY}
   */
  static PomSeries.Step step(PomSeries.DataSpan span, double growth, Set<String> keysWithoutHistory) {
    int lastDataYear = span.last();
    Set<String> withoutHistory = Set.copyOf(keysWithoutHistory);
    return series -> {
      // The past before the future, as in the model: when the data begin late, the past's mean
      // reaches into years the future has not filled yet, and stays missing.
      extendBack(series, lastDataYear, growth, withoutHistory.contains(series.key));
      extendForward(series, lastDataYear, growth);
    };
  }

  private static void extendBack(PomSeries s, int lastDataYear, double growth, boolean withoutHistory) {
    int lynd = lastYearWithoutData(s, lastDataYear);
    if (lynd < s.firstYear) {
      return;
    }
    double shrink = 1 - growth;
    s.set(lynd,
        (s.kpiOf(lynd + 1) + s.kpiOf(lynd + 2) + s.kpiOf(lynd + 3)) / 3 * shrink,
        (s.ppiOf(lynd + 1) + s.ppiOf(lynd + 2) + s.ppiOf(lynd + 3)) / 3 * shrink,
        PutOnMarket.EXTENDED_BACK);
    for (int t = lynd - 1; t >= s.firstYear; t--) {
      s.set(t, s.kpiOf(t + 1) * shrink, s.ppiOf(t + 1) * shrink, PutOnMarket.EXTENDED_BACK);
    }
    if (withoutHistory) {
      for (int t = s.firstYear; t <= lynd; t++) {
        s.set(t, 0, 0, PutOnMarket.EXTENDED_BACK);
      }
    }
    int firstData = lynd + 1;
    if (firstData <= s.lastYear()) {
      double k = s.kpiOf(firstData);
      if (k < s.kpiOf(firstData + 1) && k < s.kpiOf(firstData - 1)) {
        smooth(s, firstData);
      }
    }
  }

  /**
   * The model's LYND: the last year before {@code lastDataYear} where the running sum of kg per
   * person, missing as 0, is 0; before the series' first year if there is none.
   */
  static int lastYearWithoutData(PomSeries s, int lastDataYear) {
    int lynd = s.firstYear - 1;
    double sum = 0;
    for (int t = s.firstYear; t < lastDataYear && t <= s.lastYear(); t++) {
      double k = s.kpiOf(t);
      sum += PomSeries.na(k) ? 0 : k;
      if (sum == 0) {
        lynd = t;
      }
    }
    return lynd;
  }

  private static void extendForward(PomSeries s, int lastDataYear, double growth) {
    double grow = 1 + growth;
    int first = lastDataYear + 1;
    if (first <= s.lastYear()) {
      if (PV_PANELS.equals(s.key)) {
        s.set(first, s.kpiOf(lastDataYear) * grow, s.ppiOf(lastDataYear) * grow, PutOnMarket.EXTRAPOLATED);
      } else {
        s.set(first,
            (s.kpiOf(lastDataYear) + s.kpiOf(lastDataYear - 1) + s.kpiOf(lastDataYear - 2)) / 3 * grow,
            (s.ppiOf(lastDataYear) + s.ppiOf(lastDataYear - 1) + s.ppiOf(lastDataYear - 2)) / 3 * grow,
            PutOnMarket.EXTRAPOLATED);
      }
      for (int t = first + 1; t <= s.lastYear(); t++) {
        s.set(t, s.kpiOf(t - 1) * grow, s.ppiOf(t - 1) * grow, PutOnMarket.EXTRAPOLATED);
      }
    }
    if (lastDataYear >= s.firstYear && lastDataYear <= s.lastYear()) {
      double k = s.kpiOf(lastDataYear);
      if (k > s.kpiOf(lastDataYear - 1) && k > s.kpiOf(lastDataYear + 1)) {
        smooth(s, lastDataYear);
      }
    }
  }

  /** Year {@code t} becomes the mean of its neighbours, kg and pieces alike. */
  private static void smooth(PomSeries s, int t) {
    s.set(t, (s.kpiOf(t - 1) + s.kpiOf(t + 1)) / 2, (s.ppiOf(t - 1) + s.ppiOf(t + 1)) / 2, PutOnMarket.SMOOTHED);
  }
}
