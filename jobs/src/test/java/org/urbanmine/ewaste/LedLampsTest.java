package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedLampsTest {
  private static final String MK = PutOnMarket.MARKET_KNOWLEDGE;
  private static final String BACK = PutOnMarket.EXTENDED_BACK;
  private static final String REPORTED = PutOnMarket.REPORTED;

  /** Years from {@code first}, kg per person as given, pieces ten times that. */
  private static PomSeries led(String key, int first, double... kg) {
    PomSeries s = new PomSeries("NLD", key, 1, first, kg.length);
    for (int i = 0; i < kg.length; i++) {
      s.set(first + i, kg[i], 10 * kg[i], first + i < 2005 ? BACK : REPORTED);
    }
    LedLamps.step().apply(s);
    return s;
  }

  @Test
  void noLedLampsTo2006AndIn2007HalfOf2008() {
    // 2004-2006 -> 0; 2007 = 0.8/2 = 0.4, pieces 8/2 = 4; 2008 and 2009 as they were.
    PomSeries s = led("0505", 2004, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9);

    assertThat(s.kpi).containsExactly(0, 0, 0, 0.4, 0.8, 0.9);
    assertThat(s.ppi).containsExactly(0, 0, 0, 4, 8, 9);
    assertThat(s.flag).containsExactly(MK, MK, MK, MK, REPORTED, REPORTED);
  }

  @Test
  void otherKeysAreLeftAsTheyAre() {
    PomSeries s = led("0504", 2004, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9);

    assertThat(s.kpi).containsExactly(0.3, 0.5, 0.6, 0.7, 0.8, 0.9);
    assertThat(s.flag).containsExactly(BACK, REPORTED, REPORTED, REPORTED, REPORTED, REPORTED);
  }

  @Test
  void onlyYearsTheSeriesHoldsAreSet() {
    // Series 2007-2008: 2007 = 0.8/2 = 0.4, no earlier year to zero. Series 2008-2009: nothing.
    PomSeries from2007 = led("0505", 2007, 0.7, 0.8);
    PomSeries from2008 = led("0505", 2008, 0.8, 0.9);

    assertThat(from2007.kpi).containsExactly(0.4, 0.8);
    assertThat(from2007.flag).containsExactly(MK, REPORTED);
    assertThat(from2008.kpi).containsExactly(0.8, 0.9);
    assertThat(from2008.flag).containsExactly(REPORTED, REPORTED);
  }
}
