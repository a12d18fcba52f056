package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.stage.SmallInputMode;
import org.urbanmine.stage.SparkActivity;

/**
 * Cleaning and extending put-on-market series, on series worked out by hand. CHE (no stratum, and
 * no manual correction in the model's file) has 1,000,000 inhabitants every year 2000-2008 (none
 * known for 2009). Mobile phones (0306), kg per person: 2000 0.10, 2001 0.11, 2002 missing, 2003
 * 0.13, 2004 0.14, 2005 1.00, 2006 0.16, 2007 0.17. Seven values (at least 6: the outlier rule
 * applies): sorted 0.10 0.11 0.13 0.14 0.16 0.17 1.00, median 0.14; absolute deviations 0.04 0.03
 * 0.01 0 0.86 0.02 0.03, sorted 0 0.01 0.02 0.03 0.03 0.04 0.86, MAD 0.03; 4 MAD = 0.12, so only
 * 2005 (0.86 away) is an outlier. Both 2002 and 2005 are then single gaps, filled by the mean of
 * their neighbours (GapFill): 0.12 and 0.15; the series rises by 0.01 a year, so no jump is
 * smoothed. PV panels (0002): 2003 0.5 and 2004 0.7 only: too few values to judge outliers, and no
 * gap rule reaches 2000-2002 or 2005-2007 (each needs two known neighbours); they take the
 * nearest reported value, 2003's and 2004's (fillRemaining).
 */
