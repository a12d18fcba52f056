package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.ewaste.PurchasingPowerExtension.GlobalFit;

/** The global fits of 3.16 B1 in Spark; the series kernel is {@link PurchasingPowerExtensionKernelTest}. */
class PurchasingPowerExtensionTest extends SparkTestBase {
  private static final PomSeries.DataSpan SPAN = new PomSeries.DataSpan(2000, 2010);

  private static Object[] row(String country, String key, int year, Double ppp, Double kpi, String flag) {
    return new Object[] {country, key, year, 1, 1000.0, ppp, kpi, null, flag, kpi, null};
  }

  @Test
  void theGlobalFitUsesReportedAndManualValuesOfEveryCountryButLuxembourgBeforeTheLastYear() {
    Map<String, GlobalFit> fits = PurchasingPowerExtension.globalFits(rows(PomSeries.SCHEMA,
        // Fitted (YL-9 = 2001 to YL-1 = 2009, flag reported or manual): (ppp, kpi) = (10, 6), (20, 11), (30, 13).
        row("NLD", "0101", 2008, 10.0, 6.0, PutOnMarket.REPORTED),
        row("DEU", "0101", 2009, 20.0, 11.0, PutOnMarket.MANUAL),
        row("FRA", "0101", 2001, 30.0, 13.0, PutOnMarket.REPORTED),
        // Left out, each would pull the line up or down:
        row("LUX", "0101", 2008, 40.0, 100.0, PutOnMarket.REPORTED),
        row("NLD", "0101", 2000, 40.0, 100.0, PutOnMarket.REPORTED),
        row("NLD", "0101", 2010, 40.0, 100.0, PutOnMarket.REPORTED),
        row("BEL", "0101", 2008, 40.0, 100.0, PutOnMarket.INTERPOLATED),
        row("GRC", "0101", 2008, 40.0, 100.0, null),
        row("BEL", "0101", 2009, 40.0, -1.0, PutOnMarket.REPORTED),
        row("ITA", "0101", 2008, null, 100.0, PutOnMarket.REPORTED),
        row("ESP", "0101", 2008, Double.NaN, 100.0, PutOnMarket.REPORTED),
        row("PRT", "0101", 2008, 40.0, Double.NaN, PutOnMarket.REPORTED),
        row("PRT", "0101", 2009, 40.0, null, PutOnMarket.REPORTED),
        // One point, and two at the same purchasing power: no slope, no correlation.
        row("NLD", "0102", 2005, 10.0, 5.0, PutOnMarket.REPORTED),
        row("NLD", "0103", 2005, 10.0, 5.0, PutOnMarket.REPORTED),
        row("DEU", "0103", 2005, 10.0, 7.0, PutOnMarket.REPORTED),
        // Nothing fitted at all: no entry.
        row("LUX", "0104", 2005, 10.0, 5.0, PutOnMarket.REPORTED)), SPAN);

    // mean ppp 20, mean kpi 10; Sxy = (-10)(-4) + 0(1) + 10(3) = 70, Sxx = 100 + 0 + 100 = 200,
    // Syy = 16 + 1 + 9 = 26. beta = 70/200 = 0.35, alpha = 10 - 0.35*20 = 3,
    // r = 70 / sqrt(200*26) = 70 / 72.1110 = 0.970725.
    assertThat(fits.keySet()).containsExactlyInAnyOrder("0101", "0102", "0103");
    GlobalFit fit = fits.get("0101");
    assertThat(fit.beta()).isCloseTo(0.35, within(1e-12));
    assertThat(fit.alpha()).isCloseTo(3.0, within(1e-12));
    assertThat(fit.r()).isCloseTo(70 / Math.sqrt(5200), within(1e-12));
    assertThat(fits.get("0102").beta()).isNaN();
    assertThat(fits.get("0102").r()).isNaN();
    assertThat(fits.get("0103").beta()).isNaN();
    assertThat(fits.get("0103").r()).isNaN();
  }
}
