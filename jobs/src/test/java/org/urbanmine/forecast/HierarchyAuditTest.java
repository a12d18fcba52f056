package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.model.CountryChain;

/**
 * The hierarchy's audit on tables made by the country model from three hand-built countries
 * (2020-2022, gold, 20 draws): it passes them as made, and fails them when an aggregate's draw no
 * longer sums its countries, or when more collection would give a scope less metal than staged.
 */
class HierarchyAuditTest extends SparkTestBase {
  private static Settings settings() {
    return settings("urbanmine.input.max-year=2022", "urbanmine.forecast.first-year=2020",
        "urbanmine.forecast.horizon=2022", "urbanmine.uncertainty.draws=20",
        "urbanmine.drivers.content-g-per-t.gold=100", "urbanmine.drivers.preprocessing-yield.gold=0.2",
        "urbanmine.drivers.smelter-yield.gold=0.9");
  }

  private static Dataset<Row> input() {
    List<Row> rows = new ArrayList<>();
    for (int year = 2020; year <= 2022; year++) {
      rows.add(RowFactory.create("AAA", "R1", "S1", "gold", year, 1000.0, "published", 0.0, year, 0.5, "published",
          year == 2020 ? 4.5 : null, "test", contained(1000, 100), "test", null, null));
      rows.add(RowFactory.create("BBB", "R1", "S1", "gold", year, 2000.0, "estimated", 0.3, year, 0.4,
          "regional-default", null, "test", contained(2000, 100), "test", null, null));
      rows.add(RowFactory.create("CCC", "R2", "S2", "gold", year, 400.0, "sales-lifespan", 0.0, year, 0.25, "published",
          null, "test", contained(400, 100), "test", null, null));
    }
    return spark.createDataFrame(rows, CountryChain.INPUT_SCHEMA);
  }

  /** The staged tables of a run whose collection rates were all raised by {@code step}. */
  private static List<String> audit(Settings s, double step, boolean tamperWorld) {
    Dataset<Row> chained = new CountryChain(s.drivers(), content(s.drivers()), s.uncertainty().seed(),
        CountryChain.allDraws(s.uncertainty().draws()), 2020, 2022, 0.9, step).run(input()).cache();
    Dataset<Row> countries = chained.filter(col(CountryChain.SCOPE_LEVEL).equalTo(CountryChain.COUNTRY))
        .withColumn(CountryChain.COUNTRY_CODE, col(CountryChain.SCOPE));
    Dataset<Row> aggregates = chained.filter(col(CountryChain.SCOPE_LEVEL).notEqual(CountryChain.COUNTRY));
    if (tamperWorld) {
      // One draw of the world in 2021 a gram off: 1e-3 kg in about 20 kg, far above 1e-9 relative.
      aggregates = aggregates.withColumn(CountryChain.DRAWS_KG,
          when(col(CountryChain.SCOPE).equalTo("World").and(col(CountryChain.YEAR).equalTo(2021)),
              transform(col(CountryChain.DRAWS_KG), (x, i) -> when(i.equalTo(7), x.plus(1e-3)).otherwise(x)))
              .otherwise(col(CountryChain.DRAWS_KG)));
    }
    return HierarchyAudit.check(s, content(s.drivers()), countries, countries, aggregates);
  }

  @Test
  void tablesAsTheModelMadeThemPass() {
    assertThat(audit(settings(), 0, false)).isEmpty();
  }

  @Test
  void anAggregateThatIsNotTheSumOfItsCountriesFails() {
    List<String> problems = audit(settings(), 0, true);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("1 row(s) of aggregate_draws/country_draws")
        .contains("differ(s) from the sum of its countries").contains("world World gold 2021");
  }

  /**
   * Tables staged with every rate 0.1 higher than the settings say: the audit's rerun, 0.05
   * higher than the settings, gives less than staged wherever a rate counts: BBB and CCC in
   * 2020-2022 (6 rows), AAA in 2021 and 2022 (2; its recorded 2020 stays as recorded, and its
   * calibration is to its own rate, not the raised one), and S1, S2, R1, R2 and the world in each
   * year (15): 23 rows.
   */
  @Test
  void moreCollectionGivingLessMetalFails() {
    List<String> problems = audit(settings(), 0.1, false);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("23 row(s) of aggregate_draws/country_draws")
        .contains("get(s) less metal with every collection rate raised by 0.05");
  }
}
