package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.uncertainty.Lifespan;

/**
 * The Waste over Time convolution on a single cohort, worked out by hand, and its mass balance
 * on the real EU-28 put-on-market data (sample-data/put-on-market, 24,780 rows: 28 countries,
 * 54 product types, 1995-2015).
 */
class WasteOverTimeTest extends SparkTestBase {
  private static final StructType POM = new StructType()
      .add(WasteOverTime.COUNTRY_CODE, DataTypes.StringType)
      .add(WasteOverTime.UNU_KEY, DataTypes.StringType)
      .add(WasteOverTime.YEAR, DataTypes.IntegerType)
      .add(WasteOverTime.POM_KG, DataTypes.DoubleType);

  private static Dataset<Row> lifespans(Dataset<Row> series, Lifespan lifespan) {
    StructType schema = new StructType().add(WasteOverTime.COUNTRY_CODE, DataTypes.StringType)
        .add(WasteOverTime.UNU_KEY, DataTypes.StringType);
    for (var f : Lifespan.SCHEMA.fields()) {
      schema = schema.add(f);
    }
    List<Row> rows = new ArrayList<>();
    Row p = lifespan.parameters();
    for (Row s : series.select(WasteOverTime.COUNTRY_CODE, WasteOverTime.UNU_KEY).distinct().collectAsList()) {
      rows.add(RowFactory.create(s.get(0), s.get(1), p.get(0), p.get(1), p.get(2), p.get(3), p.get(4)));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** e-waste (kg) in 2000, 2001, ... from 1,000 kg sold in 2000 only. */
  private static List<Double> singleCohort(Lifespan lifespan, int lastYear, String column) {
    Dataset<Row> pom = rows(POM, new Object[] {"NLD", "0306", 2000, 1000.0});
    return WasteOverTime.generated(pom, lifespans(pom, lifespan), lastYear).orderBy(WasteOverTime.YEAR)
        .select(column).collectAsList().stream().map(r -> r.getDouble(0)).toList();
  }

  @Test
  void aSingleCohortIsDiscardedAtTheDensityOfEachAgePlusHalfAYear() {
    // Weibull shape 2, scale 6.8 (mobile phones' default): f(x) = (2/6.8)(x/6.8) exp(-(x/6.8)^2).
    // x = 0.5: 0.294118 x 0.073529 x exp(-0.0054066) = 0.0215097 -> 21.5097 kg in 2000;
    // x = 1.5: 0.294118 x 0.220588 x exp(-0.048659) = 0.0617975 -> 61.7975 kg in 2001;
    // x = 2.5: 0.0944607 -> 94.4607; x = 3.5: 0.1161518 -> 116.1518; x = 4.5: 0.1256125 -> 125.6125.
    // (Same figures from Python's math.exp: 21.509688901913282, 61.797516262940476,
    // 94.46067470398194, 116.15181185287095, 125.61254203341649.)
    List<Double> ewaste = singleCohort(new Lifespan.Weibull(2, 6.8), 2004, WasteOverTime.EWASTE_KG);
    double[] expected = {21.509688901913282, 61.797516262940476, 94.46067470398194, 116.15181185287095,
        125.61254203341649};
    assertThat(ewaste).hasSize(5);
    for (int i = 0; i < expected.length; i++) {
      assertThat(ewaste.get(i)).as("e-waste in " + (2000 + i)).isCloseTo(expected[i], within(1e-9));
    }
    // Still in use at the end of 2004: 1,000 - 419.5322337551231 = 580.4677662448769 kg.
    assertThat(singleCohort(new Lifespan.Weibull(2, 6.8), 2004, WasteOverTime.STOCK_KG).get(4))
        .isCloseTo(580.4677662448769, within(1e-9));

    // Fixed 3 years: all of it in 2003; in stock until then.
    assertThat(singleCohort(new Lifespan.Fixed(3), 2005, WasteOverTime.EWASTE_KG))
        .containsExactly(0.0, 0.0, 0.0, 1000.0, 0.0, 0.0);
    assertThat(singleCohort(new Lifespan.Fixed(3), 2005, WasteOverTime.STOCK_KG))
        .containsExactly(1000.0, 1000.0, 1000.0, 0.0, 0.0, 0.0);

    // Normal, mean 5, sd 2: 1,000 x exp(-(x-5)^2 / 8) / (2 sqrt(2 pi)) at x = 0.5, 1.5, 2.5:
    // exp(-2.53125) / 5.013257 = 0.0158698; exp(-1.53125) / 5.013257 = 0.0431387;
    // exp(-0.78125) / 5.013257 = 0.0913245.
    List<Double> normal = singleCohort(new Lifespan.Normal(5, 2), 2002, WasteOverTime.EWASTE_KG);
    assertThat(normal.get(0)).isCloseTo(15.869825917833708, within(1e-9));
    assertThat(normal.get(1)).isCloseTo(43.138659413255766, within(1e-9));
    assertThat(normal.get(2)).isCloseTo(91.32454269451095, within(1e-9));

    // Log-normal with mean 5 and sd 2 of the lifespan: sigma^2 = ln(1 + 4/25) = 0.1484200,
    // mu = ln 5 - 0.0742100 = 1.5352279; at x = 1.5: exp(-(0.4054651 - 1.5352279)^2 / 0.2968400)
    // / (1.5 x 0.3852532 x 2.5066283) = 0.0093686 -> 9.3686 kg; at x = 2.5: 0.1139595 -> 113.9595.
    List<Double> logNormal = singleCohort(new Lifespan.LogNormal(5, 2), 2002, WasteOverTime.EWASTE_KG);
    assertThat(logNormal.get(0)).isCloseTo(0.00011249837470831313, within(1e-12));
    assertThat(logNormal.get(1)).isCloseTo(9.368641528268578, within(1e-9));
    assertThat(logNormal.get(2)).isCloseTo(113.95947114175046, within(1e-9));
  }

  /**
   * The e-waste with every lifespan m times as long, beside the median's, by hand, from 1,000 kg
   * sold in 2000. Weibull shape 1, scale 2 (an exponential) at m = 2 is scale 4: 1,000 x exp(-x/4)
   * / 4 at x = 0.5, 1.5, 2.5 = 220.6242, 171.8223, 133.8154 kg, against the median's 1,000 x
   * exp(-x/2) / 2 = 389.4004, 236.1833, 143.2524. A fixed 2 years at m = 1.6 is round(3.2) = 3
   * years, at m = 0.7 round(1.4) = 1. Log-normal mean 5, sd 2 at m = 1.5 is mean 7.5, sd 3:
   * sigma^2 = ln(1 + 0.16) = 0.1484200, mu = ln 7.5 - 0.0742100 = 1.9406930, and at x = 2.5,
   * exp(-(0.9162907 - 1.9406930)^2 / 0.2968400) / (2.5 x 0.3852532 x 2.5066283) = 0.0120751 -> 12.0751 kg.
   */
  @Test
  void theEwasteWithScaledLifespansComesBesideTheMedians() {
    Dataset<Row> pom = rows(POM, new Object[] {"NLD", "0306", 2000, 1000.0});
    java.util.Map<String, Double> scaled = new java.util.LinkedHashMap<>();
    scaled.put("longer", 2.0);
    scaled.put("much_longer", 1.6);
    scaled.put("shorter", 0.7);
    List<Row> exponential = WasteOverTime.generated(pom, lifespans(pom, new Lifespan.Weibull(1, 2)), 2002, List.of(),
        List.of(), scaled).orderBy(WasteOverTime.YEAR).collectAsList();
    double[] median = {389.40039153570245, 236.18327637050734, 143.25239843009504};
    double[] longer = {220.62422564614886, 171.82231969774307, 133.81535712974758};
    for (int i = 0; i < 3; i++) {
      assertThat(exponential.get(i).getDouble(4)).isCloseTo(median[i], within(1e-9));
      assertThat(exponential.get(i).<Double>getAs("longer")).isCloseTo(longer[i], within(1e-9));
    }
    List<Row> fixed = WasteOverTime.generated(pom, lifespans(pom, new Lifespan.Fixed(2)), 2004, List.of(), List.of(),
        scaled).orderBy(WasteOverTime.YEAR).collectAsList();
    assertThat(fixed).extracting(r -> r.getDouble(4) + " " + r.<Double>getAs("much_longer") + " " + r.<Double>getAs("shorter"))
        .containsExactly("0.0 0.0 0.0", "0.0 0.0 1000.0", "1000.0 0.0 0.0", "0.0 1000.0 0.0", "0.0 0.0 0.0");
    Row logNormal = WasteOverTime.generated(pom, lifespans(pom, new Lifespan.LogNormal(5, 2)), 2002, List.of(),
        List.of(), java.util.Map.of("longer", 1.5)).orderBy(WasteOverTime.YEAR).collectAsList().get(2);
    assertThat(logNormal.<Double>getAs("longer")).isCloseTo(12.075066728858731, within(1e-9));
  }

  @Test
  void cohortsAddUpAndAYearWithoutSalesStillDiscards() {
    // 1,000 kg in 2000, none in 2001, 500 kg in 2002; fixed 1 year: 1,000 kg in 2001, 500 in 2003.
    Dataset<Row> pom = rows(POM, new Object[] {"NLD", "0306", 2000, 1000.0},
        new Object[] {"NLD", "0306", 2002, 500.0});
    List<Row> out = WasteOverTime.generated(pom, lifespans(pom, new Lifespan.Fixed(1)), 2003)
        .orderBy(WasteOverTime.YEAR).collectAsList();
    assertThat(out).extracting(r -> r.getInt(2) + " " + r.getDouble(3) + " " + r.getDouble(4) + " " + r.getDouble(5))
        .containsExactly("2000 1000.0 0.0 1000.0", "2001 0.0 1000.0 0.0", "2002 500.0 0.0 500.0",
            "2003 0.0 500.0 0.0");
  }

  /**
   * The loop's discard shares are those Spark computed from the same parameters
   * ({@code Lifespan.discardedShare}, which the convolution used before it became a loop), bit for
   * bit, for every distribution and age; null where Spark's is.
   */
  @Test
  void theDiscardSharesAreSparksBitForBit() {
    StructType schema = new StructType().add("age", DataTypes.IntegerType);
    for (var f : Lifespan.SCHEMA.fields()) {
      schema = schema.add(f);
    }
    Lifespan[] lifespans = {new Lifespan.Weibull(2, 6.8), new Lifespan.Weibull(1.56, 6.26),
        new Lifespan.Weibull(3.5, 25), new Lifespan.Normal(5, 2), new Lifespan.LogNormal(5, 2),
        new Lifespan.LogNormal(12.5, 7.3), new Lifespan.Fixed(3)};
    List<Row> rows = new ArrayList<>();
    for (Lifespan lifespan : lifespans) {
      Row p = lifespan.parameters();
      for (int age = 0; age <= 60; age++) {
        rows.add(RowFactory.create(age, p.get(0), p.get(1), p.get(2), p.get(3), p.get(4)));
      }
    }
    // A Weibull without its scale and a distribution nobody knows: no share.
    rows.add(RowFactory.create(4, "weibull", 2.0, null, null, null));
    rows.add(RowFactory.create(4, "gamma", 2.0, 6.8, null, null));
    List<Row> bySpark = spark.createDataFrame(rows, schema)
        .select(col("age"), col(Lifespan.DISTRIBUTION), col(Lifespan.SHAPE), col(Lifespan.SCALE_YEARS),
            col(Lifespan.MEAN_YEARS), col(Lifespan.SD_YEARS), Lifespan.discardedShare(col("age")).as("share"))
        .collectAsList();
    assertThat(bySpark).hasSize(rows.size());
    for (Row r : bySpark) {
      Double loop = WasteOverTime.discardedShare(r.getInt(0), r.getString(1), (Double) r.get(2), (Double) r.get(3),
          (Double) r.get(4), (Double) r.get(5));
      String what = r.getString(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4) + " " + r.get(5) + " at "
          + r.getInt(0);
      if (r.isNullAt(6)) {
        assertThat(loop).as(what).isNull();
      } else {
        assertThat(Double.doubleToRawLongBits(loop)).as(what + ": " + loop + " against " + r.getDouble(6))
            .isEqualTo(Double.doubleToRawLongBits(r.getDouble(6)));
      }
    }
  }

  @Test
  void massBalanceHoldsOnTheRealEu28Data() {
    Dataset<Row> pom = spark.read().option("header", "true")
        .csv("../sample-data/put-on-market/eu28-put-on-market-by-unu-key.csv")
        .select(col("Country").as(WasteOverTime.COUNTRY_CODE), col("UNU_Key").as(WasteOverTime.UNU_KEY),
            col("Year").cast(DataTypes.IntegerType).as(WasteOverTime.YEAR),
            col("POM_kg").cast(DataTypes.DoubleType).as(WasteOverTime.POM_KG));
    // 28 countries x 54 keys x 21 years would be 31,752: 24,780 rows are there (the raw data has gaps).
    assertThat(pom.count()).isEqualTo(24_780);
    Dataset<Row> balance = WasteOverTime.massBalance(
        WasteOverTime.generated(pom, lifespans(pom, new Lifespan.Weibull(2, 6.8)), 2030)).cache();
    try {
      Row worst = balance.agg(org.apache.spark.sql.functions.max(abs(col(WasteOverTime.RELATIVE_RESIDUAL))),
          org.apache.spark.sql.functions.count(lit(1)), org.apache.spark.sql.functions.sum(WasteOverTime.CUMULATIVE_POM_KG
          )).first();
      assertThat(worst.getDouble(0)).as("largest relative residual").isLessThanOrEqualTo(1e-9);
      // A row per series and year from its first sale to 2030: sum over series of (2031 - first year).
      long years = pom.groupBy(WasteOverTime.COUNTRY_CODE, WasteOverTime.UNU_KEY)
          .agg(org.apache.spark.sql.functions.min(WasteOverTime.YEAR).as("first"))
          .agg(org.apache.spark.sql.functions.sum(lit(2031).minus(col("first")))).first().getLong(0);
      assertThat(worst.getLong(1)).isEqualTo(years);
      // Everything sold is accounted for: in 2030 the cumulative POM of every series is its total sales.
      double sold = pom.agg(org.apache.spark.sql.functions.sum(WasteOverTime.POM_KG)).first().getDouble(0);
      double cumulative2030 = balance.filter(col(WasteOverTime.YEAR).equalTo(2030))
          .agg(org.apache.spark.sql.functions.sum(WasteOverTime.CUMULATIVE_POM_KG)).first().getDouble(0);
      assertThat(cumulative2030).isCloseTo(sold, within(sold * 1e-12));
    } finally {
      balance.unpersist();
    }
  }
}
