package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbanmine.ewaste.PurchasingPowerExtension.GlobalFit;

/**
 * The extension of one series (docs/waste-over-time.md 3.16 B and C), without Spark. Forward
 * cases: data 2000-2010 (YL = 2010, so the fits on purchasing power use 2001-2009), series
 * 1998-2014 of key K in NLD, purchasing power known to 2013 where a case needs it.
 */
class PurchasingPowerExtensionKernelTest {
  private static final double EPS = 1e-9;
  private static final PomSeries.DataSpan SPAN = new PomSeries.DataSpan(2000, 2010);
  private static final double NA = Double.NaN;
  /** The global fit of K: kpi = 1 + 0.5 * ppp, r = 0.9. */
  private static final Map<String, GlobalFit> FIT = Map.of("K", new GlobalFit(1, 0.5, 0.9));
  private static final List<String[]> INTRODUCTION = List.<String[]>of(
      new String[] {"K", "1960"}, new String[] {"R", "1990"}, new String[] {"L", "2000"});

  private static PomSeries series(String key, int first, int last) {
    return new PomSeries("NLD", key, 1, first, last - first + 1);
  }

  private static PomSeries forward() {
    return series("K", 1998, 2014);
  }

  /** A reported year. */
  private static void data(PomSeries s, int year, double kpi, double ppi, double ppp) {
    s.set(year, kpi, ppi, PutOnMarket.REPORTED);
    s.ppp[s.index(year)] = ppp;
  }

  private static void ppp(PomSeries s, int year, double ppp) {
    s.ppp[s.index(year)] = ppp;
  }

  private static ExtrapolationRules rules(String[]... exceptions) {
    return ExtrapolationRules.of(Arrays.asList(exceptions), INTRODUCTION);
  }

  private static void extend(PomSeries s, Map<String, GlobalFit> fits, ExtrapolationRules rules) {
    PurchasingPowerExtension.step(SPAN, fits, rules).apply(s);
  }

  private static void assertYears(PomSeries s, int from, double[] kpi, double[] ppi, String flag) {
    for (int k = 0; k < kpi.length; k++) {
      int year = from + k;
      assertValue(s.kpiOf(year), kpi[k], "kpi " + year);
      assertValue(s.ppiOf(year), ppi[k], "ppi " + year);
      assertThat(s.flag[s.index(year)]).as("flag %d", year).isEqualTo(flag);
    }
  }

