package org.urbanmine.ewaste;

/**
 * Two rules of the Waste over Time model that come from knowledge of the market, not from the
 * data (docs/waste-over-time.md, 3.5 and 3.6), applied to put-on-market in kg per person before
 * any outlier is judged, as in the model (the same at method versions 1.1 and 1.2):
 *
 * <ul>
 *   <li>CRT televisions (key 0407) left the shops as flat screens came: none is sold from 2007 in
 *       stratum 1, 2008 in stratum 2, 2009 in stratum 3, and the year before sells half what the
 *       year before that did. These values are {@link PutOnMarket#MARKET_KNOWLEDGE}, and no
 *       outlier rule replaces them; a country without a stratum keeps its data.
 *   <li>Professional medical equipment (key 0802) above 20 kg per person is taken for a reporting
 *       error (Denmark reports up to 300 kg per person): it is dropped and estimated as an
 *       outlier is ({@link PutOnMarket#ABOVE_CAP}).
 * </ul>
 */
final class MarketKnowledge {
  static final String CRT_TELEVISIONS = "0407";
  static final String MEDICAL_EQUIPMENT = "0802";
  static final double MEDICAL_CAP_KG_PER_PERSON = 20.0;
  /** The first year without CRT television sales, by stratum 1, 2, 3. */
  private static final int[] CRT_LAST_SALES_YEAR = {2007, 2008, 2009};

  private MarketKnowledge() {}

  /**
   * Both rules as a step over each series (its years without gaps, the flag null where no rule
   * has spoken yet): kg and pieces per person and flag changed where a rule applies.
   */
  static PomSeries.Step step() {
    return MarketKnowledge::apply;
  }

  private static void apply(PomSeries s) {
    if (s.key.equals(CRT_TELEVISIONS) && s.stratum != null && s.stratum >= 1 && s.stratum <= 3) {
      noCrtTelevisions(s, CRT_LAST_SALES_YEAR[s.stratum - 1]);
    } else if (s.key.equals(MEDICAL_EQUIPMENT)) {
      for (int i = 0; i < s.length(); i++) {
        if (s.kpi[i] > MEDICAL_CAP_KG_PER_PERSON) {
          s.kpi[i] = Double.NaN;
          s.ppi[i] = Double.NaN;
          s.flag[i] = PutOnMarket.ABOVE_CAP;
        }
      }
    }
  }

  /**
   * None from {@code noneFrom}; the year before, half of the year before that, as reported (a
   * missing one stays missing, and is estimated later, as at method version 1.2).
   */
  private static void noCrtTelevisions(PomSeries s, int noneFrom) {
    for (int i = s.length() - 1; i >= 0 && s.year(i) >= noneFrom - 1; i--) {
      boolean none = s.year(i) >= noneFrom;
      double kpi = none ? 0.0 : i > 0 ? s.kpi[i - 1] / 2 : Double.NaN;
      s.ppi[i] = none ? 0.0 : i > 0 ? s.ppi[i - 1] / 2 : Double.NaN;
      s.kpi[i] = kpi;
      if (!PomSeries.na(kpi)) {
        s.flag[i] = PutOnMarket.MARKET_KNOWLEDGE;
      }
    }
  }
}
