package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Gap filling from neighbouring years (docs/waste-over-time.md 3.9), each rule on a small series
 * worked out by hand. Unless said otherwise the data span 2000-2005, the series covers the same
 * years and pieces per person are ten times kg per person.
 */
class GapFillTest {
  private static final double N = Double.NaN;
  private static final PomSeries.DataSpan SPAN = new PomSeries.DataSpan(2000, 2005);

  private static PomSeries series(int firstYear, double[] kpi, double[] ppi, String... flags) {
    PomSeries s = new PomSeries("NLD", "0306", 1, firstYear, kpi.length);
    for (int i = 0; i < kpi.length; i++) {
      s.kpi[i] = kpi[i];
      s.ppi[i] = ppi[i];
      s.flag[i] = flags.length == 0 ? (Double.isNaN(kpi[i]) ? null : PutOnMarket.REPORTED) : flags[i];
    }
    return s;
  }

  private static double[] times10(double[] kpi) {
    double[] ppi = new double[kpi.length];
    for (int i = 0; i < kpi.length; i++) {
      ppi[i] = kpi[i] * 10;
    }
    return ppi;
  }

  @Test
  void singleGapIsTheMeanOfItsNeighbours() {
    double[] kpi = {2, 4, N, 8, 10, 12};
    PomSeries s = series(2000, kpi, times10(kpi));

    boolean[] filled = GapFill.fill(s, SPAN);

    // 2002: (4 + 8) / 2 = 6 kg; pieces (40 + 80) / 2 = 60.
    assertThat(s.kpi).containsExactly(new double[] {2, 4, 6, 8, 10, 12}, within(1e-12));
    assertThat(s.ppi).containsExactly(new double[] {20, 40, 60, 80, 100, 120}, within(1e-12));
    assertThat(s.flag[2]).isEqualTo(PutOnMarket.INTERPOLATED);
    assertThat(s.flag[1]).isEqualTo(PutOnMarket.REPORTED);
    assertThat(filled).containsExactly(false, false, true, false, false, false);
  }

  @Test
  void doubleGapIsTheStraightLineBetweenItsNeighbours() {
    double[] kpi = {3, N, N, 9, 12, 15};
    PomSeries s = series(2000, kpi, times10(kpi), PutOnMarket.REPORTED, PutOnMarket.OUTLIER, null,
        PutOnMarket.REPORTED, PutOnMarket.REPORTED, PutOnMarket.REPORTED);

    GapFill.fill(s, SPAN);

    // 2001: (2*3 + 9) / 3 = 5; 2002: (3 + 2*9) / 3 = 7. Pieces: (2*30 + 90) / 3 = 50, (30 + 180) / 3 = 70.
    assertThat(s.kpi).containsExactly(new double[] {3, 5, 7, 9, 12, 15}, within(1e-12));
    assertThat(s.ppi).containsExactly(new double[] {30, 50, 70, 90, 120, 150}, within(1e-12));
    // The removed outlier keeps its flag (the model's 4 -> 14); the year with no data is interpolated (1 -> 11).
    assertThat(s.flag[1]).isEqualTo(PutOnMarket.OUTLIER);
    assertThat(s.flag[2]).isEqualTo(PutOnMarket.INTERPOLATED);
  }