  private static void assertValue(double actual, double expected, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(EPS));
    }
  }

  /** The KPI_PPP case's data: (ppp, kpi, ppi) 2008 (10, 6, 12), 2009 (12, 8, 16), 2010 (13, 9, 18). */
  private static PomSeries kpiPppCase() {
    PomSeries s = forward();
    data(s, 2008, 6, 12, 10);
    data(s, 2009, 8, 16, 12);
    data(s, 2010, 9, 18, 13);
    ppp(s, 2011, 14);
    ppp(s, 2012, 16);
    ppp(s, 2013, 18);
    return s;
  }

  @Test
  void kpiPppScalesTheGlobalFitToTheCountrysOwnFitAtTheConnectionAndHoldsAfterTheLastPurchasingPower() {
    PomSeries s = kpiPppCase();

    extend(s, FIT, rules());

    // Own fit over 2001-2009: (10, 6), (12, 8) -> b = 1, a = -4; kpi(2011) = -4 + 14 = 10 = N.
    // D = 1 + 0.5*14 = 8. 2012: (1 + 0.5*16) * 10/8 = 11.25; 2013: (1 + 9) * 10/8 = 12.5;
    // 2014 has no purchasing power: 12.5 held. Pieces at 2010's 18/9 = 2 per kg.
    assertYears(s, 2011, new double[] {10, 11.25, 12.5, 12.5}, new double[] {20, 22.5, 25, 25},
        PutOnMarket.EXTRAPOLATED);
    assertYears(s, 2010, new double[] {9}, new double[] {18}, PutOnMarket.REPORTED);
  }

  @Test
  void anUndefinedCorrelationKeepsKpiPpp() {
    PomSeries s = kpiPppCase();

    extend(s, Map.of("K", new GlobalFit(1, 0.5, NA)), rules());

    // As above: r NA selects nothing in the model's |r| < 0.33.
    assertYears(s, 2011, new double[] {10, 11.25, 12.5, 12.5}, new double[] {20, 22.5, 25, 25},
        PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void aWeakGlobalCorrelationFallsBackToTheLastReliableValue() {
    PomSeries s = kpiPppCase();

    extend(s, Map.of("K", new GlobalFit(1, 0.5, -0.32)), rules());

    // |-0.32| < 0.33: kpi(2010) = 9 carried, pieces 18 at 2 per kg.
    assertYears(s, 2011, new double[] {9, 9, 9, 9}, new double[] {18, 18, 18, 18}, PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void kpiPppWithoutAGlobalFitLeavesTheFutureMissing() {
    PomSeries s = kpiPppCase();

    extend(s, Map.of(), rules());

    // N = 10 as above, but D = NA + NA*14: every KPI_PPP year NA (flagged, as the model does).
    assertYears(s, 2011, new double[] {NA, NA, NA, NA}, new double[] {NA, NA, NA, NA}, PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void kpiPppWithoutACountrySlopeGoesToTheTrendOverYears() {
    PomSeries s = forward();
    data(s, 2008, 6, 12, 10);
    data(s, 2009, 8, 16, 10);
    data(s, 2010, 9, 18, 10);

    extend(s, FIT, rules());

    // Own fit: both points at ppp 10, no slope -> KPI. Trend 2001-2009 over (2008, 6), (2009, 8):
    // kpi = 6 + 2 (t - 2008): 12, 14, 16, 18, on past the last purchasing power; pieces 2 per kg.
    assertYears(s, 2011, new double[] {12, 14, 16, 18}, new double[] {24, 28, 32, 36}, PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void aTrendWithoutSlopeFallsBackToTheLastReliableValue() {
    PomSeries s = forward();
    data(s, 2009, 8, 16, NA);
    data(s, 2010, 9, 18, NA);

    extend(s, FIT, rules(new String[] {"K", "NLD", "KPI", "NA", "NA"}));

    // One point in 2001-2009: no slope; kpi(2010) = 9 carried, pieces 18.
    assertYears(s, 2011, new double[] {9, 9, 9, 9}, new double[] {18, 18, 18, 18}, PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void theTrendUsesItsYearsForTrend() {
    PomSeries s = forward();
    s.set(2005, 100, NA, PutOnMarket.REPORTED);
    s.set(2006, 2, NA, PutOnMarket.REPORTED);
    s.set(2007, 4, NA, PutOnMarket.REPORTED);
    s.set(2008, 6, NA, PutOnMarket.REPORTED);
    s.set(2009, 8, NA, PutOnMarket.REPORTED);
    s.set(2010, 9, 18, PutOnMarket.REPORTED);

    extend(s, FIT, rules(new String[] {"K", "", "KPI", "NA", "4"}));

    // YFT 4: 2006-2009 only (2005's 100 left out): kpi = 2 + 2 (t - 2006) -> 12, 14, 16, 18.
    assertYears(s, 2011, new double[] {12, 14, 16, 18}, new double[] {24, 28, 32, 36}, PutOnMarket.EXTRAPOLATED);
    // 2005-2009 have no earlier ratio in the series; the historic part fills them from the later
    // 2010 (18/9 = 2 per kg): 2009 -> 16, 2005 -> 200.
    assertThat(s.ppiOf(2009)).isCloseTo(16, within(EPS));
    assertThat(s.ppiOf(2005)).isCloseTo(200, within(EPS));
  }

  @Test
  void theConnectionConstantFromAnEarlyConnectionYearOverwritesLaterData() {
    PomSeries s = forward();
    data(s, 2006, 4, 8, 8);
    data(s, 2007, 5, 10, 10);
    data(s, 2008, 5.5, 11, 11);
    data(s, 2009, 7, 14, 12);
    data(s, 2010, 8, 16, 13);

    extend(s, Map.of(), rules(new String[] {"K", "NLD", "ConnectionConstant", "2008", "NA"}));

    // Own fit over 2001-2007: (8, 4), (10, 5) -> b = 0.5, a = 0; C = 0.5 * ppp(2009) = 6 from 2009
    // on, 2009 and 2010's data included; pieces at 2008's 11/5.5 = 2 per kg.
    assertYears(s, 2009, new double[] {6, 6, 6, 6, 6, 6}, new double[] {12, 12, 12, 12, 12, 12},
        PutOnMarket.EXTRAPOLATED);
    assertYears(s, 2008, new double[] {5.5}, new double[] {11}, PutOnMarket.REPORTED);
  }

  @Test
  void theConnectionConstantWithoutACountrySlopeFallsBackToTheLastReliableValue() {
    PomSeries s = forward();
    data(s, 2009, 8, 16, 12);
    data(s, 2010, 9, 18, 13);

    extend(s, FIT, rules(new String[] {"K", "NLD", "ConnectionConstant", "NA", "NA"}));

    // One point (12, 8) in 2001-2009: no slope; kpi(2010) = 9 carried.
    assertYears(s, 2011, new double[] {9, 9, 9, 9}, new double[] {18, 18, 18, 18}, PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void aNegativeConnectionValueIsHalfTheConnectionYear() {
    PomSeries s = kpiPppCase();
    data(s, 2009, 2, 4, 12);

    extend(s, FIT, rules());

    // Own fit: (10, 6), (12, 2) -> b = -2, a = 26; 26 - 2*14 = -2 < 0 -> kpi(2010)/2 = 4.5 = N.
    // D = 8: 2012 (1 + 8) * 4.5/8 = 5.0625; 2013 (1 + 9) * 4.5/8 = 5.625, held in 2014.
    assertYears(s, 2011, new double[] {4.5, 5.0625, 5.625, 5.625}, new double[] {9, 10.125, 11.25, 11.25},
        PutOnMarket.EXTRAPOLATED);
  }

  @Test
  void negativeValuesBecomeZero() {
    PomSeries s = forward();
    data(s, 2008, 5, 10, NA);
    data(s, 2009, 3, 6, NA);
    data(s, 2010, 4, 8, NA);

    extend(s, FIT, rules(new String[] {"K", "NLD", "KPI", "NA", "NA"}));

    // Trend (2008, 5), (2009, 3): 5 - 2 (t - 2008) = -1, -3, -5, -7 -> 0, pieces 0 too.
    assertYears(s, 2011, new double[] {0, 0, 0, 0}, new double[] {0, 0, 0, 0}, PutOnMarket.EXTRAPOLATED);
    assertYears(s, 2010, new double[] {4}, new double[] {8}, PutOnMarket.REPORTED);
  }

  @Test
  void piecesFollowTheNearestEarlierPositiveYearIncludingOnesJustFilled() {
    PomSeries s = forward();
    s.set(2005, 3, NA, PutOnMarket.REPORTED);
    s.set(2007, 4, 10, PutOnMarket.REPORTED);
    s.set(2008, 0, 0, PutOnMarket.REPORTED);
    s.set(2009, 6, NA, PutOnMarket.INTERPOLATED);
    s.set(2010, 8, NA, PutOnMarket.REPORTED);

    PurchasingPowerExtension.extendForward(s, SPAN, FIT.get("K"),
        new ExtrapolationRules.Rule(ExtrapolationRules.Approach.LAST_RELIABLE_CONSTANT, 2010, 9));

    // 2009: 2008 has 0 kg, so 2007's 10/4 = 2.5 per kg -> 15; 2010 from 2009 just filled:
    // 15/6 * 8 = 20; the future holds kpi 8 and 20 pieces.
    assertThat(s.ppiOf(2009)).isCloseTo(15, within(EPS));
    assertThat(s.flag[s.index(2009)]).isEqualTo(PutOnMarket.INTERPOLATED);
    assertYears(s, 2010, new double[] {8}, new double[] {20}, PutOnMarket.REPORTED);
    assertYears(s, 2011, new double[] {8, 8, 8, 8}, new double[] {20, 20, 20, 20}, PutOnMarket.EXTRAPOLATED);
    // 2005 has no earlier positive year in its series: its pieces stay missing (the model would
    // take the ratio of the previous series' last rows).
    assertThat(s.ppiOf(2005)).isNaN();
  }

  /** Key R (introduced 1990), series 1985-2018, data 1995-2015. */
  private static PomSeries rampCase() {
    return series("R", 1985, 2018);
  }

  private static void extendBack(PomSeries s) {
    PurchasingPowerExtension.step(new PomSeries.DataSpan(1995, 2015), Map.of(), rules()).apply(s);
  }

  @Test
  void theHistoricPartRampsFromTheIntroductionYearToTheMeanOfTheFirstThreeDataYears() {
    PomSeries s = rampCase();
    s.set(1995, 3, 3, PutOnMarket.REPORTED);
    s.set(1996, 6, NA, PutOnMarket.REPORTED);
    s.set(1997, 9, 27, PutOnMarket.REPORTED);

    extendBack(s);

    // LYND = 1994. 1996's pieces from the later 1997: 27/9 * 6 = 18 (the earlier 1995 would give 6).
    // K1 = (3 + 6 + 9)/3 = 6, P1 = (3 + 18 + 27)/3 = 16, n = 1994 - 1990 + 2 = 6:
    // kpi = 6 (t - 1989)/6 = 1..5, ppi = 16 (t - 1989)/6; before 1990, 0.
    assertThat(s.ppiOf(1996)).isCloseTo(18, within(EPS));
    assertYears(s, 1990, new double[] {1, 2, 3, 4, 5}, new double[] {16.0 / 6, 32.0 / 6, 8, 64.0 / 6, 80.0 / 6},
        PutOnMarket.EXTENDED_BACK);
    assertYears(s, 1985, new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0}, PutOnMarket.EXTENDED_BACK);
    assertYears(s, 1995, new double[] {3, 6, 9}, new double[] {3, 18, 27}, PutOnMarket.REPORTED);
  }

  @Test
  void aLeadingReportedZeroIsPartOfTheRamp() {
    PomSeries s = rampCase();
    s.set(1995, 0, 0, PutOnMarket.REPORTED);
    s.set(1996, 6, 12, PutOnMarket.REPORTED);
    s.set(1997, 9, 18, PutOnMarket.REPORTED);
    s.set(1998, 12, 24, PutOnMarket.REPORTED);

    extendBack(s);

    // LYND = 1995; K1 = (6 + 9 + 12)/3 = 9, P1 = 18, n = 1995 - 1990 + 2 = 7;
    // 1995: 9 * 6/7 = 54/7, pieces 18 * 6/7 = 108/7; 1990: 9/7.
    assertYears(s, 1995, new double[] {54.0 / 7}, new double[] {108.0 / 7}, PutOnMarket.EXTENDED_BACK);
    assertYears(s, 1990, new double[] {9.0 / 7}, new double[] {18.0 / 7}, PutOnMarket.EXTENDED_BACK);
  }

  @Test
  void dataBeforeTheIntroductionYearIsZeroed() {
    PomSeries s = series("L", 1990, 2018);
    for (int year = 1995; year <= 2003; year++) {
      s.set(year, 1, 2, PutOnMarket.REPORTED);
    }

    extendBack(s);

    // L is introduced in 2000; LYND = 1994 < 2000, so no ramp. 1990-1994 (before the data) and
    // 1995-1999 (data) become 0; 2000 on keeps its data.
    assertYears(s, 1990, new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0}, PutOnMarket.EXTENDED_BACK);
    assertYears(s, 1995, new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0}, PutOnMarket.MARKET_KNOWLEDGE);
    assertYears(s, 2000, new double[] {1, 1, 1, 1}, new double[] {2, 2, 2, 2}, PutOnMarket.REPORTED);
  }

  @Test
  void theStepTravelsToSparkExecutors() throws IOException {
    PomSeries.Step step = PurchasingPowerExtension.step(SPAN, FIT, rules());
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(step);
    }
  }
}
