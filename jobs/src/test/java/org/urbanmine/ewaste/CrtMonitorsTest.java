package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/**
 * CRT monitors (0308) rebuilt from desktops (0302) and flat panels (0309), docs/waste-over-time.md
 * 3.13, on series worked out by hand, and the model's weights as read.
 */
class CrtMonitorsTest extends SparkTestBase {
  /** A {@link PomSeries#SCHEMA} row; the reported values are the kpi and ppi given. */
  private static Object[] row(String country, String key, int year, Integer stratum, Double population,
      Double kpi, Double ppi, String flag) {
    return new Object[] {country, key, year, stratum, population, 30_000.0, kpi, ppi, flag, kpi, ppi};
  }

  /** "country key year" -> the row. */
  private static Map<String, Row> byRow(Dataset<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      out.put(r.getAs(PutOnMarket.COUNTRY_CODE) + " " + r.getAs(PutOnMarket.UNU_KEY) + " "
          + r.getAs(PutOnMarket.YEAR), r);
    }
    return out;
  }

  private static Double kpi(Row r) {
    return r.getAs(PutOnMarket.KPI);
  }

  private static Double ppi(Row r) {
    return r.getAs(PutOnMarket.PPI);
  }

  private static String flag(Row r) {
    return r.getAs(PutOnMarket.FLAG);
  }

  /**
   * NLD, stratum 1, 1,000,000 inhabitants; a CRT monitor weighs 20 kg in 2006-2008 (none known for
   * 2009). 0308 as it stands: 0.5 kg and 0.03 pieces per person every year, reported.
   * <ul>
   *   <li>2006: desktops 0.05 ppi = 50,000, flat panels 0.02 ppi = 20,000: 1.16 x 50,000 - 20,000
   *       = 58,000 - 20,000 = 38,000 CRT monitors, x 20 kg = 760,000 kg: kpi 0.76, ppi 0.038.
   *   <li>2007: desktops 10,000, flat panels 50,000: 11,600 - 50,000 = -38,400, so 0: kpi = ppi = 0.
   *   <li>2008: desktops 10,000, flat panels missing (ppi null): no count, 0308 keeps its value
   *       (greatest(0, null) would have made it 0).
   *   <li>2009: desktops 10,000, flat panels 0: 11,600 pieces, but no weight: kpi unknown, kept.
   *   <li>2010: population unknown: kept.
   * </ul>
   */
  private static Dataset<Row> nld() {
    return rows(PomSeries.SCHEMA,
        row("NLD", "0302", 2006, 1, 1e6, 0.5, 0.05, PutOnMarket.REPORTED),
        row("NLD", "0309", 2006, 1, 1e6, 0.2, 0.02, PutOnMarket.REPORTED),
        row("NLD", "0308", 2006, 1, 1e6, 0.5, 0.03, PutOnMarket.REPORTED),
        row("NLD", "0302", 2007, 1, 1e6, 0.1, 0.01, PutOnMarket.REPORTED),
        row("NLD", "0309", 2007, 1, 1e6, 0.5, 0.05, PutOnMarket.REPORTED),
        row("NLD", "0308", 2007, 1, 1e6, 0.5, 0.03, PutOnMarket.INTERPOLATED),
        row("NLD", "0302", 2008, 1, 1e6, 0.1, 0.01, PutOnMarket.REPORTED),
        row("NLD", "0309", 2008, 1, 1e6, 0.3, null, PutOnMarket.REPORTED),
        row("NLD", "0308", 2008, 1, 1e6, 0.5, 0.03, PutOnMarket.INTERPOLATED),
        row("NLD", "0302", 2009, 1, 1e6, 0.1, 0.01, PutOnMarket.REPORTED),
        row("NLD", "0309", 2009, 1, 1e6, 0.0, 0.0, PutOnMarket.REPORTED),
        row("NLD", "0308", 2009, 1, 1e6, 0.5, 0.03, PutOnMarket.REPORTED),
        row("NLD", "0302", 2010, 1, null, 0.1, 0.01, PutOnMarket.REPORTED),
        row("NLD", "0309", 2010, 1, null, 0.0, 0.0, PutOnMarket.REPORTED),
        row("NLD", "0308", 2010, 1, null, 0.5, 0.03, PutOnMarket.REPORTED));
  }

  private static Map<String, Map<Integer, Double>> weights() {
    return Map.of("0308", Map.of(2006, 20.0, 2007, 20.0, 2008, 20.0, 2010, 20.0), "0302", Map.of(2009, 9.9));
  }

  @Test
  void crtMonitorsAreDesktopsTimes116PercentLessFlatPanelsWhereAllIsKnown() {
    Dataset<Row> out = PomTable.apply(nld(), CrtMonitors.step(weights(), false));
    assertThat(out.columns()).containsExactly(PomSeries.SCHEMA.fieldNames());
    assertThat(out.count()).isEqualTo(15);
    Map<String, Row> rows = byRow(out);

    Row y2006 = rows.get("NLD 0308 2006");
    assertThat(kpi(y2006)).isCloseTo(0.76, within(1e-12));
    assertThat(ppi(y2006)).isCloseTo(0.038, within(1e-12));
    assertThat(flag(y2006)).isEqualTo(PutOnMarket.CRT_MONITORS);
    // The reported values stay as reported.
    assertThat(y2006.<Double>getAs(PutOnMarket.REPORTED_KPI)).isEqualTo(0.5);

    Row y2007 = rows.get("NLD 0308 2007");
    assertThat(kpi(y2007)).isEqualTo(0.0);
    assertThat(ppi(y2007)).isEqualTo(0.0);
    assertThat(flag(y2007)).isEqualTo(PutOnMarket.CRT_MONITORS);

    for (String kept : List.of("NLD 0308 2008", "NLD 0308 2009", "NLD 0308 2010")) {
      assertThat(kpi(rows.get(kept))).as(kept).isEqualTo(0.5);
      assertThat(ppi(rows.get(kept))).as(kept).isEqualTo(0.03);
    }
    assertThat(flag(rows.get("NLD 0308 2008"))).isEqualTo(PutOnMarket.INTERPOLATED);
    assertThat(flag(rows.get("NLD 0308 2009"))).isEqualTo(PutOnMarket.REPORTED);
    // Desktops and flat panels are read, not changed.
    assertThat(kpi(rows.get("NLD 0302 2006"))).isEqualTo(0.5);
    assertThat(ppi(rows.get("NLD 0309 2008"))).isNull();
    assertThat(flag(rows.get("NLD 0309 2006"))).isEqualTo(PutOnMarket.REPORTED);
  }

  /**
   * Version 1.2: no CRT monitors sold from 2008 in stratum 1 (NLD), 2009 in stratum 2 (ESP), 2010
   * in stratum 3 (POL); a country without a stratum (CHE) keeps its data. No desktops or flat
   * panels, so nothing is rebuilt: each 0308 row is 1.0 kg and 0.05 pieces per person, reported,
   * unless the rule makes it 0.
   */
  @Test
  void zeroFromTheStratumsLastYearAtVersion12() {
    List<Object[]> list = new java.util.ArrayList<>();
    String[] countries = {"NLD", "ESP", "POL", "CHE"};
    Integer[] strata = {1, 2, 3, null};
    for (int c = 0; c < countries.length; c++) {
      for (int year = 2007; year <= 2011; year++) {
        list.add(row(countries[c], "0308", year, strata[c], 1e6, 1.0, 0.05, PutOnMarket.REPORTED));
      }
    }
    list.add(row("NLD", "0407", 2010, 1, 1e6, 1.0, 0.05, PutOnMarket.REPORTED));
    Dataset<Row> in = rows(PomSeries.SCHEMA, list.toArray(new Object[0][]));
    Map<String, Row> zeroed = byRow(PomTable.apply(in, CrtMonitors.step(weights(), true)));
    Map<String, Integer> firstZero = Map.of("NLD", 2008, "ESP", 2009, "POL", 2010, "CHE", 9999);
    for (String country : countries) {
      for (int year = 2007; year <= 2011; year++) {
        Row r = zeroed.get(country + " 0308 " + year);
        boolean zero = year >= firstZero.get(country);
        assertThat(kpi(r)).as(country + year).isEqualTo(zero ? 0.0 : 1.0);
        assertThat(ppi(r)).as(country + year).isEqualTo(zero ? 0.0 : 0.05);
        assertThat(flag(r)).as(country + year).isEqualTo(zero ? PutOnMarket.CRT_MONITORS : PutOnMarket.REPORTED);
      }
    }
    assertThat(kpi(zeroed.get("NLD 0407 2010"))).isEqualTo(1.0);

    // Version 1.1: no such rule, nothing changes.
    Map<String, Row> kept = byRow(PomTable.apply(in, CrtMonitors.step(weights(), false)));
    assertThat(kpi(kept.get("NLD 0308 2011"))).isEqualTo(1.0);
    assertThat(flag(kept.get("NLD 0308 2011"))).isEqualTo(PutOnMarket.REPORTED);
  }

  /** "key year" -> kg per piece. */
  private static Map<String, Double> weightsOf(Dataset<Row> weights) {
    Map<String, Double> out = new HashMap<>();
    for (Row r : weights.collectAsList()) {
      Double previous = out.put(r.getAs(PutOnMarket.UNU_KEY) + " " + r.getAs(PutOnMarket.YEAR),
          r.getAs(CrtMonitors.KG_PER_PIECE));
      assertThat(previous).as("one weight per key and year").isNull();
    }
    return out;
  }

  /**
   * The bundled files: 1.1 has 1,242 rows, "0308",22,"2010" and "0308",15.12,"1997"; 1.2 has
   * 1,659 rows of which 80 are one country's (key 0303), so 1,579 EU-wide ones, among them
   * "0308","",22,"2021" and "0303","",1.21,"2013" (AUT's own 2013 weight, 1.31, is not read).
   */
  @Test
  void keyWeightsAreTheModelsEuWideWeights() {
    Map<String, Double> v11 = weightsOf(CrtMonitors.keyWeights(spark, "1.1"));
    assertThat(v11.size()).isEqualTo(1242);
    assertThat(v11).containsEntry("0308 2010", 22.0).containsEntry("0308 1997", 15.12);
    Map<String, Double> v12 = weightsOf(CrtMonitors.keyWeights(spark, "1.2"));
    assertThat(v12.size()).isEqualTo(1579);
    assertThat(v12).containsEntry("0308 2021", 22.0).containsEntry("0303 2013", 1.21);
  }
}
