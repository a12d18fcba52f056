package org.urbanmine.ewaste;

/**
 * Method version 1.1's rule for LED lamps (key 0505; docs/waste-over-time.md, 3.18), run after
 * the negligible changes are undone ({@link NegligibleChanges}): LED lamps were not on the market
 * before 2007, so every year to 2006 is zero, and 2007, to ease the start, half of 2008, in kg and
 * pieces ({@link PutOnMarket#MARKET_KNOWLEDGE}). Version 1.2 replaces it by the introduction-year
 * ramp of its extension (3.16).
 *
 * <p>Only years the series holds are set. The model reads 2008 as the row after 2007, which for
 * a series ending in 2007 would be the next series' first row; here 2008 is read by its year, and
 * a series without it gets a missing 2007.
 */
final class LedLamps {
  static final String LED_LAMPS = "0505";
  /** The first year LED lamps were sold. */
  static final int FIRST_YEAR_SOLD = 2007;

  private LedLamps() {}

  static PomSeries.Step step() {
    return LedLamps::apply;
  }

  private static void apply(PomSeries s) {
    if (!LED_LAMPS.equals(s.key)) {
      return;
    }
    for (int t = s.firstYear; t < FIRST_YEAR_SOLD && t <= s.lastYear(); t++) {
      s.set(t, 0, 0, PutOnMarket.MARKET_KNOWLEDGE);
    }
    if (FIRST_YEAR_SOLD >= s.firstYear && FIRST_YEAR_SOLD <= s.lastYear()) {
      s.set(FIRST_YEAR_SOLD, s.kpiOf(FIRST_YEAR_SOLD + 1) / 2, s.ppiOf(FIRST_YEAR_SOLD + 1) / 2,
          PutOnMarket.MARKET_KNOWLEDGE);
    }
  }
}
