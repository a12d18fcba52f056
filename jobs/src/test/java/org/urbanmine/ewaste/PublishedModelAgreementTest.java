package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;

/**
 * The ewaste stage at method version 1.1 on the published Waste over Time model's own input
 * (its {@code UNU_countries.csv} at commit cc45775) against that commit's published output
 * ({@code tbl_WEEE.csv}), both copied unchanged in this class's resources with their MIT licence.
 * One model run serves every check. Nothing of the model is fitted to {@code tbl_WEEE.csv}: the
 * lifespans are this project's (UNITAR 2023), not the model's own (never published), which is
 * where the remaining gaps come from (docs/model.md lists them by country and key).
 *
 * <p>The limits are issue 21's: every EU-28 country within 15 % of the published e-waste in
 * every year 2010-2015, the EU-28 total within 5 %, and each of the ten keys with the most
 * published mass (EU-28, 2010-2015) within 25 % in every one of those years.
 */
class PublishedModelAgreementTest extends SparkTestBase {
  private static final String DATA = Path.of("src/test/resources/PublishedModelAgreementTest").toAbsolutePath()
      .toString();

  @TempDir
  static Path warehouse;

  @BeforeAll
  static void runTheModelOnItsOwnInput() {
    UrbanMine.run(spark, Command.EWASTE, settings("urbanmine.warehouse=" + warehouse,
        "urbanmine.ewaste.put-on-market=\"" + DATA + "/UNU_countries.csv\"", "urbanmine.ewaste.method-version=1.1",
        // The published output's own years (1980-2031). Beyond, method 1.1's 2 % a year (held
        // after 2024) would take the United Kingdom above 35 kg of e-waste per person from 2035,
        // which the audit rejects (docs/model.md).
        "urbanmine.forecast.horizon=2031"));
    spark.read().parquet(warehouse.resolve("ewaste_generated").toString()).createOrReplaceTempView("ours");
    spark.read().option("header", "true").csv(DATA + "/tbl_WEEE.csv")
        .selectExpr("UNU_Key AS unu_key", "Country AS country_code", "CAST(Year AS INT) AS year",
            "CAST(WEEE_t AS DOUBLE) * 1000 AS published_kg")
        .filter("year BETWEEN 2010 AND 2015").createOrReplaceTempView("published");
    spark.sql("SELECT p.*, coalesce(o.ewaste_kg, 0) AS ours_kg FROM published p LEFT JOIN ours o"
        + " ON o.country_code = p.country_code AND o.unu_key = p.unu_key AND o.year = p.year")
        .createOrReplaceTempView("pairs");
    // The whole comparison in the test's output, as docs/model.md shows it.
    spark.sql("SELECT country_code, " + java.util.stream.IntStream.rangeClosed(2010, 2015)
        .mapToObj(y -> "round(sum(CASE WHEN year = " + y + " THEN ours_kg END) / sum(CASE WHEN year = " + y
            + " THEN published_kg END), 3) AS r" + y).collect(java.util.stream.Collectors.joining(", "))
        + " FROM pairs GROUP BY ROLLUP(country_code) ORDER BY country_code NULLS LAST").show(30, false);
  }

  /** {@code (scope, year, ours / published)} rows of {@code sql}, scope first. */
  private static List<Row> ratios(String sql) {
    return spark.sql(sql).collectAsList();
  }

  @Test
  void everyCountryWithinFifteenPercentEveryYear() {
    List<Row> rows = ratios("SELECT country_code, year, sum(ours_kg) / sum(published_kg) FROM pairs"
        + " GROUP BY country_code, year ORDER BY country_code, year");
    // 28 countries x 6 years.
    assertThat(rows).hasSize(168);
    assertThat(rows).filteredOn(r -> Math.abs(r.getDouble(2) - 1) > 0.15)
        .as("country-years more than 15 %% from the published e-waste").isEmpty();
  }

  @Test
  void theEu28TotalWithinFivePercentEveryYear() {
    List<Row> rows = ratios("SELECT 'EU-28', year, sum(ours_kg) / sum(published_kg) FROM pairs GROUP BY year"
        + " ORDER BY year");
    assertThat(rows).hasSize(6);
    assertThat(rows).filteredOn(r -> Math.abs(r.getDouble(2) - 1) > 0.05).as("EU-28 years more than 5 %% off").isEmpty();
  }

  @Test
  void theTenHeaviestKeysWithinTwentyFivePercentEveryYear() {
    List<Row> rows = ratios("WITH top AS (SELECT unu_key FROM pairs GROUP BY unu_key"
        + " ORDER BY sum(published_kg) DESC LIMIT 10)"
        + " SELECT unu_key, year, sum(ours_kg) / sum(published_kg) FROM pairs WHERE unu_key IN (SELECT unu_key FROM top)"
        + " GROUP BY unu_key, year ORDER BY unu_key, year");
    assertThat(rows).hasSize(60);
    assertThat(rows).filteredOn(r -> Math.abs(r.getDouble(2) - 1) > 0.25).as("key-years more than 25 %% off").isEmpty();
  }
}
