package org.urbanmine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.publish.TableAudit;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.ScenarioComparisonTable;

/**
 * {@link ScenarioComparison#from} on a few hand-made rows of {@code metal_forecast} and
 * {@code medal_outlook} for scenarios "low" (A) and "high" (B), plus rows of a third scenario
 * that must be left out.
 */
class ScenarioComparisonTest extends SparkTestBase {
  private static final String A = "low";
  private static final String B = "high";

  private static Object[] forecast(String level, String scope, int year, double kg, String method, String scenario) {
    // basis, last_data_year, countries, recorded_share and the percentiles left empty: not compared.
    return new Object[] {level, scope, "gold", year, kg, kg, kg, method, !"observed".equals(method), null, null, 1,
        null, null, null, null, scenario};
  }

  /** A medal_outlook row for a Games needing 10 kg, with the coverage ratio given. */
  private static Object[] outlook(String gamesId, String level, String scope, int year, double ratio, String scenario) {
    // The percentile columns as if nothing were drawn: each equals the plain value.
    return new Object[] {gamesId, 2030, level, scope, "gold", year, ratio * 10, 10.0, 10.0, 1.0, "a test's share",
        ratio, true, gamesId, ratio * 10, ratio * 10, ratio * 10, ratio, ratio, ratio, 1.0, "a test's stream", scenario};
  }

  private static List<Row> compare() {
    Dataset<Row> forecast = rows(MetalForecastTable.TABLE.schema(),
        // JPN 2030: 100 -> 150 kg: difference 150 - 100 = 50, relative 50 / 100 = 0.5
        forecast("country", "JPN", 2030, 100.0, "linear", A),
        forecast("country", "JPN", 2030, 150.0, "linear", B),
        // JPN 2031: 0 -> 10 kg: difference 10, relative 10 / 0: null, not infinity
        forecast("country", "JPN", 2031, 0.0, "linear", A),
        forecast("country", "JPN", 2031, 10.0, "last_value", B),
        // JPN 2032: only A forecasts it (a shorter horizon under B): b and both differences null
        forecast("country", "JPN", 2032, 120.0, "linear", A),
        // World 2030: 200 -> 180 kg: difference -20, relative -20 / 200 = -0.1
        forecast("world", "World", 2030, 200.0, "observed", A),
        forecast("world", "World", 2030, 180.0, "observed", B),
        // Another scenario, to be ignored: it would add a row (JPN 2033) and a key clash.
        forecast("country", "JPN", 2030, 999.0, "linear", "other"),
        forecast("country", "JPN", 2033, 999.0, "linear", "other"));
    Dataset<Row> outlook = rows(MedalOutlookTable.TABLE.schema(),
        // JPN 2030: g-one 0.8 -> 1.2 now covered; g-two 1.5 -> 0.9 now short; g-three 2.0 -> 3.0
        // covered in both, no change.
        outlook("g-one", "country", "JPN", 2030, 0.8, A),
        outlook("g-one", "country", "JPN", 2030, 1.2, B),
        outlook("g-two", "country", "JPN", 2030, 1.5, A),
        outlook("g-two", "country", "JPN", 2030, 0.9, B),
        outlook("g-three", "country", "JPN", 2030, 2.0, A),
        outlook("g-three", "country", "JPN", 2030, 3.0, B),
        // JPN 2031: exactly 1 on both sides: covered in both, no change.
        outlook("g-one", "country", "JPN", 2031, 1.0, A),
        outlook("g-one", "country", "JPN", 2031, 1.0, B),
        // World 2030: b-games 0.5 -> 1.0 (exactly 1 covers) and a-games 0.99 -> 1.5 now covered,
        // listed sorted; c-games 1.0 -> 0.5 now short; d-games is only under A: no change.
        outlook("b-games", "world", "World", 2030, 0.5, A),
        outlook("b-games", "world", "World", 2030, 1.0, B),
        outlook("a-games", "world", "World", 2030, 0.99, A),
        outlook("a-games", "world", "World", 2030, 1.5, B),
        outlook("c-games", "world", "World", 2030, 1.0, A),
        outlook("c-games", "world", "World", 2030, 0.5, B),
        outlook("d-games", "world", "World", 2030, 0.5, A),
        // The other scenario: g-three short there, which must not count as a change.
        outlook("g-three", "country", "JPN", 2030, 0.1, "other"));
    Dataset<Row> out = ScenarioComparison.from(forecast, outlook, A, B, null);
    // The contract's columns in order (nullability aside: the scenario literals are not null).
    assertThat(out.schema().simpleString()).isEqualTo(ScenarioComparisonTable.TABLE.schema().simpleString());
    // Negative differences are allowed; keys unique.
    assertThat(TableAudit.check(ScenarioComparisonTable.TABLE, out)).isEmpty();
    return out.orderBy("scope_level", "scope", "metal", "year").collectAsList();
  }

  private static String describe(Row r) {
    List<String> cells = new ArrayList<>();
    for (String c : List.of("scope_level", "scope", "metal", "year", "a_kg", "b_kg", "difference_kg",
        "method_a", "method_b", "now_covered", "now_short", "scenario_a", "scenario_b")) {
      cells.add(String.valueOf(r.<Object>getAs(c)));
    }
    return String.join(" ", cells);
  }

  @Test
  void comparesEveryScopeMetalAndYearOfEitherScenario() {
    List<Row> out = compare();
    assertThat(out).extracting(ScenarioComparisonTest::describe).containsExactly(
        "country JPN gold 2030 100.0 150.0 50.0 linear linear g-one g-two low high",
        "country JPN gold 2031 0.0 10.0 10.0 linear last_value null null low high",
        "country JPN gold 2032 120.0 null null linear null null null low high",
        "world World gold 2030 200.0 180.0 -20.0 observed observed a-games,b-games c-games low high");
    Row jpn2030 = out.get(0);
    assertThat(jpn2030.<Double>getAs("relative_difference")).isEqualTo(0.5);
    // a = 0: no relative difference.
    assertThat(out.get(1).<Double>getAs("relative_difference")).isNull();
    // Only under A: nothing to compare with.
    assertThat(out.get(2).<Double>getAs("relative_difference")).isNull();
    assertThat(out.get(3).<Double>getAs("relative_difference")).isCloseTo(-0.1, within(1e-12));
  }

  /**
   * The printout of a comparison in which no Games changes between short and covered (JPN 2031
   * and the JPN 2032 row only A forecasts): it says so, in place of an empty table.
   */
  @Test
  void aComparisonWithoutChangesSaysSo() {
    List<Row> quiet = compare().stream().filter(r -> r.getAs("now_short") == null && r.getAs("now_covered") == null)
        .toList();
    assertThat(quiet).hasSize(2);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.out;
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      ScenarioComparison.print(spark.createDataFrame(quiet, ScenarioComparisonTable.TABLE.schema()), A, B);
    } finally {
      System.setOut(before);
    }
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("Games that change between short and covered, low -> high")
        .contains("no Games changes between short and covered");
  }
}
