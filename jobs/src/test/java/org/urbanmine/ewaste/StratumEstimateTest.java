package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/**
 * Missing values from the stratum means on purchasing power (docs/waste-over-time.md 3.10, 3.11),
 * on a hand-made set: key 0101, data span 2010-2011. Rows: country stratum population PPP kpi ppi
 * flag ("-" = null; R = REPORTED, O = OUTLIER, SO = STRATUM_OUTLIER, I = INTERPOLATED).
 *
 * <pre>
 * 2010  S1: LUX 1 90 30 3 R | DEU 4 50 20 2 R | NLD 5 40 10 - R | SWE 5 40 100 10 I
 *           FRA 5 62 - - - | BEL 5 - - - O
 *       S2: ESP 10 30 8 0.8 R | PRT 10 20 12 1.2 R | ITA 10 35 - - - | GRC 10 15 - - SO
 *       S3: ROU 10 5 5 0.4 R | POL 10 15 3 0.6 R | HUN 10 14 - - - | BGR 10 6 - - -
 *       no stratum: NOR 5 80 - - -
 * 2011  S1: LUX 1 100 10 1 R | DEU 4 50 20 2 R | NLD 5 40 16 1.6 R | BEL 5 45 14 1.4 R | FRA 5 55 - - -
 *       S2: ESP 10 30 8 0.8 R | PRT 10 20 12 1.2 R | ITA 10 35 10 1 R | GRC 10 - - - -
 *       S3: ROU 10 5 17 1.7 R | POL 10 15 3 0.3 R | HUN 10 14 4 0.4 R | BGR 10 6 - - -
 * outside the span: FRA 2009 (S1, 5, 60, -, -, -) and GRC 2012 (S2, 10, 30, -, -, -)
 * key 0102, 2010: DEU (S1, 4, 50, 2, 0.2, R) and FRA (S1, 5, 62, -, -, -); no LUX row
 * </pre>
 *
 * <p>Stratum means 2010 (reported rows only; SWE is interpolated and left out; NLD's missing pieces
 * count 0 with its population): kpi_s1 = (30*1 + 20*4 + 10*5) / 10 = 16, ppi_s1 = (3 + 8 + 0) / 10
 * = 1.1; kpi_s2 = (80 + 120) / 20 = 10, ppi_s2 = (8 + 12) / 20 = 1.0; kpi_s3 = (50 + 30) / 20 = 4,
 * ppi_s3 = (4 + 6) / 20 = 0.5. PPP means 2010 over every country of the stratum, the denominator
 * with BEL's population though its PPP is missing (R's quirk; NOR has no stratum and is not
 * counted): PPP_s1 = (90 + 200 + 200 + 200 + 310) / 25 = 40 (1000 / 20 = 50 without it);
 * PPP_s2 = (300 + 200 + 350 + 150) / 40 = 25; PPP_s3 = (50 + 150 + 140 + 60) / 40 = 10.
 * Anchors 2010: LUX 30 >= kpi_s1 16, kept: (PPP 90, 30, 3). ROU 5 is above kpi_s3 4 but not above
 * kpi_s1 16, and the model compares with s1: kept (PPP 5, 5, 0.4).
 *
 * <p>2011: kpi_s1 = (10 + 80 + 80 + 70) / 15 = 16, ppi_s1 = (1 + 8 + 8 + 7) / 15 = 1.6;
 * kpi_s2 = (80 + 120 + 100) / 30 = 10, ppi_s2 = (8 + 12 + 10) / 30 = 1; kpi_s3 = (170 + 30 + 40) / 30 = 8,
 * ppi_s3 = (17 + 3 + 4) / 30 = 0.8. PPP_s1 = (100 + 200 + 200 + 225 + 275) / 20 = 50;
 * PPP_s2 = (300 + 200 + 350) / 40 = 21.25 (GRC's population counted); PPP_s3 = (50 + 150 + 140 + 60) / 40
 * = 10. Anchors 2011: LUX 10 < kpi_s1 16, so the high point is (PPP 100, 16, 1.6); ROU 17 > kpi_s1 16,
 * so the low point is (PPP 5, kpi_s3 8, ppi_s3 0.8).
 *
 * <p>Estimates, kpi = K_lo + (K_hi - K_lo) / (P_hi - P_lo) * (PPP - P_lo), ppi likewise:
 * <ul>
 *   <li>FRA 2010, S1, 62 > 40: (40, 16) to (90, 30): 16 + 14/50 * 22 = 22.16; ppi 1.1 + 1.9/50 * 22 = 1.936.
 *   <li>BEL 2010, S1, PPP from 2011: 45 / 50 * 40 = 36 <= 40: (25, 10) to (40, 16): 10 + 6/15 * 11 = 14.4;
 *       ppi 1 + 0.1/15 * 11 = 1.073333; keeps OUTLIER.
 *   <li>ITA 2010, S2, 35 > 25: (25, 10) to (40, 16): 10 + 6/15 * 10 = 14; ppi 1 + 0.1/15 * 10 = 1.066667.
 *   <li>GRC 2010, S2, 15 <= 25: (10, 4) to (25, 10): 4 + 6/15 * 5 = 6; ppi 0.5 + 0.5/15 * 5 = 0.666667;
 *       keeps STRATUM_OUTLIER.
 *   <li>HUN 2010, S3, 14 > 10: (10, 4) to (25, 10): 4 + 6/15 * 4 = 5.6; ppi 0.5 + 0.5/15 * 4 = 0.633333.
 *   <li>BGR 2010, S3, 6 <= 10: (5, 5) to (10, 4): 5 - 1/5 * 1 = 4.8; ppi 0.4 + 0.1/5 * 1 = 0.42 (with
 *       ROU replaced by kpi_s3, as a comparison with s3 would do, it would be 4).
 *   <li>FRA 2011, S1, 55 > 50: (50, 16) to (100, 16 replaced): 16; ppi 1.6 (LUX as reported: 15.4).
 *   <li>GRC 2011, S2, PPP missing in the last year: the mean 21.25 <= 21.25: (10, 8) to (21.25, 10),
 *       at 21.25: 10; ppi 0.8 + 0.2 = 1.
 *   <li>BGR 2011, S3, 6 <= 10: (5, 8 replaced) to (10, 8): 8; ppi 0.8 (ROU as reported: 15.2).
 *   <li>FRA 2010 key 0102: kpi_s1 = 2, no LUX row, so the high point takes kpi_s1 but has no PPP:
 *       no value, flag stays null.
 * </ul>
 * NOR (no stratum), FRA 2009 and GRC 2012 (outside the span) stay missing; BEL 2010's purchasing
 * power stays missing in the output (the filled one is only used for the estimate).
 */
