package org.urbanmine.ewaste;

/**
 * The Waste over Time model's undoing of negligible changes (docs/waste-over-time.md, 3.17; the
 * model's script 03j, the same at method versions 1.1 and 1.2): a year whose kg and pieces per
 * person, after all cleaning and estimating, are both within 0.05 and within 10 % of what was
 * reported is taken to have been right as reported, and gets the reported values back ({@link
 * PutOnMarket#REPORTED}), whatever rule changed it (manual corrections, PV data and the
 * extension's joints included).
 *
 * <p>As in R: the kg must have changed (a difference of exactly 0 is not a change to undo),
 * the pieces need not; the relative difference is taken over the reported value with its sign;
 * and a comparison with a missing value, or with 0/0 (pieces 0 as reported and now), is false,
 * so such a year keeps its value. The reported values per person are those of the reported
 * totals over the population of the year, as the model's are.
 */
final class NegligibleChanges {
  /** The largest difference per person, in kg or pieces, that is negligible (exclusive). */
  static final double MAX_DIFFERENCE = 0.05;
  /** The largest difference relative to the reported value that is negligible (exclusive). */
  static final double MAX_RELATIVE_DIFFERENCE = 0.10;

  private NegligibleChanges() {}

  static PomSeries.Step step() {
    return NegligibleChanges::restoreReported;
  }

  private static void restoreReported(PomSeries s) {
    for (int i = 0; i < s.length(); i++) {
      double kg = Math.abs(s.kpi[i] - s.reportedKpi[i]);
      double pieces = Math.abs(s.ppi[i] - s.reportedPpi[i]);
      if (kg > 0 && kg < MAX_DIFFERENCE && kg / s.reportedKpi[i] < MAX_RELATIVE_DIFFERENCE
          && pieces < MAX_DIFFERENCE && pieces / s.reportedPpi[i] < MAX_RELATIVE_DIFFERENCE) {
        s.kpi[i] = s.reportedKpi[i];
        s.ppi[i] = s.reportedPpi[i];
        s.flag[i] = PutOnMarket.REPORTED;
      }
    }
  }
}
