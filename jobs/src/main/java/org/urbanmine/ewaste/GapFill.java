package org.urbanmine.ewaste;

import static org.urbanmine.ewaste.PomSeries.na;

/**
 * The Waste over Time model's gap filling from neighbouring years (its script 03c;
 * docs/waste-over-time.md 3.9): a missing kg per person is estimated from the years around it,
 * on the years of the data only ({@link PomSeries.DataSpan}, the model's Y0 to YL):
 *
 * <ol>
 *   <li>a single missing year: the mean of the year before and the year after;
 *   <li>two missing years: the straight line between the year before and the year after them;
 *   <li>Y0 missing: the line through the next two years, carried back one year;
 *   <li>YL missing: the line through the two years before, carried on one year.
 * </ol>
 *
 * <p>Every rule reads the values as they were before the step, so fills never chain, and a run of
 * three or more missing years stays missing. The same rules give pieces per person, with the
 * model's quirk: for rules 3 and 4 its "still missing" test looks at the filled kg per person,
 * not at the pieces. A filled end year therefore never gets pieces from these rules (its kg were
 * missing only if they are now filled, and then the pieces' test fails), so the pieces of a filled
 * Y0 or YL stay missing unless they were known. A negative estimate becomes 0. Only years whose
 * kg per person were missing and are now estimated take the estimates (kg and pieces, the pieces
 * possibly still missing); known kg per person with missing pieces are never filled.
 *
 * <p>Years outside the span are neither filled nor read: a neighbour outside it counts as
 * missing. This departs from R in one place: for two missing years at YL-1 and YL, R takes the
 * "year after next" from the row above in its sort order, which is the first year of another
 * key or country (the cross-group leak of 3.9); here it is missing, so both years stay missing.
 *
 * <p>A filled year keeps a flag that says its value was removed ({@link PutOnMarket#OUTLIER},
 * {@link PutOnMarket#STRATUM_OUTLIER}, {@link PutOnMarket#ABOVE_CAP}, {@link PutOnMarket#SMOOTHED}:
 * the model's 2-5 become 12-15 and its 100+ stay) and otherwise becomes
 * {@link PutOnMarket#INTERPOLATED} (the model's 10 and 11).
 */
final class GapFill {
  private GapFill() {}

  /** The gap filling as a step over each series, on the years of {@code span}. */
  static PomSeries.Step step(PomSeries.DataSpan span) {
    return series -> fill(series, span);
  }

  /**
   * Fills the gaps of {@code s} in place, on the years of {@code span}.
   *
   * @return per index of {@code s}, whether its kg per person were missing and are now filled
   */
  static boolean[] fill(PomSeries s, PomSeries.DataSpan span) {
    double[] kpi2 = estimate(s, s.kpi, null, span);
    double[] ppi2 = estimate(s, s.ppi, kpi2, span);
    boolean[] filled = new boolean[s.length()];
    for (int year = from(s, span); year <= to(s, span); year++) {
      int i = s.index(year);
      if (na(s.kpi[i]) && !na(kpi2[i])) {
        // Math.max keeps NaN: pieces with no estimate stay missing.
        s.kpi[i] = Math.max(kpi2[i], 0);
        s.ppi[i] = Math.max(ppi2[i], 0);
        s.flag[i] = PutOnMarket.flagOfFill(s.flag[i], PutOnMarket.INTERPOLATED);
        filled[i] = true;
      }
    }
    return filled;
  }

  /**
   * {@code v} with rules 1-4 applied on the span's years, reading only {@code v}'s values as they
   * were. {@code missingAtEnds}, where not null, is what rules 3 and 4 test for "still missing"
   * instead of the estimate itself (the model's quirk for pieces, which tests the kg estimate).
   */
  private static double[] estimate(PomSeries s, double[] v, double[] missingAtEnds, PomSeries.DataSpan span) {
    double[] v2 = v.clone();
    int from = from(s, span);
    int to = to(s, span);
    for (int t = from; t <= to; t++) {
      int i = s.index(t);
      double before = around(s, v, t - 1, span);
      double after = around(s, v, t + 1, span);
      if (na(v2[i]) && !na(before) && !na(after)) {
        v2[i] = (before + after) / 2;
      }
    }
    // All double gaps are chosen before any is written, as R selects its rows at once.
    boolean[] doubleGap = new boolean[s.length()];
    for (int t = from; t <= to; t++) {
      int i = s.index(t);
      doubleGap[i] = na(v2[i]) && na(around(s, v, t + 1, span))
          && !na(around(s, v, t - 1, span)) && !na(around(s, v, t + 2, span));
    }
    for (int t = from; t <= to; t++) {
      int i = s.index(t);
      if (doubleGap[i]) {
        double before = around(s, v, t - 1, span);
        double afterNext = around(s, v, t + 2, span);
        v2[i] = (2 * before + afterNext) / 3;
        v2[i + 1] = (before + 2 * afterNext) / 3;
      }
    }
    double[] endTest = missingAtEnds == null ? v2 : missingAtEnds;
    int y0 = span.first();
    if (y0 >= s.firstYear && y0 <= s.lastYear()) {
      int i = s.index(y0);
      double next = around(s, v, y0 + 1, span);
      double afterNext = around(s, v, y0 + 2, span);
      if (na(endTest[i]) && !na(next) && !na(afterNext)) {
        v2[i] = 2 * next - afterNext;
      }
    }
    int yl = span.last();
    if (yl >= s.firstYear && yl <= s.lastYear()) {
      int i = s.index(yl);
      double previous = around(s, v, yl - 1, span);
      double beforePrevious = around(s, v, yl - 2, span);
      if (na(endTest[i]) && !na(previous) && !na(beforePrevious)) {
        v2[i] = 2 * previous - beforePrevious;
      }
    }
    return v2;
  }

  /** {@code v} of {@code year}; missing outside the span or the series. */
  static double around(PomSeries s, double[] v, int year, PomSeries.DataSpan span) {
    if (year < span.first() || year > span.last() || year < s.firstYear || year > s.lastYear()) {
      return Double.NaN;
    }
    return v[s.index(year)];
  }

  static int from(PomSeries s, PomSeries.DataSpan span) {
    return Math.max(span.first(), s.firstYear);
  }

  static int to(PomSeries s, PomSeries.DataSpan span) {
    return Math.min(span.last(), s.lastYear());
  }
}
