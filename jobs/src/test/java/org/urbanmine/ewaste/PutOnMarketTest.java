package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/**
 * Cleaning and extending put-on-market series, on a series worked out by hand. NLD has 1,000,000
 * inhabitants every year 2000-2008 (none known for 2009). Mobile phones (0306), kg per person:
 * 2000 0.10, 2001 0.11, 2002 missing, 2003 0.13, 2004 0.14, 2005 1.00, 2006 0.16, 2007 0.17.
 * Seven values (at least 6: the outlier rule applies): sorted 0.10 0.11 0.13 0.14 0.16 0.17 1.00,
 * median 0.14; absolute deviations 0.04 0.03 0.01 0 0.86 0.02 0.03, sorted 0 0.01 0.02 0.03 0.03
 * 0.04 0.86, MAD 0.03; 4 MAD = 0.12, so only 2005 (0.86 away) is an outlier. It becomes the
 * interpolation of 2004 and 2006, 0.15 (150,000 kg); 2002 that of 2001 and 2003, 0.12.
 * PV panels (0002): 2003 0.5 and 2004 0.7 only: too few values to judge outliers; 2000-2002 take
 * 2003's value and 2005-2007 take 2004's (nearest reported).
 */
class PutOnMarketTest extends SparkTestBase {
  private static final StructType POM = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.UNU_KEY, DataTypes.StringType)
      .add(PutOnMarket.YEAR, DataTypes.IntegerType).add(PutOnMarket.POM_KG, DataTypes.DoubleType);
  private static final StructType POPULATION = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.YEAR, DataTypes.IntegerType)
      .add(PutOnMarket.POPULATION, DataTypes.DoubleType);

  private static Dataset<Row> pom() {
    List<Object[]> rows = new ArrayList<>();
    double[] phones = {0.10, 0.11, Double.NaN, 0.13, 0.14, 1.00, 0.16, 0.17};
    for (int i = 0; i < phones.length; i++) {
      if (!Double.isNaN(phones[i])) {
        rows.add(new Object[] {"NLD", "0306", 2000 + i, phones[i] * 1_000_000});
      }
    }
    rows.add(new Object[] {"NLD", "0002", 2003, 500_000.0});
    rows.add(new Object[] {"NLD", "0002", 2004, 700_000.0});
    return rows(POM, rows.toArray(new Object[0][]));
  }

  private static Dataset<Row> population() {
    List<Object[]> rows = new ArrayList<>();
    for (int year = 2000; year <= 2008; year++) {
      rows.add(new Object[] {"NLD", year, 1_000_000.0});
    }
    return rows(POPULATION, rows.toArray(new Object[0][]));
  }

  private static final StructType STRATA = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.STRATUM, DataTypes.IntegerType);

  /** No country has a stratum: only the rule over a series' years applies. */
  private static Dataset<Row> noStrata() {
    return rows(STRATA);
  }

  /** year -> "kg flag" of one key. */
  private static Map<Integer, String> series(Dataset<Row> rows, String key) {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (Row r : rows.filter(PutOnMarket.UNU_KEY + " = '" + key + "'").orderBy(PutOnMarket.YEAR).collectAsList()) {
      out.put(r.<Integer>getAs(PutOnMarket.YEAR),
          Math.round(r.<Double>getAs(PutOnMarket.POM_KG)) + " " + r.getAs(PutOnMarket.FLAG));
    }
    return out;
  }

  @Test
  void outliersAndGapsAreEstimatedFromTheNearestReportedYearsAndFlagged() {
    Dataset<Row> clean = PutOnMarket.clean(pom(), population(), noStrata(), 4, 6);
    assertThat(series(clean, "0306")).containsExactly(
        Map.entry(2000, "100000 reported"), Map.entry(2001, "110000 reported"),
        Map.entry(2002, "120000 interpolated"), Map.entry(2003, "130000 reported"),
        Map.entry(2004, "140000 reported"), Map.entry(2005, "150000 outlier_replaced"),
        Map.entry(2006, "160000 reported"), Map.entry(2007, "170000 reported"));
    assertThat(series(clean, "0002")).containsExactly(
        Map.entry(2000, "500000 nearest_reported"), Map.entry(2001, "500000 nearest_reported"),
        Map.entry(2002, "500000 nearest_reported"), Map.entry(2003, "500000 reported"),
        Map.entry(2004, "700000 reported"), Map.entry(2005, "700000 nearest_reported"),
        Map.entry(2006, "700000 nearest_reported"), Map.entry(2007, "700000 nearest_reported"));
    // A looser threshold, 30 MAD = 0.90, spares 2005 (0.86 away).
    assertThat(series(PutOnMarket.clean(pom(), population(), noStrata(), 30, 6), "0306").get(2005)).isEqualTo("1000000 reported");
  }

  /**
   * Seven countries of one stratum, 1,000,000 inhabitants each, phones in 2000 (kg per person):
   * AUT 0.10, BEL 0.11, DEU 0.12, DNK 0.13, FIN 0.14, FRA 0.15, NLD 0.90; NLD also 0.16 in 2001.
   * Each series has one or two values: too few for the rule over years. Across the stratum in
   * 2000: median 0.13; deviations 0.03 0.02 0.01 0 0.01 0.02 0.77, sorted 0 0.01 0.01 0.02 0.02
   * 0.03 0.77, MAD 0.02; 4 MAD = 0.08: NLD (0.77 away) is an outlier, AUT (0.03) is not. NLD's
   * 2000 becomes its nearest reported value, 2001's 0.16. In 2001 NLD is alone: not judged.
   */
  @Test
  void aValueFarFromItsStratumsIsReplaced() {
    String[] countries = {"AUT", "BEL", "DEU", "DNK", "FIN", "FRA", "NLD"};
    double[] kpi = {0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.90};
    List<Object[]> sales = new ArrayList<>();
    List<Object[]> people = new ArrayList<>();
    List<Object[]> strata = new ArrayList<>();
    for (int i = 0; i < countries.length; i++) {
      sales.add(new Object[] {countries[i], "0306", 2000, kpi[i] * 1_000_000});
      people.add(new Object[] {countries[i], 2000, 1_000_000.0});
      people.add(new Object[] {countries[i], 2001, 1_000_000.0});
      strata.add(new Object[] {countries[i], 1});
    }
    sales.add(new Object[] {"NLD", "0306", 2001, 160_000.0});
    Dataset<Row> clean = PutOnMarket.clean(rows(POM, sales.toArray(new Object[0][])),
        rows(POPULATION, people.toArray(new Object[0][])), rows(STRATA, strata.toArray(new Object[0][])), 4, 6);
    assertThat(series(clean.filter("country_code = 'NLD'"), "0306"))
        .containsExactly(Map.entry(2000, "160000 stratum_outlier_replaced"), Map.entry(2001, "160000 reported"));
    assertThat(series(clean.filter("country_code = 'AUT'"), "0306"))
        .containsExactly(Map.entry(2000, "100000 reported"), Map.entry(2001, "100000 nearest_reported"));
  }

  @Test
  void seriesAreExtendedByTheTrendOrTheMeanPerPerson() {
    Dataset<Row> clean = PutOnMarket.clean(pom(), population(), noStrata(), 4, 6);
    // Phones' last 3 years per person: 0.15, 0.16, 0.17: a trend of +0.01 a year, mean 0.16.
    // 2008: 0.18 x 1,000,000; 2009 has no population: 2008's, the last known: 0.19 x 1,000,000.
    Map<Integer, String> trend = series(PutOnMarket.extend(clean, population(), PutOnMarket.Extension.TREND, 3, 2009), "0306");
    assertThat(trend).hasSize(10).containsEntry(2008, "180000 extrapolated").containsEntry(2009, "190000 extrapolated")
        .containsEntry(2007, "170000 reported");
    Map<Integer, String> mean = series(PutOnMarket.extend(clean, population(), PutOnMarket.Extension.PER_PERSON, 3, 2009), "0306");
    assertThat(mean).containsEntry(2008, "160000 extrapolated").containsEntry(2009, "160000 extrapolated");
    // PV panels' last 3 years are flat at 0.7 kg per person: 700,000 kg on.
    assertThat(series(PutOnMarket.extend(clean, population(), PutOnMarket.Extension.TREND, 3, 2009), "0002").get(2009))
        .isEqualTo("700000 extrapolated");
    Row exact = PutOnMarket.extend(clean, population(), PutOnMarket.Extension.TREND, 3, 2009)
        .filter("unu_key = '0306' AND year = 2009").first();
    assertThat(exact.<Double>getAs(PutOnMarket.POM_KG)).isCloseTo(190_000.0, within(1e-6));
  }

  /**
   * The market-knowledge rules, 1,000,000 inhabitants every year. CRT televisions (0407) in
   * stratum 1 (none sold from 2007): AUT reports 1.0 kg per person every year 2000-2008. 2006
   * becomes half of 2005, 0.5; 2007 and 2008 become 0. Its nine values are 1 x6, 0.5, 0 x2: median
   * 1, absolute deviations 0 x6, 0.5, 1 x2, MAD 0: every value other than 1 lies beyond 4 MAD, yet
   * the rules' values are kept. NLD has no
   * stratum: its 2008 value stands. Medical equipment (0802), DNK: 5, 30, 7, 25 kg per person in
   * 2000-2003: 30 and 25 are above the 20 kg cap and dropped; 2001 becomes the interpolation of 5
   * and 7, 6; 2003 the nearest reported value, 7.
   */
  @Test
  void marketKnowledgeSetsCrtTelevisionsAndCapsMedicalEquipment() {
    List<Object[]> sales = new ArrayList<>();
    List<Object[]> people = new ArrayList<>();
    for (int year = 2000; year <= 2008; year++) {
      sales.add(new Object[] {"AUT", "0407", year, 1_000_000.0});
      for (String country : new String[] {"AUT", "NLD", "DNK"}) {
        people.add(new Object[] {country, year, 1_000_000.0});
      }
    }
    sales.add(new Object[] {"NLD", "0407", 2008, 1_000_000.0});
    double[] medical = {5, 30, 7, 25};
    for (int i = 0; i < medical.length; i++) {
      sales.add(new Object[] {"DNK", "0802", 2000 + i, medical[i] * 1_000_000});
    }
    Dataset<Row> clean = PutOnMarket.clean(rows(POM, sales.toArray(new Object[0][])),
        rows(POPULATION, people.toArray(new Object[0][])), rows(STRATA, new Object[] {"AUT", 1}), 4, 6);
    Map<Integer, String> crt = series(clean.filter("country_code = 'AUT'"), "0407");
    assertThat(crt).containsEntry(2005, "1000000 reported").containsEntry(2006, "500000 market_knowledge")
        .containsEntry(2007, "0 market_knowledge").containsEntry(2008, "0 market_knowledge");
    assertThat(series(clean.filter("country_code = 'NLD'"), "0407")).containsEntry(2008, "1000000 reported");
    assertThat(series(clean.filter("country_code = 'DNK'"), "0802")).containsExactly(
        Map.entry(2000, "5000000 reported"), Map.entry(2001, "6000000 above_cap_replaced"),
        Map.entry(2002, "7000000 reported"), Map.entry(2003, "7000000 above_cap_replaced"),
        Map.entry(2004, "7000000 nearest_reported"), Map.entry(2005, "7000000 nearest_reported"),
        Map.entry(2006, "7000000 nearest_reported"), Map.entry(2007, "7000000 nearest_reported"),
        Map.entry(2008, "7000000 nearest_reported"));
  }
}