class StratumEstimateTest extends SparkTestBase {
  private static final String R = PutOnMarket.REPORTED;
  private static Map<String, Row> out;
  private static int inputRows;

  private static Object[] row(String country, String key, int year, Integer stratum, double population, Double ppp,
      Double kpi, Double ppi, String flag) {
    boolean reported = R.equals(flag);
    return new Object[] {country, key, year, stratum, population, ppp, kpi, ppi, flag,
        reported ? kpi : null, reported ? ppi : null};
  }

  @BeforeAll
  static void estimate() {
    List<Object[]> in = new ArrayList<>();
    String k = "0101";
    in.add(row("LUX", k, 2010, 1, 1, 90.0, 30.0, 3.0, R));
    in.add(row("DEU", k, 2010, 1, 4, 50.0, 20.0, 2.0, R));
    in.add(row("NLD", k, 2010, 1, 5, 40.0, 10.0, null, R));
    in.add(row("SWE", k, 2010, 1, 5, 40.0, 100.0, 10.0, PutOnMarket.INTERPOLATED));
    in.add(row("FRA", k, 2010, 1, 5, 62.0, null, null, null));
    in.add(row("BEL", k, 2010, 1, 5, null, null, null, PutOnMarket.OUTLIER));
    in.add(row("ESP", k, 2010, 2, 10, 30.0, 8.0, 0.8, R));
    in.add(row("PRT", k, 2010, 2, 10, 20.0, 12.0, 1.2, R));
    in.add(row("ITA", k, 2010, 2, 10, 35.0, null, null, null));
    in.add(row("GRC", k, 2010, 2, 10, 15.0, null, null, PutOnMarket.STRATUM_OUTLIER));
    in.add(row("ROU", k, 2010, 3, 10, 5.0, 5.0, 0.4, R));
    in.add(row("POL", k, 2010, 3, 10, 15.0, 3.0, 0.6, R));
    in.add(row("HUN", k, 2010, 3, 10, 14.0, null, null, null));
    in.add(row("BGR", k, 2010, 3, 10, 6.0, null, null, null));
    in.add(row("NOR", k, 2010, null, 5, 80.0, null, null, null));

    in.add(row("LUX", k, 2011, 1, 1, 100.0, 10.0, 1.0, R));
    in.add(row("DEU", k, 2011, 1, 4, 50.0, 20.0, 2.0, R));
    in.add(row("NLD", k, 2011, 1, 5, 40.0, 16.0, 1.6, R));
    in.add(row("BEL", k, 2011, 1, 5, 45.0, 14.0, 1.4, R));
    in.add(row("FRA", k, 2011, 1, 5, 55.0, null, null, null));
    in.add(row("ESP", k, 2011, 2, 10, 30.0, 8.0, 0.8, R));
    in.add(row("PRT", k, 2011, 2, 10, 20.0, 12.0, 1.2, R));
    in.add(row("ITA", k, 2011, 2, 10, 35.0, 10.0, 1.0, R));
    in.add(row("GRC", k, 2011, 2, 10, null, null, null, null));
    in.add(row("ROU", k, 2011, 3, 10, 5.0, 17.0, 1.7, R));
    in.add(row("POL", k, 2011, 3, 10, 15.0, 3.0, 0.3, R));
    in.add(row("HUN", k, 2011, 3, 10, 14.0, 4.0, 0.4, R));
    in.add(row("BGR", k, 2011, 3, 10, 6.0, null, null, null));

    in.add(row("FRA", k, 2009, 1, 5, 60.0, null, null, null));
    in.add(row("GRC", k, 2012, 2, 10, 30.0, null, null, null));

    in.add(row("DEU", "0102", 2010, 1, 4, 50.0, 2.0, 0.2, R));
    in.add(row("FRA", "0102", 2010, 1, 5, 62.0, null, null, null));
    inputRows = in.size();

    Dataset<Row> result = PomTable.apply(rows(PomSeries.SCHEMA, in.toArray(new Object[0][])),
        StratumEstimate.step(new PomSeries.DataSpan(2010, 2011)));
    assertThat(result.schema()).isEqualTo(PomSeries.SCHEMA);
    out = new HashMap<>();
    for (Row r : result.collectAsList()) {
      out.put(r.getString(0) + " " + r.getString(1) + " " + r.getInt(2), r);
    }
  }

