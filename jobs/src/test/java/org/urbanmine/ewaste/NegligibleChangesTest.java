package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One year per case: kg and pieces per person now, as reported, and the flag now. */
class NegligibleChangesTest {
  private static final double NA = Double.NaN;

  private static PomSeries restored(double kg, double pieces, double reportedKg, double reportedPieces, String flag) {
    PomSeries s = new PomSeries("NLD", "0101", 1, 2010, 1);
    s.set(2010, kg, pieces, flag);
    s.reportedKpi[0] = reportedKg;
    s.reportedPpi[0] = reportedPieces;
    NegligibleChanges.step().apply(s);
    return s;
  }

  @Test
  void aSmallChangeInKgAndPiecesIsUndone() {
    // kg |1.02 - 1.00| = 0.02 < 0.05 and 0.02/1.00 = 2 % < 10 %; pieces |2.01 - 2.00| = 0.01, 0.5 %.
    PomSeries s = restored(1.02, 2.01, 1.00, 2.00, PutOnMarket.SMOOTHED);

    assertThat(s.kpi[0]).isEqualTo(1.00);
    assertThat(s.ppi[0]).isEqualTo(2.00);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.REPORTED);
  }

  @Test
  void anyFlagQualifiesAndThePiecesNeedNotHaveChanged() {
    // A manual correction 1.02 of a reported 1.00, pieces unchanged: |2 - 2| = 0 < 0.05, 0/2 = 0 < 10 %.
    PomSeries s = restored(1.02, 2.00, 1.00, 2.00, PutOnMarket.MANUAL);

    assertThat(s.kpi[0]).isEqualTo(1.00);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.REPORTED);
  }

  @Test
  void unchangedKgKeepsItsFlag() {
    // kg |1.00 - 1.00| = 0 is not a change (0 < |d| in R), though the pieces moved by 0.01.
    PomSeries s = restored(1.00, 2.01, 1.00, 2.00, PutOnMarket.INTERPOLATED);

    assertThat(s.ppi[0]).isEqualTo(2.01);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.INTERPOLATED);
  }

  @Test
  void aChangeOfAtLeastFiveHundredthsIsKept() {
    // kg |1.06 - 1.00| = 0.06, not < 0.05 (6 % would pass).
    PomSeries s = restored(1.06, 2.00, 1.00, 2.00, PutOnMarket.SMOOTHED);

    assertThat(s.kpi[0]).isEqualTo(1.06);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.SMOOTHED);
  }

  @Test
  void aChangeOfAtLeastTenPercentIsKept() {
    // kg |0.12 - 0.10| = 0.02 < 0.05, but 0.02/0.10 = 20 %.
    PomSeries s = restored(0.12, 2.00, 0.10, 2.00, PutOnMarket.SMOOTHED);

    assertThat(s.kpi[0]).isEqualTo(0.12);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.SMOOTHED);
  }

  @Test
  void aBigChangeInPiecesKeepsBoth() {
    // kg 2 % as above, but pieces |2.10 - 2.00| = 0.10, not < 0.05.
    PomSeries s = restored(1.02, 2.10, 1.00, 2.00, PutOnMarket.SMOOTHED);

    assertThat(s.kpi[0]).isEqualTo(1.02);
    assertThat(s.ppi[0]).isEqualTo(2.10);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.SMOOTHED);
  }

  @Test
  void zeroPiecesReportedAndNowAreNotSelected() {
    // pieces |0 - 0|/0 = 0/0 = NaN, and R's NA is not selected.
    PomSeries s = restored(1.02, 0, 1.00, 0, PutOnMarket.SMOOTHED);

    assertThat(s.kpi[0]).isEqualTo(1.02);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.SMOOTHED);
  }

  @Test
  void aZeroReportedKgIsNotRestored() {
    // kg |0.01 - 0|/0 = infinity, not < 10 %.
    PomSeries s = restored(0.01, 2.00, 0, 2.00, PutOnMarket.SMOOTHED);

    assertThat(s.kpi[0]).isEqualTo(0.01);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.SMOOTHED);
  }

  @Test
  void aYearWithoutReportedValuesKeepsItsEstimate() {
    // An extended or filled year: |1.02 - NA| is NA.
    PomSeries s = restored(1.02, 2.01, NA, NA, PutOnMarket.EXTENDED_BACK);
    PomSeries noPieces = restored(1.02, 2.01, 1.00, NA, PutOnMarket.INTERPOLATED);

    assertThat(s.kpi[0]).isEqualTo(1.02);
    assertThat(s.flag[0]).isEqualTo(PutOnMarket.EXTENDED_BACK);
    assertThat(noPieces.kpi[0]).isEqualTo(1.02);
    assertThat(noPieces.flag[0]).isEqualTo(PutOnMarket.INTERPOLATED);
  }
}
