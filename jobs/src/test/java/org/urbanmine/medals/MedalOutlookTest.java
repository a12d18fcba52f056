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
      .add("method", DataTypes.StringType);
  private static final StructType DRAWS = new StructType()
      .add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType).add("metal", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("draws_kg", DataTypes.createArrayType(DataTypes.DoubleType));

  private static Dataset<Row> noDraws() {
    return rows(DRAWS);
  }

  private static List<Row> outlook(double share) {
    Dataset<Row> forecast = rows(FORECAST,
        new Object[] {"country", "JPN", "gold", 2014, 143.0, false, "observed"},
        new Object[] {"country", "JPN", "palladium", 2014, 5.0, false, "observed"});
    Dataset<Row> demand = MedalDemand.of(spark, settings().medals())
        .filter("games_id = 'london-2012'");
    Dataset<Row> available = AvailableMetal.of(forecast, noDraws(), new double[] {share});
    return MedalOutlookTable.TABLE.conformFile(MedalOutlook.from(available, demand, share)).collectAsList();
  }

  @Test
  void japan2014GoldCoversLondon2012FifteenTimesOver() {
    List<Row> out = outlook(1.0);
    // Palladium is in no medal, so it has no row.
    assertThat(out).hasSize(1);
    Row r = out.get(0);
    assertThat(r.getString(r.fieldIndex("games"))).isEqualTo("London 2012");
    assertThat(r.getDouble(r.fieldIndex("available_kg"))).isEqualTo(143.0);
    assertThat(r.getDouble(r.fieldIndex("needed_kg"))).isEqualTo(9.6);
    // 143 / 9.6 = 14.8958..., which reads 14.9
    assertThat(r.getDouble(r.fieldIndex("coverage_ratio"))).isCloseTo(14.8958333, within(1e-6));
    assertThat(Math.round(r.getDouble(r.fieldIndex("coverage_ratio")) * 10) / 10.0).isEqualTo(14.9);
    // A fixed share: every percentile is the plain result.
    for (String p : List.of("p5", "p50", "p95")) {
      assertThat(r.getDouble(r.fieldIndex(p + "_available_kg"))).isEqualTo(143.0);
      assertThat(r.getDouble(r.fieldIndex(p + "_coverage"))).isCloseTo(14.8958333, within(1e-6));
    }
  }

  @Test
  void onlyTheAvailableShareCounts() {
    Row r = outlook(0.5).get(0);
    // 143 x 0.5 = 71.5 kg; 71.5 / 9.6 = 7.4479...
    assertThat(r.getDouble(r.fieldIndex("available_kg"))).isEqualTo(71.5);
    assertThat(r.getDouble(r.fieldIndex("coverage_ratio"))).isCloseTo(7.4479167, within(1e-6));
  }

  /**
   * A drawn share of 0.2, 0.4, 0.6, 0.8, 1.0 (five draws): Spark's percentile interpolates at
   * position (5 - 1) p of the sorted values: p5 at 0.2 -> 0.2 + 0.2 x 0.2 = 0.24; p50 at 2 -> 0.6;
   * p95 at 3.8 -> 0.8 + 0.8 x 0.2 = 0.96. A fixed 143 kg: 34.32, 85.8 and 137.28 kg available,
   * coverage 34.32 / 9.6 = 3.575 at P5.
   */
  @Test
  void aDrawnShareGivesPercentilesOfTheAmountAvailable() {
    Dataset<Row> forecast = rows(FORECAST, new Object[] {"country", "JPN", "gold", 2014, 143.0, false, "observed"});
    double[] shares = {0.2, 0.4, 0.6, 0.8, 1.0};
    Dataset<Row> demand = MedalDemand.of(spark, settings().medals()).filter("games_id = 'london-2012'");
    Row r = MedalOutlookTable.TABLE.conformFile(MedalOutlook.from(AvailableMetal.of(forecast, noDraws(), shares),
            demand, 0.6)).first();
    assertThat(r.getDouble(r.fieldIndex("p5_available_kg"))).isCloseTo(34.32, within(1e-9));
    assertThat(r.getDouble(r.fieldIndex("p50_available_kg"))).isCloseTo(85.8, within(1e-9));
    assertThat(r.getDouble(r.fieldIndex("p95_available_kg"))).isCloseTo(137.28, within(1e-9));
    assertThat(r.getDouble(r.fieldIndex("p5_coverage"))).isCloseTo(3.575, within(1e-9));
  }

  /**
   * A row with draws: metal 10, 20, 30, 40, 50 kg in draws 0-4 and a share of 1.0, 0.8, 0.6, 0.4,
   * 0.2 in the same draws: available 10, 16, 18, 16, 10 kg, sorted 10, 10, 16, 16, 18. Percentiles
   * at (5 - 1) p: p5 at 0.2 -> 10; p50 at 2 -> 16; p95 at 3.8 -> 16 + 0.8 x (18 - 16) = 17.6. The
   * product of the medians would be 30 x 0.6 = 18, not 16: draws are multiplied first.
   */
  @Test
  void percentilesOfTheProductDrawByDraw() {
    Dataset<Row> forecast = rows(FORECAST, new Object[] {"world", "World", "gold", 2030, 30.0, true, "sum-of-countries"});
    Dataset<Row> draws = rows(DRAWS, new Object[] {"world", "World", "gold", 2030,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of(10.0, 20.0, 30.0, 40.0, 50.0)).toSeq()});
    Row r = AvailableMetal.of(forecast, draws, new double[] {1.0, 0.8, 0.6, 0.4, 0.2}).first();
    assertThat(r.getDouble(r.fieldIndex("p5_available_kg"))).isEqualTo(10.0);
    assertThat(r.getDouble(r.fieldIndex("p50_available_kg"))).isEqualTo(16.0);
    assertThat(r.getDouble(r.fieldIndex("p95_available_kg"))).isCloseTo(17.6, within(1e-12));
  }

  /**
   * first_covered_year on a hand-made outlook: p50 coverage 0.5, 0.9, 1.1, 1.3 in 2030-2033 and
   * p5 0.4, 0.7, 0.95, 1.0: first P50 year 2032, first P5 year 2033 (1.0 reaches 1); a scope
   * never covered gets nulls.
   */
  @Test
  void firstCoveredYearAtP50AndP5() {
    StructType outlook = new StructType().add("games_id", DataTypes.StringType).add("games", DataTypes.StringType)
        .add("games_year", DataTypes.IntegerType).add("scope_level", DataTypes.StringType)
        .add("scope", DataTypes.StringType).add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("needed_kg", DataTypes.DoubleType).add("p50_coverage", DataTypes.DoubleType)
        .add("p5_coverage", DataTypes.DoubleType);
    double[] p50 = {0.5, 0.9, 1.1, 1.3};
    double[] p5 = {0.4, 0.7, 0.95, 1.0};
    Object[][] values = new Object[8][];
    for (int i = 0; i < 4; i++) {
      values[i] = new Object[] {"la-2028", "LA 2028", 2028, "country", "USA", "gold", 2030 + i, 10.0, p50[i], p5[i]};
      values[4 + i] = new Object[] {"la-2028", "LA 2028", 2028, "country", "MEX", "gold", 2030 + i, 10.0, 0.1, 0.05};
    }
    List<Row> out = FirstCoveredYearTable.TABLE.conformFile(FirstCoveredYear.from(rows(outlook, values)))
        .orderBy("scope").collectAsList();
    assertThat(out).extracting(r -> r.getString(r.fieldIndex("scope")) + " " + r.get(r.fieldIndex("first_year_p50"))
        + " " + r.get(r.fieldIndex("first_year_p5"))).containsExactly("MEX null null", "USA 2032 2033");
  }
}