  private static Row at(String country, String key, int year) {
    return out.get(country + " " + key + " " + year);
  }

  private static void assertEstimate(String country, int year, double kpi, double ppi, String flag) {
    Row r = at(country, "0101", year);
    assertThat(r.<Double>getAs(PutOnMarket.KPI)).as(country + " " + year + " kpi").isCloseTo(kpi, within(1e-9));
    assertThat(r.<Double>getAs(PutOnMarket.PPI)).as(country + " " + year + " ppi").isCloseTo(ppi, within(1e-9));
    assertThat(r.<String>getAs(PutOnMarket.FLAG)).as(country + " " + year + " flag").isEqualTo(flag);
  }

  private static void assertUntouched(String country, String key, int year, String flag) {
    Row r = at(country, key, year);
    assertThat(r.<Double>getAs(PutOnMarket.KPI)).as(country + " " + year).isNull();
    assertThat(r.<Double>getAs(PutOnMarket.PPI)).as(country + " " + year).isNull();
    assertThat(r.<String>getAs(PutOnMarket.FLAG)).as(country + " " + year).isEqualTo(flag);
  }

  @Test
  void everyRowComesBackOnce() {
    assertThat(out).hasSize(inputRows);
  }

  @Test
  void stratumOneAboveItsMeanLiesBetweenTheMeanAndLuxembourg() {
    assertEstimate("FRA", 2010, 22.16, 1.936, PutOnMarket.STRATUM_ESTIMATE);
  }

