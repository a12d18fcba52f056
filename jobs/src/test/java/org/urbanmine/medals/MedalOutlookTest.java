package org.urbanmine.medals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalOutlookTable;

class MedalOutlookTest extends SparkTestBase {
  private static final StructType FORECAST = new StructType()
      .add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType)
      .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("mass_kg", DataTypes.DoubleType).add("is_forecast", DataTypes.BooleanType)
      .add("method", DataTypes.StringType).add("p5_kg", DataTypes.DoubleType).add("p50_kg", DataTypes.DoubleType);
  private static final StructType DRAWS = new StructType()
      .add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType).add("metal", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("draws_kg", DataTypes.createArrayType(DataTypes.DoubleType));

  private static Dataset<Row> noDraws() {
    return rows(DRAWS);
  }

  private static List<Row> outlook(double share) {
    Dataset<Row> forecast = rows(FORECAST,
        new Object[] {"country", "JPN", "gold", 2014, 143.0, false, "observed", null, null},
        new Object[] {"country", "JPN", "palladium", 2014, 5.0, false, "observed", null, null});
    Dataset<Row> demand = MedalDemand.of(spark, settings().medals())
        .filter("games_id = 'london-2012'");
    Dataset<Row> available = AvailableMetal.of(forecast, noDraws(), new double[] {share});
    return MedalOutlookTable.TABLE.conformFile(MedalOutlook.from(available, demand, share, "a test's share"))
        .collectAsList();
  }

  /**
   * London 2012's medals hold 9.6 kg gold (published). The host must obtain more: Tokyo 2020
   * obtained 32 kg for medals holding 9.792 kg (1,632 x 6 g), a production factor of 32 / 9.792 =
   * 3.2679739, so London needed 9.6 x 3.2679739 = 31.372549 kg. Japan 2014's 143 kg covers it
   * 143 / 31.372549 = 4.558125 times (14.9 times the metal in the medals alone).
   */
  @Test
  void japan2014GoldCoversWhatLondon2012HadToObtainFourAndAHalfTimesOver() {
    List<Row> out = outlook(1.0);
    // Palladium is in no medal, so it has no row.
    assertThat(out).hasSize(1);
    Row r = out.get(0);
    assertThat(r.getString(r.fieldIndex("games"))).isEqualTo("London 2012");
    assertThat(r.getDouble(r.fieldIndex("available_kg"))).isEqualTo(143.0);
    assertThat(r.getDouble(r.fieldIndex("in_medals_kg"))).isEqualTo(9.6);
    assertThat(r.getDouble(r.fieldIndex("needed_kg"))).isCloseTo(31.372549, within(1e-6));
    assertThat(r.getDouble(r.fieldIndex("coverage_ratio"))).isCloseTo(4.558125, within(1e-6));
    assertThat(r.getDouble(r.fieldIndex("available_share"))).isEqualTo(1.0);
    assertThat(r.getString(r.fieldIndex("available_share_rule"))).isEqualTo("a test's share");
    // A fixed share: every percentile is the plain result.
    for (String p : List.of("p5", "p50", "p95")) {
      assertThat(r.getDouble(r.fieldIndex(p + "_available_kg"))).isEqualTo(143.0);
      assertThat(r.getDouble(r.fieldIndex(p + "_coverage"))).isCloseTo(4.558125, within(1e-6));
    }
  }

  @Test
  void onlyTheAvailableShareCounts() {
    Row r = outlook(0.5).get(0);
    // 143 x 0.5 = 71.5 kg; 71.5 / 31.372549 = 2.2790625
    assertThat(r.getDouble(r.fieldIndex("available_kg"))).isEqualTo(71.5);
    assertThat(r.getDouble(r.fieldIndex("coverage_ratio"))).isCloseTo(2.2790625, within(1e-6));
  }

  /**
   * A drawn share of 0.2, 0.4, 0.6, 0.8, 1.0 (five draws): Spark's percentile interpolates at
   * position (5 - 1) p of the sorted values: p5 at 0.2 -> 0.2 + 0.2 x 0.2 = 0.24; p50 at 2 -> 0.6;
   * p95 at 3.8 -> 0.8 + 0.8 x 0.2 = 0.96. A fixed 143 kg: 34.32, 85.8 and 137.28 kg available,
   * coverage 34.32 / 31.372549 = 1.09395 at P5 (London's 9.6 kg x 32 / 9.792).
   */
  @Test
  void aDrawnShareGivesPercentilesOfTheAmountAvailable() {
    Dataset<Row> forecast = rows(FORECAST, new Object[] {"country", "JPN", "gold", 2014, 143.0, false, "observed", null, null});
    double[] shares = {0.2, 0.4, 0.6, 0.8, 1.0};
    Dataset<Row> demand = MedalDemand.of(spark, settings().medals()).filter("games_id = 'london-2012'");
    Row r = MedalOutlookTable.TABLE.conformFile(MedalOutlook.from(AvailableMetal.of(forecast, noDraws(), shares),
            demand, 0.6, "drawn")).first();
    assertThat(r.getDouble(r.fieldIndex("p5_available_kg"))).isCloseTo(34.32, within(1e-9));
    assertThat(r.getDouble(r.fieldIndex("p50_available_kg"))).isCloseTo(85.8, within(1e-9));
    assertThat(r.getDouble(r.fieldIndex("p95_available_kg"))).isCloseTo(137.28, within(1e-9));
    assertThat(r.getDouble(r.fieldIndex("p5_coverage"))).isCloseTo(34.32 / (9.6 * 32 / 9.792), within(1e-12));
    assertThat(r.getDouble(r.fieldIndex("p5_coverage"))).isCloseTo(1.09395, within(1e-5));
  }

  /**
   * A row with draws: metal 10, 20, 30, 40, 50 kg in draws 0-4 and a share of 1.0, 0.8, 0.6, 0.4,
   * 0.2 in the same draws: available 10, 16, 18, 16, 10 kg, sorted 10, 10, 16, 16, 18. Percentiles
   * at (5 - 1) p: p5 at 0.2 -> 10; p50 at 2 -> 16; p95 at 3.8 -> 16 + 0.8 x (18 - 16) = 17.6. The
   * product of the medians would be 30 x 0.6 = 18, not 16: draws are multiplied first.
   */
  @Test
  void percentilesOfTheProductDrawByDraw() {
    Dataset<Row> forecast = rows(FORECAST, new Object[] {"world", "World", "gold", 2030, 30.0, true, "sum-of-countries",
        10.0, 30.0});
    Dataset<Row> draws = rows(DRAWS, new Object[] {"world", "World", "gold", 2030,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of(10.0, 20.0, 30.0, 40.0, 50.0)).toSeq()});
    double[] shares = {1.0, 0.8, 0.6, 0.4, 0.2};
    Row r = AvailableMetal.of(forecast, draws, shares).first();
    assertThat(r.getDouble(r.fieldIndex("p5_available_kg"))).isEqualTo(10.0);
    assertThat(r.getDouble(r.fieldIndex("p50_available_kg"))).isEqualTo(16.0);
    assertThat(r.getDouble(r.fieldIndex("p95_available_kg"))).isCloseTo(17.6, within(1e-12));
    // The outlook's one reading of the draws for both of its tables: the same numbers, bit for bit.
    Row once = AvailableMetal.withPercentiles(forecast,
        OutlookDraws.percentiles(OutlookDraws.of(draws, shares, TEN_KG, shares, 1.0)), shares).first();
    for (String p : List.of("p5_available_kg", "p50_available_kg", "p95_available_kg")) {
      assertThat(once.getDouble(once.fieldIndex(p))).isEqualTo(r.getDouble(r.fieldIndex(p)));
    }
  }

  /** One Games needing 10 kg gold. */
  private static final List<FirstCoveredYear.Need> TEN_KG =
      List.of(new FirstCoveredYear.Need("la-2028", "LA 2028", 2028, "gold", 10.0));

  /** Draws of USA gold 2030-2035, one array per draw (transposed into one row per year below). */
  private static final double[][] USA = {
      {5, 12, 8, 11, 12, 13},   // dips in 2032 after first crossing: covered for good from 2033
      {11, 12, 13, 14, 15, 16}, // covered from the first year: 2030
      {5, 6, 7, 8, 9, 10},      // reaches 10 kg only in 2035: from 2035
      {12, 9, 11, 12, 13, 9}};  // short in 2035, the horizon: never

  /**
   * USA's four draws and JPN at 20 kg in every draw. The percentiles first_year_p50 and
   * first_year_p5 read (metal_forecast's: Spark's, at positions 1.5 and 0.15 of the four sorted
   * values): p50 2030 [5, 5, 11, 12] -> 8; 2031 [6, 9, 12, 12] -> 10.5; 2032 [7, 8, 11, 13] -> 9.5;
   * 2033 [8, 11, 12, 14] -> 11.5; 2034 [9, 12, 13, 15] -> 12.5; 2035 [9, 10, 13, 16] -> 11.5;
   * p5 5, 6.45, 7.15, 8.45, 9.45, 9.15 (never 10).
   */
  private static List<Row> firstCovered(double[] shares) {
    Object[][] draws = new Object[12][];
    for (int y = 0; y < 6; y++) {
      List<Double> usa = new java.util.ArrayList<>();
      for (double[] draw : USA) {
        usa.add(draw[y]);
      }
      draws[y] = new Object[] {"country", "USA", "gold", 2030 + y, scala.jdk.javaapi.CollectionConverters.asScala(usa).toSeq()};
      draws[6 + y] = new Object[] {"country", "JPN", "gold", 2030 + y,
          scala.jdk.javaapi.CollectionConverters.asScala(List.of(20.0, 20.0, 20.0, 20.0)).toSeq()};
    }
    List<Row> twice = FirstCoveredYearTable.TABLE.conformFile(FirstCoveredYear.fromDraws(rows(DRAWS, draws), TEN_KG,
        shares, 1.0)).orderBy("scope").collectAsList();
    // The outlook's one reading of the draws for both of its tables gives the same rows.
    double[] outlookShares = shares != null ? shares : new double[] {1.0, 1.0, 1.0, 1.0};
    List<Row> once = FirstCoveredYearTable.TABLE.conformFile(FirstCoveredYear.fromReduced(OutlookDraws.reduced(
        OutlookDraws.of(rows(DRAWS, draws), outlookShares, TEN_KG, shares, 1.0)), TEN_KG)).orderBy("scope")
        .collectAsList();
    assertThat(once).isEqualTo(twice);
    return twice;
  }

  private static Object get(Row r, String column) {
    return r.get(r.fieldIndex(column));
  }

  /**
   * Sustained years per draw (the first year of the unbroken run of covered years that reaches
   * 2035): 2033, 2030, 2035, never. Sorted: 2030, 2033, 2035, never. P50, at least half of the
   * four draws: the 2nd smallest, 2033. P5, at least 95 %: ceil(3.8) = the 4th, never; the need
   * is met in 2035 in 3 of 4 draws, 75 %. first_year_p50 is 2031 (p50 10.5 >= 10) although the
   * P50 dips to 9.5 in 2032: the first crossing, not "from then on". JPN's 20 kg covers 10 kg in
   * every year and draw: covered throughout, no year claimed.
   */
  @Test
  void coveredFromIsTheYearFromWhichEnoughDrawsStayCoveredToTheHorizon() {
    List<Row> out = firstCovered(null);
    assertThat(out).hasSize(2);
    Row jpn = out.get(0);
    assertThat(get(jpn, "first_year_p50")).isEqualTo(2030);
    assertThat(get(jpn, "covered_from_p50")).isNull();
    assertThat(get(jpn, "covered_from_p5")).isNull();
    assertThat(get(jpn, "covered_throughout_p50")).isEqualTo(true);
    assertThat(get(jpn, "covered_throughout_p5")).isEqualTo(true);
    assertThat(get(jpn, "not_covered_reason")).isNull();
    Row usa = out.get(1);
    assertThat(get(usa, "first_year_p50")).isEqualTo(2031);
    assertThat(get(usa, "first_year_p5")).isNull();
    assertThat(get(usa, "covered_from_p50")).isEqualTo(2033);
    assertThat(get(usa, "covered_from_p5")).isNull();
    assertThat(get(usa, "covered_throughout_p50")).isEqualTo(false);
    assertThat(get(usa, "covered_throughout_p5")).isEqualTo(false);
    assertThat(get(usa, "not_covered_reason"))
        .isEqualTo("not covered for good at P5: the need is met in 2035 in 75 % of the draws, under 95 %");
    assertThat(get(usa, "needed_kg")).isEqualTo(10.0);
    assertThat(get(usa, "games")).isEqualTo("LA 2028");
  }

  /**
   * The same draws with the share drawn too: 1.0, 0.5, 1.0, 1.0. Draw 1 becomes 5.5, 6, 6.5, 7,
   * 7.5, 8 kg: never. Sustained years 2033, never, 2035, never: P50 (2nd smallest) 2035; the need
   * is met in 2035 in 2 of 4 draws, 50 %, but P5 needs 95 %. first_year_p50 from the percentiles
   * of the product: 2030 [5, 5, 5.5, 12] -> 5.25; 2031 [6, 6, 9, 12] -> 7.5; 2032 [6.5, 7, 8, 11]
   * -> 7.5; 2033 [7, 8, 11, 12] -> 9.5; 2034 [7.5, 9, 12, 13] -> 10.5: 2034.
   */
  @Test
  void aDrawnShareMultipliesEachDrawBeforeTheYearsAreJudged() {
    Row usa = firstCovered(new double[] {1.0, 0.5, 1.0, 1.0}).get(1);
    assertThat(get(usa, "first_year_p50")).isEqualTo(2034);
    assertThat(get(usa, "covered_from_p50")).isEqualTo(2035);
    assertThat(get(usa, "covered_from_p5")).isNull();
    assertThat(get(usa, "not_covered_reason"))
        .isEqualTo("not covered for good at P5: the need is met in 2035 in 50 % of the draws, under 95 %");
  }

  /**
   * A trend's rows have no percentiles (p5_kg, p50_kg null): the country model's draws of the same
   * key are not its forecast, so its own mass counts in every draw. MEX: 4 kg a year by the trend,
   * 40 kg in the model's draws: never covered, at P50 either.
   */
  @Test
  void aTrendIsJudgedOnItsOwnMassNotOnTheModelsDraws() {
    Dataset<Row> forecast = rows(FORECAST, new Object[] {"country", "MEX", "gold", 2030, 4.0, true, "linear", null, null});
    Dataset<Row> draws = rows(DRAWS, new Object[] {"country", "MEX", "gold", 2030,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of(40.0, 40.0)).toSeq()});
    Row mex = FirstCoveredYearTable.TABLE.conformFile(FirstCoveredYear.fromForecast(forecast, TEN_KG, null, 1.0)).first();
    assertThat(get(mex, "first_year_p50")).isNull();
    assertThat(get(mex, "covered_from_p50")).isNull();
    assertThat(get(mex, "covered_throughout_p50")).isEqualTo(false);
    assertThat(get(mex, "not_covered_reason"))
        .isEqualTo("not covered for good at P50: the need is met in 2030 in 0 % of the draws, under half");
    Row available = AvailableMetal.of(forecast, draws, new double[] {1.0, 1.0}).first();
    assertThat(available.getDouble(available.fieldIndex("p50_available_kg"))).isEqualTo(4.0);
  }
}