  @Test
  void firstYearFollowsTheLineOfTheNextTwoYears() {
    double[] kpi = {N, 5, 4, 4, 4, 4};
    PomSeries s = series(2000, kpi, times10(kpi));

    GapFill.fill(s, SPAN);

    // 2000: 2*5 - 4 = 6.
    assertThat(s.kpi[0]).isEqualTo(6.0, within(1e-12));
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.INTERPOLATED);
  }

  @Test
  void lastYearFollowsTheLineOfThePreviousTwoYears() {
    double[] kpi = {4, 4, 4, 6, 8, N};
    PomSeries s = series(2000, kpi, times10(kpi));

    GapFill.fill(s, SPAN);

    // 2005: 2*8 - 6 = 10.
    assertThat(s.kpi[5]).isEqualTo(10.0, within(1e-12));
    assertThat(s.flag[5]).isEqualTo(PutOnMarket.INTERPOLATED);
  }

  @Test
  void runOfThreeStaysMissing() {
    double[] kpi = {1, N, N, N, 5, 6};
    PomSeries s = series(2000, kpi, times10(kpi));

    boolean[] filled = GapFill.fill(s, SPAN);

    // 2001: no year after (2002 missing) and 2003 missing too, so neither rule 1 nor rule 2; 2002 has
    // no known neighbour; 2003: the year before is missing. Nothing is filled.
    assertThat(s.kpi).containsExactly(new double[] {1, N, N, N, 5, 6}, within(1e-12));
    assertThat(s.flag).containsExactly(PutOnMarket.REPORTED, null, null, null, PutOnMarket.REPORTED,
        PutOnMarket.REPORTED);
    assertThat(filled).containsOnly(false);
  }

  @Test
  void fillsDoNotChain() {
    double[] kpi = {N, 4, N, 8, 8, 8};
    PomSeries s = series(2000, kpi, times10(kpi));

    GapFill.fill(s, SPAN);

    // 2002: (4 + 8) / 2 = 6. 2000 reads 2002 as it was (missing), so rule 3 does not fire; chained it
    // would have been 2*4 - 6 = 2.
    assertThat(s.kpi).containsExactly(new double[] {N, 4, 6, 8, 8, 8}, within(1e-12));
    assertThat(s.flag[0]).isNull();
  }

  @Test
  void negativeEstimatesBecomeZero() {
    double[] kpi = {N, 1, 4, 4, 8, 3, N};
    PomSeries s = series(2000, kpi, times10(kpi));

    GapFill.fill(s, new PomSeries.DataSpan(2000, 2006));

    // 2000: 2*1 - 4 = -2 -> 0. 2006: 2*3 - 8 = -2 -> 0.
    assertThat(s.kpi[0]).isEqualTo(0.0);
    assertThat(s.kpi[6]).isEqualTo(0.0);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.INTERPOLATED);
    assertThat(s.flag[6]).isEqualTo(PutOnMarket.INTERPOLATED);
  }

  /**
   * The model tests "kg still missing" in rules 3 and 4 for pieces too. A filled end year is one
   * whose kg estimate exists, so its pieces are never extrapolated: they stay missing, though the
   * pieces of the next two years are known (the line would give 2*50 - 40 = 60 at 2000).
   */
  @Test
  void piecesOfAFilledEndYearStayMissing() {
    double[] kpi = {N, 5, 4, 4, 8, N};
    double[] ppi = {N, 50, 40, 40, 80, N};
    PomSeries s = series(2000, kpi, ppi);

    GapFill.fill(s, SPAN);

    // kg: 2000 = 2*5 - 4 = 6, 2005 = 2*8 - 4 = 12; pieces missing at both ends.
    assertThat(s.kpi[0]).isEqualTo(6.0, within(1e-12));
    assertThat(s.kpi[5]).isEqualTo(12.0, within(1e-12));
    assertThat(s.ppi[0]).isNaN();
    assertThat(s.ppi[5]).isNaN();
  }

  @Test
  void piecesAreTakenOnlyWhereKgWereFilled() {
    // Pieces have their own estimates: 2001 (30 + 60) / 2 = 45; 2003-2004 a double gap,
    // (2*60 + 90) / 3 = 70 and (60 + 2*90) / 3 = 80. Only 2003's kg were missing (filled (4 + 4) / 2 = 4),
    // so only 2003 takes its pieces; 2001 and 2004 keep known kg and missing pieces.
    double[] kpi = {4, 4, 4, N, 4, 4};
    double[] ppi = {30, N, 60, N, N, 90};
    PomSeries s = series(2000, kpi, ppi);

    GapFill.fill(s, SPAN);

    assertThat(s.kpi[3]).isEqualTo(4.0, within(1e-12));
    assertThat(s.ppi).containsExactly(new double[] {30, N, 60, 70, N, 90}, within(1e-12));
  }

  @Test
  void filledYearKeepsARemovalFlagAndOtherwiseIsInterpolated() {
    // Every other year missing: each is (previous + next) / 2 = its year's odd number.
    double[] kpi = {1, N, 3, N, 5, N, 7, N, 9, N, 11, N, 13};
    PomSeries s = series(2000, kpi, times10(kpi), PutOnMarket.REPORTED,
        null, PutOnMarket.REPORTED,
        PutOnMarket.REPORTED, PutOnMarket.REPORTED,
        PutOnMarket.OUTLIER, PutOnMarket.REPORTED,
        PutOnMarket.STRATUM_OUTLIER, PutOnMarket.REPORTED,
        PutOnMarket.ABOVE_CAP, PutOnMarket.REPORTED,
        PutOnMarket.SMOOTHED, PutOnMarket.REPORTED);

    GapFill.fill(s, new PomSeries.DataSpan(2000, 2012));

    assertThat(s.kpi).containsExactly(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, within(1e-12));
    assertThat(s.flag[1]).isEqualTo(PutOnMarket.INTERPOLATED);
    assertThat(s.flag[3]).isEqualTo(PutOnMarket.INTERPOLATED);
    assertThat(s.flag[5]).isEqualTo(PutOnMarket.OUTLIER);
    assertThat(s.flag[7]).isEqualTo(PutOnMarket.STRATUM_OUTLIER);
    assertThat(s.flag[9]).isEqualTo(PutOnMarket.ABOVE_CAP);
    assertThat(s.flag[11]).isEqualTo(PutOnMarket.SMOOTHED);
  }

  @Test
  void yearsOutsideTheSpanAreNeitherFilledNorRead() {
    // Series 1997-2008, span 2000-2005.
    //          1997 1998 1999 2000 2001 2002 2003 2004 2005 2006 2007 2008
    double[] kpi = {8, N, 10, N, 4, 2, 3, 5, N, 7, N, 11};
    PomSeries s = series(1997, kpi, times10(kpi));

    GapFill.fill(s, SPAN);

    // 1998 and 2007 would be (8 + 10) / 2 = 9 and (7 + 11) / 2 = 9: outside, they stay missing.
    // 2000 is Y0: 1999 is not read, so not (10 + 4) / 2 = 7 but 2*4 - 2 = 6.
    // 2005 is YL: 2006 is not read, so not (5 + 7) / 2 = 6 but 2*5 - 3 = 7.
    assertThat(s.kpi).containsExactly(new double[] {8, N, 10, 6, 4, 2, 3, 5, 7, 7, N, 11}, within(1e-12));
    assertThat(s.flag[1]).isNull();
    assertThat(s.flag[10]).isNull();
  }

  @Test
  void twoMissingLastYearsStayMissing() {
    // Span 2000-2005 in a series to 2006. R's double-gap rule at 2004 takes "2006" from the row above
    // in its sort order (another country's first year); here a year after YL is missing, so 2004 has
    // no year after next and 2005 no year before: both stay missing.
    double[] kpi = {3, 3, 3, 3, N, N, 9};
    PomSeries s = series(2000, kpi, times10(kpi));

    GapFill.fill(s, SPAN);

    assertThat(s.kpi).containsExactly(new double[] {3, 3, 3, 3, N, N, 9}, within(1e-12));
  }

  @Test
  void stepFillsTheSeries() {
    double[] kpi = {2, 4, N, 8, 10, 12};
    PomSeries s = series(2000, kpi, times10(kpi));

    GapFill.step(SPAN).apply(s);

    // (4 + 8) / 2 = 6.
    assertThat(s.kpi[2]).isEqualTo(6.0, within(1e-12));
  }
}