class PutOnMarketTest extends SparkTestBase {
  private static final StructType POM = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.UNU_KEY, DataTypes.StringType)
      .add(PutOnMarket.YEAR, DataTypes.IntegerType).add(PutOnMarket.POM_KG, DataTypes.DoubleType)
      .add(PutOnMarket.POM_PIECES, DataTypes.DoubleType);
  private static final StructType POPULATION = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.YEAR, DataTypes.IntegerType)
      .add(PutOnMarket.POPULATION, DataTypes.DoubleType);
  private static final StructType PURCHASING_POWER = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.YEAR, DataTypes.IntegerType)
      .add(PutOnMarket.PURCHASING_POWER, DataTypes.DoubleType);
  private static final StructType STRATA = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.STRATUM, DataTypes.IntegerType);

  private static Dataset<Row> pom() {
    List<Object[]> rows = new ArrayList<>();
    double[] phones = {0.10, 0.11, Double.NaN, 0.13, 0.14, 1.00, 0.16, 0.17};
    for (int i = 0; i < phones.length; i++) {
      if (!Double.isNaN(phones[i])) {
        rows.add(new Object[] {"CHE", "0306", 2000 + i, phones[i] * 1_000_000, null});
      }
    }
    rows.add(new Object[] {"CHE", "0002", 2003, 500_000.0, null});
    rows.add(new Object[] {"CHE", "0002", 2004, 700_000.0, null});
    return rows(POM, rows.toArray(new Object[0][]));
  }

  private static Dataset<Row> population(String... countries) {
    List<Object[]> rows = new ArrayList<>();
    for (String country : countries) {
      for (int year = 2000; year <= 2008; year++) {
        rows.add(new Object[] {country, year, 1_000_000.0});
      }
    }
    return rows(POPULATION, rows.toArray(new Object[0][]));
  }

  /**
   * The model's cleaning, then what is still missing in the data's years interpolated or the
   * nearest (as for a country without a stratum; the countries here that have one have no gap).
   */
  private static Dataset<Row> clean(Dataset<Row> pom, Dataset<Row> population, Dataset<Row> strata, double mad) {
    PomSeries.DataSpan span = PutOnMarket.extent(pom, population).span();
    return PutOnMarket.toPom(PomSeries.apply(PutOnMarket.clean(spark,
        new PutOnMarket.Inputs(pom, population, rows(PURCHASING_POWER), strata), span, "1.2", mad, 6),
        PutOnMarket.fillRemaining(span)));
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

  /**
   * CHE's 9 rows (7 phones, 2 PV panels, 2000-2007) and one row of AUT (2010), against population
   * for CHE and DEU (9 rows each, 2000-2008) and one row of AUT with no value: 10 put-on-market
   * rows over 2000-2010, 19 population rows, and AUT the one country without any population, which
   * fails the run naming the two inputs and the country.
   */
  @Test
  void theExtentCountsBothInputsAndACountryWithoutPopulationFailsTheRun() {
    Dataset<Row> pom = pom().union(rows(POM, new Object[] {"AUT", "0306", 2010, 5.0, null}));
    Dataset<Row> population = population("CHE", "DEU").union(rows(POPULATION, new Object[] {"AUT", 2005, null}));
    PutOnMarket.Extent extent = PutOnMarket.extent(pom, population);
    assertThat(extent.rows()).isEqualTo(10);
    assertThat(extent.span()).isEqualTo(new PomSeries.DataSpan(2000, 2010));
    assertThat(extent.populationRows()).isEqualTo(19);
    assertThat(extent.withoutPopulation()).containsExactly("AUT");
    assertThatThrownBy(() -> PutOnMarket.requirePopulation(extent, "pom/", "people.csv"))
        .isInstanceOf(RunFailedException.class)
        .hasMessage("urbanmine.ewaste.population (people.csv) has no population for 1 of the countries in"
            + " urbanmine.ewaste.put-on-market (pom/): AUT; the model works per person, so every country with"
            + " put-on-market data needs its inhabitants for at least one year");
    // With AUT's inhabitants known for one year, nothing is missing.
    PutOnMarket.Extent whole = PutOnMarket.extent(pom, population("CHE").union(rows(POPULATION,
        new Object[] {"AUT", 2005, 8_000_000.0})));
    assertThat(whole.withoutPopulation()).isEmpty();
    PutOnMarket.requirePopulation(whole, "pom/", "people.csv");
  }

  @Test
  void outliersAndGapsAreEstimatedFromTheNeighbouringYearsAndFlagged() {
    Dataset<Row> clean = clean(pom(), population("CHE"), rows(STRATA), 4);
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
    // A looser threshold, 30 MAD = 0.90, spares 2005 (0.86 away); then it is a jump the smoothing
    // removes (method 1: its neighbours 0.14 and 0.16 differ by 0.02 / 0.14 = 14 % < 20 %, and it
    // differs from 0.14 by 0.86 / 0.14 > 50 %), and refills with their mean, 0.15.
    assertThat(series(clean(pom(), population("CHE"), rows(STRATA), 30), "0306").get(2005))
        .isEqualTo("150000 smoothed");
  }

  /**
   * Seven countries of one stratum, 1,000,000 inhabitants each, phones in 2000 (kg per person):
   * AUT 0.10, BEL 0.11, DEU 0.12, DNK 0.13, FIN 0.14, FRA 0.15, NLD 0.90; NLD also 0.16 in 2001.
   * Each series has one or two values: too few for the rule over years. Across the stratum in
   * 2000: median 0.13; deviations 0.03 0.02 0.01 0 0.01 0.02 0.77, sorted 0 0.01 0.01 0.02 0.02
   * 0.03 0.77, MAD 0.02; 4 MAD = 0.08: NLD (0.77 away) is an outlier, AUT (0.03) is not. In 2001
   * NLD is alone: not judged.
   */
  @Test
  void aValueFarFromItsStratumsIsRemoved() {
    String[] countries = {"AUT", "BEL", "DEU", "DNK", "FIN", "FRA", "NLD"};
    double[] kpi = {0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.90};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < countries.length; i++) {
      rows.add(new Object[] {countries[i], "0306", 2000, 1, 1e6, null, kpi[i], null, PutOnMarket.REPORTED, kpi[i], null});
    }
    rows.add(new Object[] {"NLD", "0306", 2001, 1, 1e6, null, 0.16, null, PutOnMarket.REPORTED, 0.16, null});
    Dataset<Row> removed = PomTable.apply(rows(PomSeries.SCHEMA, rows.toArray(new Object[0][])),
        PutOnMarket.removeOutliers(4, 6));
    Map<String, String> byCountryYear = new LinkedHashMap<>();
    for (Row r : removed.orderBy("country_code", "year").collectAsList()) {
      byCountryYear.put(r.getAs("country_code") + " " + r.getAs("year"), r.getAs(PutOnMarket.KPI) + " "
          + r.getAs(PutOnMarket.FLAG));
    }
    assertThat(byCountryYear).containsEntry("NLD 2000", "null stratum_outlier_replaced")
        .containsEntry("NLD 2001", "0.16 reported").containsEntry("AUT 2000", "0.1 reported")
        .containsEntry("FRA 2000", "0.15 reported");
  }

  @Test
  void seriesAreExtendedByTheTrendOrTheMeanPerPerson() {
    Dataset<Row> clean = clean(pom(), population("CHE"), rows(STRATA), 4);
    // Phones' last 3 years per person: 0.15, 0.16, 0.17: a trend of +0.01 a year, mean 0.16.
    // 2008: 0.18 x 1,000,000; 2009 has no population: 2008's, the last known: 0.19 x 1,000,000.
    Map<Integer, String> trend = series(PutOnMarket.extend(clean, population("CHE"), PutOnMarket.Extension.TREND, 3,
        2009), "0306");
    assertThat(trend).hasSize(10).containsEntry(2008, "180000 extrapolated").containsEntry(2009, "190000 extrapolated")
        .containsEntry(2007, "170000 reported");
    Map<Integer, String> mean = series(PutOnMarket.extend(clean, population("CHE"), PutOnMarket.Extension.PER_PERSON,
        3, 2009), "0306");
    assertThat(mean).containsEntry(2008, "160000 extrapolated").containsEntry(2009, "160000 extrapolated");
    // PV panels' last 3 years are flat at 0.7 kg per person: 700,000 kg on.
    assertThat(series(PutOnMarket.extend(clean, population("CHE"), PutOnMarket.Extension.TREND, 3, 2009), "0002")
        .get(2009)).isEqualTo("700000 extrapolated");
    Row exact = PutOnMarket.extend(clean, population("CHE"), PutOnMarket.Extension.TREND, 3, 2009)
        .filter("unu_key = '0306' AND year = 2009").first();
    assertThat(exact.<Double>getAs(PutOnMarket.POM_KG)).isCloseTo(190_000.0, within(1e-6));
  }

  /**
   * The cleaning and the published extension cost no Spark job of their own: no value comes back
   * to the driver on the way, and every step runs in the one job that first reads the series
   * (with the small-input settings of a night, under which a shuffle is a stage, not a job). CHE's
   * two keys from 1980 to 2010: 62 rows.
   */
  @Test
  void theCleaningAndTheExtensionRunInTheJobThatReadsThem() {
    PutOnMarket.Inputs in = new PutOnMarket.Inputs(pom(), population("CHE"), rows(PURCHASING_POWER), rows(STRATA));
    PomSeries.DataSpan span = new PomSeries.DataSpan(2000, 2007);
    SmallInputMode small = SmallInputMode.forStage(spark, "ewaste", List.of(), 0, 64, Map.of());
    SparkActivity activity = SparkActivity.listen(spark);
    try {
      SparkActivity.Counts before = activity.now();
      Dataset<Row> extended = PutOnMarket.extendAsPublished(spark, in, span, "1.2", 4, 6, 2010);
      assertThat(activity.now().minus(before).jobs()).as("jobs to plan").isZero();
      assertThat(extended.count()).isEqualTo(62);
      assertThat(activity.now().minus(before).jobs()).as("jobs to plan and count").isEqualTo(1);
    } finally {
      activity.close();
      small.close();
    }
  }

  /**
   * The market-knowledge rules and a manual correction, 1,000,000 inhabitants every year. CRT
   * televisions (0407) in stratum 1 (none sold from 2007): AUT reports 1.0 kg per person every
   * year 2000-2008. 2006 becomes half of 2005, 0.5; 2007 and 2008 become 0. Its nine values are 1
   * x6, 0.5, 0 x2: median 1, absolute deviations 0 x6, 0.5, 1 x2, MAD 0: every value other than 1
   * lies beyond 4 MAD, yet the rules' values are kept. NLD has no stratum: its 2008 value stands.
   * Medical equipment (0802), DNK: 5, 30, 7, 25 kg per person in 2000-2003. The model's manual
   * corrections (1.2) replace DNK's 2003 by 2,459,623 kg and fill 2004 with 2,533,925 kg ("High
   * outlier. Corrected with ratio FIN"): 2003 is no longer above the 20 kg cap. 30 (2001) is: it
   * is dropped and, a single gap, becomes the mean of 5 and 7, 6. 2005-2008 take 2004's value, the
   * nearest (no gap rule reaches a run of four).
   */
  @Test
  void marketKnowledgeAndManualCorrections() {
    List<Object[]> sales = new ArrayList<>();
    for (int year = 2000; year <= 2008; year++) {
      sales.add(new Object[] {"AUT", "0407", year, 1_000_000.0, null});
    }
    sales.add(new Object[] {"NLD", "0407", 2008, 1_000_000.0, null});
    double[] medical = {5, 30, 7, 25};
    for (int i = 0; i < medical.length; i++) {
      sales.add(new Object[] {"DNK", "0802", 2000 + i, medical[i] * 1_000_000, null});
    }
    Dataset<Row> clean = clean(rows(POM, sales.toArray(new Object[0][])), population("AUT", "NLD", "DNK"),
        rows(STRATA, new Object[] {"AUT", 1}), 4);
    Map<Integer, String> crt = series(clean.filter("country_code = 'AUT'"), "0407");
    assertThat(crt).containsEntry(2005, "1000000 reported").containsEntry(2006, "500000 market_knowledge")
        .containsEntry(2007, "0 market_knowledge").containsEntry(2008, "0 market_knowledge");
    assertThat(series(clean.filter("country_code = 'NLD'"), "0407")).containsEntry(2008, "1000000 reported");
    assertThat(series(clean.filter("country_code = 'DNK'"), "0802")).containsExactly(
        Map.entry(2000, "5000000 reported"), Map.entry(2001, "6000000 above_cap_replaced"),
        Map.entry(2002, "7000000 reported"), Map.entry(2003, "2459623 manual_correction"),
        Map.entry(2004, "2533925 manual_correction"), Map.entry(2005, "2533925 nearest_reported"),
        Map.entry(2006, "2533925 nearest_reported"), Map.entry(2007, "2533925 nearest_reported"),
        Map.entry(2008, "2533925 nearest_reported"));
  }
}