  @Test
  void stratumOneBelowItsMeanTakesNextYearsPurchasingPowerAndKeepsItsOutlierFlag() {
    assertEstimate("BEL", 2010, 14.4, 1.0 + 0.1 / 15 * 11, PutOnMarket.OUTLIER);
    assertThat(at("BEL", "0101", 2010).<Double>getAs(PutOnMarket.PURCHASING_POWER)).isNull();
  }

  @Test
  void stratumTwoLiesBetweenTheNeighbouringStrata() {
    assertEstimate("ITA", 2010, 14.0, 1.0 + 0.1 / 15 * 10, PutOnMarket.STRATUM_ESTIMATE);
    assertEstimate("GRC", 2010, 6.0, 0.5 + 0.5 / 15 * 5, PutOnMarket.STRATUM_OUTLIER);
  }

  @Test
  void stratumThreeAboveItsMeanLiesBetweenStrataThreeAndTwo() {
    assertEstimate("HUN", 2010, 5.6, 0.5 + 0.5 / 15 * 4, PutOnMarket.STRATUM_ESTIMATE);
  }

  @Test
  void romaniaIsKeptWhenNotAboveStratumOnesMean() {
    assertEstimate("BGR", 2010, 4.8, 0.42, PutOnMarket.STRATUM_ESTIMATE);
  }

  @Test
  void anchorsOutsideTheirStratumMeansAreReplacedByThem() {
    assertEstimate("FRA", 2011, 16.0, 1.6, PutOnMarket.STRATUM_ESTIMATE);
    assertEstimate("BGR", 2011, 8.0, 0.8, PutOnMarket.STRATUM_ESTIMATE);
  }

  @Test
  void aMissingPurchasingPowerInTheLastYearIsTheStratumMean() {
    assertEstimate("GRC", 2011, 10.0, 1.0, PutOnMarket.STRATUM_ESTIMATE);
  }

  @Test
  void noValueWithoutTheUpperAnchorsPurchasingPowerAndTheFlagStays() {
    assertUntouched("FRA", "0102", 2010, null);
  }

  @Test
  void rowsWithoutStratumOrOutsideTheSpanPassUnchanged() {
    assertUntouched("NOR", "0101", 2010, null);
    assertUntouched("FRA", "0101", 2009, null);
    assertUntouched("GRC", "0101", 2012, null);
    Row swe = at("SWE", "0101", 2010);
    assertThat(swe.<Double>getAs(PutOnMarket.KPI)).isEqualTo(100.0);
    assertThat(swe.<String>getAs(PutOnMarket.FLAG)).isEqualTo(PutOnMarket.INTERPOLATED);
    Row lux = at("LUX", "0101", 2011);
    assertThat(lux.<Double>getAs(PutOnMarket.KPI)).isEqualTo(10.0);
    assertThat(lux.<Double>getAs(PutOnMarket.REPORTED_KPI)).isEqualTo(10.0);
    assertThat(lux.<String>getAs(PutOnMarket.FLAG)).isEqualTo(R);
  }
}
