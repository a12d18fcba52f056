package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Series 1990-2000 with data 1993-1997 (the model's Y0 and YL), g = 0.02: back in time each year
 * is the next times 0.98, forward the previous times 1.02.
 */
class GrowthExtensionTest {
  private static final double NA = Double.NaN;
  private static final Offset<Double> EXACT = within(1e-12);
  private static final PomSeries.DataSpan SPAN = new PomSeries.DataSpan(1993, 1997);
  private static final String BACK = PutOnMarket.EXTENDED_BACK;
  private static final String AHEAD = PutOnMarket.EXTRAPOLATED;
  private static final String REPORTED = PutOnMarket.REPORTED;
  private static final String SMOOTHED = PutOnMarket.SMOOTHED;

  /** kg and pieces per person for 1993-1997; 1990-1992 and 1998-2000 empty, as the step gets them. */
  private static PomSeries extended(String key, double[] kg, double[] pieces) {
    PomSeries s = new PomSeries("NLD", key, 1, 1990, 11);
    for (int i = 0; i < kg.length; i++) {
      s.set(1993 + i, kg[i], pieces[i], Double.isNaN(kg[i]) ? null : REPORTED);
    }
    GrowthExtension.step(SPAN, GrowthExtension.GROWTH, GrowthExtension.KEYS_WITHOUT_HISTORY).apply(s);
    return s;
  }

  @Test
  void leadingEmptyYearsAndAReportedZeroAreExtendedBackFromTheMeanOfThreeYears() {
    // Running sum of kg, missing as 0: 0 to 1993 (a reported 0), 6 in 1994, so LYND = 1993.
    // 1993 = (6 + 5 + 4)/3 * 0.98 = 4.9, pieces (12 + 10 + 8)/3 * 0.98 = 9.8
    // 1992 = 4.9 * 0.98 = 4.802, 1991 = 4.70596, 1990 = 4.6118408; pieces twice that.
    // 1994 (6) is not below 1995 (5): no smoothing. 1997 (4) is not above 1996 (4): none either.
    // 1998 = (4 + 4 + 5)/3 * 1.02 = 4.42, 1999 = 4.5084, 2000 = 4.598568; pieces twice that.
    PomSeries s = extended("0101", new double[] {0, 6, 5, 4, 4}, new double[] {0, 12, 10, 8, 8});

    assertThat(s.kpi).containsExactly(new double[] {4.6118408, 4.70596, 4.802, 4.9, 6, 5, 4, 4,
        4.42, 4.5084, 4.598568}, EXACT);
    assertThat(s.ppi).containsExactly(new double[] {9.2236816, 9.41192, 9.604, 9.8, 12, 10, 8, 8,
        8.84, 9.0168, 9.197136}, EXACT);
    assertThat(s.flag).containsExactly(BACK, BACK, BACK, BACK, REPORTED, REPORTED, REPORTED, REPORTED,
        AHEAD, AHEAD, AHEAD);
  }

  @Test
  void keysWithoutHistoryAreZeroBeforeTheData() {
    // 0303 (mobile phones), the same data: LYND = 1993, and 1990-1993 are 0 instead of 4.61-4.9.
    // 1994 (6) is not below 1993 (0). The future is as for any key: 1998 = 4.42.
    PomSeries s = extended("0303", new double[] {0, 6, 5, 4, 4}, new double[] {0, 12, 10, 8, 8});

    assertThat(s.kpi).containsExactly(new double[] {0, 0, 0, 0, 6, 5, 4, 4, 4.42, 4.5084, 4.598568}, EXACT);
    assertThat(s.ppi).startsWith(0, 0, 0, 0, 12);
    assertThat(s.flag).startsWith(BACK, BACK, BACK, BACK, REPORTED);
  }

  @Test
  void aFirstYearOfDataBelowBothNeighboursBecomesTheirMean() {
    // 1993 missing: LYND = 1993 = (2 + 6 + 7)/3 * 0.98 = 4.9, pieces (1 + 2 + 3)/3 * 0.98 = 1.96;
    // 1992 = 4.9 * 0.98 = 4.802 (chained before the joint is smoothed), pieces 1.9208.
    // 1994: 2 < 6 and 2 < 4.9, so kg (4.9 + 6)/2 = 5.45 and pieces (1.96 + 2)/2 = 1.98.
    // Forward: 1998 = (7 + 7 + 6)/3 * 1.02 = 6.8; 1997 (7) is not above 1996 (7).
    PomSeries s = extended("0101", new double[] {NA, 2, 6, 7, 7}, new double[] {NA, 1, 2, 3, 3});

    assertThat(s.kpi).containsExactly(new double[] {4.70596 * 0.98, 4.70596, 4.802, 4.9, 5.45, 6, 7, 7,
        6.8, 6.936, 7.07472}, EXACT);
    assertThat(s.ppi[s.index(1992)]).isCloseTo(1.9208, EXACT);
    assertThat(s.ppi[s.index(1993)]).isCloseTo(1.96, EXACT);
    assertThat(s.ppi[s.index(1994)]).isCloseTo(1.98, EXACT);
    assertThat(s.flag).containsExactly(BACK, BACK, BACK, BACK, SMOOTHED, REPORTED, REPORTED, REPORTED,
        AHEAD, AHEAD, AHEAD);
  }

  @Test
  void aLastYearOfDataAboveBothNeighboursBecomesTheirMeanAfterTheFutureIsComputed() {
    // Back: LYND = 1992 = (3 + 3 + 3)/3 * 0.98 = 2.94; 1993 (3) is not below 1994 (3).
    // 1998 = (6 + 3 + 3)/3 * 1.02 = 4.08, pieces (4 + 1 + 1)/3 * 1.02 = 2.04.
    // 1997: 6 > 3 and 6 > 4.08, so kg (3 + 4.08)/2 = 3.54, pieces (1 + 2.04)/2 = 1.52.
    // The future is not recomputed: 1999 = 4.08 * 1.02 = 4.1616, 2000 = 4.244832.
    PomSeries s = extended("0101", new double[] {3, 3, 3, 3, 6}, new double[] {1, 1, 1, 1, 4});

    assertThat(s.kpi).containsExactly(new double[] {2.94 * 0.98 * 0.98, 2.94 * 0.98, 2.94, 3, 3, 3, 3,
        3.54, 4.08, 4.1616, 4.244832}, EXACT);
    assertThat(s.ppi).endsWith(new double[] {1, 1.52, 2.04, 2.0808, 2.122416}, EXACT);
    assertThat(s.flag).containsExactly(BACK, BACK, BACK, REPORTED, REPORTED, REPORTED, REPORTED, SMOOTHED,
        AHEAD, AHEAD, AHEAD);
  }

  @Test
  void pvPanelsGrowFromTheirLastYearOfDataAlone() {
    // 0002: 1998 = 5 * 1.02 = 5.1 (the mean rule would give (5 + 4 + 3)/3 * 1.02 = 4.08),
    // 1999 = 5.202, 2000 = 5.30604; pieces ten times that. 1997 (5) is not above 1998 (5.1).
    // PV panels have no history: 1990-1992 are 0, and 1993 (1) is not below 1992 (0).
    PomSeries s = extended("0002", new double[] {1, 2, 3, 4, 5}, new double[] {10, 20, 30, 40, 50});

    assertThat(s.kpi).containsExactly(new double[] {0, 0, 0, 1, 2, 3, 4, 5, 5.1, 5.202, 5.30604}, EXACT);
    assertThat(s.ppi).endsWith(new double[] {50, 51, 52.02, 53.0604}, EXACT);
    assertThat(s.flag).containsExactly(BACK, BACK, BACK, REPORTED, REPORTED, REPORTED, REPORTED, REPORTED,
        AHEAD, AHEAD, AHEAD);
  }

  @Test
  void aMissingYearInAMeanLeavesTheEstimateMissing() {
    // LYND = 1992 (1993 is 2): (2 + NA + 4)/3 = NA, and so 1991 and 1990, flagged all the same.
    // 1998 = (NA + 6 + 4)/3 * 1.02 = NA, and so 1999 and 2000.
    // No smoothing: 2 < NA and NA > 6 are false. The gaps 1994 and 1997 stay (not this step's).
    PomSeries s = extended("0101", new double[] {2, NA, 4, 6, NA}, new double[] {2, NA, 4, 6, NA});

    for (int t : new int[] {1990, 1991, 1992, 1994, 1997, 1998, 1999, 2000}) {
      assertThat(s.kpiOf(t)).as("kg %d", t).isNaN();
      assertThat(s.ppiOf(t)).as("pieces %d", t).isNaN();
    }
    assertThat(s.kpiOf(1993)).isEqualTo(2);
    assertThat(s.flag).containsExactly(BACK, BACK, BACK, REPORTED, null, REPORTED, REPORTED, null,
        AHEAD, AHEAD, AHEAD);
  }

  @Test
  void dataOnlyInTheLastYearLeavesThePastMissingAsTheModelDoes() {
    // LYND is at most YL - 1 = 1996; its mean reads 1997 (3) and 1998-1999, which the future has
    // not filled yet: NA. So 1990-1996 are NA (the empty data years flagged as extended), and
    // 1998 = (3 + NA + NA)/3 * 1.02 = NA. Only 1997 keeps a value.
    PomSeries s = extended("0101", new double[] {NA, NA, NA, NA, 3}, new double[] {NA, NA, NA, NA, 1});

    assertThat(s.kpiOf(1997)).isEqualTo(3);
    assertThat(s.kpiOf(1996)).isNaN();
    assertThat(s.kpiOf(1990)).isNaN();
    assertThat(s.kpiOf(1998)).isNaN();
    assertThat(s.flag).containsExactly(BACK, BACK, BACK, BACK, BACK, BACK, BACK, REPORTED, AHEAD, AHEAD, AHEAD);
  }

  @Test
  void aSeriesWithAValueInItsFirstYearIsNotExtendedBack() {
    // Series 1993-2000 (no empty year before the data): no LYND. 1998 = (1 + 1 + 1)/3 * 1.02 = 1.02.
    PomSeries s = new PomSeries("NLD", "0101", 1, 1993, 8);
    for (int t = 1993; t <= 1997; t++) {
      s.set(t, 1, 2, REPORTED);
    }
    GrowthExtension.step(SPAN, GrowthExtension.GROWTH, GrowthExtension.KEYS_WITHOUT_HISTORY).apply(s);

    assertThat(s.kpi).containsExactly(new double[] {1, 1, 1, 1, 1, 1.02, 1.0404, 1.061208}, EXACT);
    assertThat(s.flag).containsExactly(REPORTED, REPORTED, REPORTED, REPORTED, REPORTED, AHEAD, AHEAD, AHEAD);
  }

  @Test
  void theStepCanBeShippedToSparkTasks() throws Exception {
    // PomSeries.apply sends the step to the executors: it, and what it holds, must serialize.
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(GrowthExtension.step(SPAN, GrowthExtension.GROWTH, GrowthExtension.KEYS_WITHOUT_HISTORY));
    }
  }
}
