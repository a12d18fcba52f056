package org.urbanmine.scenario;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.ScenarioComparisonTable.A_KG;
import static org.urbanmine.tables.ScenarioComparisonTable.B_KG;
import static org.urbanmine.tables.ScenarioComparisonTable.DIFFERENCE_KG;
import static org.urbanmine.tables.ScenarioComparisonTable.METAL;
import static org.urbanmine.tables.ScenarioComparisonTable.METHOD_A;
import static org.urbanmine.tables.ScenarioComparisonTable.METHOD_B;
import static org.urbanmine.tables.ScenarioComparisonTable.NOW_COVERED;
import static org.urbanmine.tables.ScenarioComparisonTable.NOW_SHORT;
import static org.urbanmine.tables.ScenarioComparisonTable.RELATIVE_DIFFERENCE;
import static org.urbanmine.tables.ScenarioComparisonTable.SCENARIO_A;
import static org.urbanmine.tables.ScenarioComparisonTable.SCENARIO_B;
import static org.urbanmine.tables.ScenarioComparisonTable.SCOPE;
import static org.urbanmine.tables.ScenarioComparisonTable.SCOPE_LEVEL;
import static org.urbanmine.tables.ScenarioComparisonTable.TABLE;
import static org.urbanmine.tables.ScenarioComparisonTable.WARNING;
import static org.urbanmine.tables.ScenarioComparisonTable.YEAR;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;

/**
 * {@code scenario_comparison}: two scenarios side by side, per scope, metal and year of either's
 * {@code metal_forecast} (a full outer join: a year only one scenario forecasts has nulls on the
 * other side), with the Games whose medals the scope's metal that year stops or starts covering
 * ({@code medal_outlook.coverage_ratio} crossing 1). Partitioned by the pair,
 * {@code scenario_a=A/scenario_b=B/}, so each comparison replaces only its own rows.
 */
public final class ScenarioComparison {

  private static final String RATIO_A = "ratio_a";
  private static final String RATIO_B = "ratio_b";

  private static final String[] GRAIN = {SCOPE_LEVEL, SCOPE, METAL, YEAR};

  private ScenarioComparison() {}

  /**
   * Scenario {@code a} against {@code b}.
   *
   * @param forecast {@code metal_forecast} rows with their {@code scenario} column, as published
   *     (other scenarios' rows are left out)
   * @param outlook {@code medal_outlook} rows with their {@code scenario} column, as published
   * @param warning why a and b were not computed alike ({@link ScenarioProvenance}); null when they were
   * @return the table's columns, in order
   */
  public static Dataset<Row> from(Dataset<Row> forecast, Dataset<Row> outlook, String a, String b,
      String warning) {
    Dataset<Row> sideA = forecastOf(forecast, a, A_KG, METHOD_A);
    Dataset<Row> sideB = forecastOf(forecast, b, B_KG, METHOD_B);
    Dataset<Row> both = sideA.join(sideB, GRAIN, "full")
        .withColumn(DIFFERENCE_KG, col(B_KG).minus(col(A_KG)))
        // Dividing by null, not by 0: null, whatever spark.sql.ansi.enabled says.
        .withColumn(RELATIVE_DIFFERENCE, col(DIFFERENCE_KG).divide(when(col(A_KG).notEqual(lit(0.0)), col(A_KG))));

    String[] perGames = {MedalOutlookTable.GAMES_ID, SCOPE_LEVEL, SCOPE, METAL, YEAR};
    Column covered = col(RATIO_A).lt(1).and(col(RATIO_B).geq(1));
    Column short_ = col(RATIO_A).geq(1).and(col(RATIO_B).lt(1));
    // Only Games on both sides can cross; a null ratio (no need to cover) crosses nothing.
    Dataset<Row> changes = coverageOf(outlook, a, RATIO_A).join(coverageOf(outlook, b, RATIO_B), perGames)
        .filter(covered.or(short_))
        .groupBy(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(YEAR))
        .agg(gamesWhere(covered).as(NOW_COVERED), gamesWhere(short_).as(NOW_SHORT));

    return TABLE.conform(both.join(changes, GRAIN, "left")
        .withColumn(WARNING, lit(warning))
        .withColumn(SCENARIO_A, lit(a))
        .withColumn(SCENARIO_B, lit(b)));
  }

  private static Dataset<Row> forecastOf(Dataset<Row> forecast, String scenario, String mass, String method) {
    return forecast.filter(col(MetalForecastTable.SCENARIO).equalTo(scenario))
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(YEAR),
            col(MetalForecastTable.MASS_KG).as(mass), col(MetalForecastTable.METHOD).as(method));
  }

  private static Dataset<Row> coverageOf(Dataset<Row> outlook, String scenario, String ratio) {
    return outlook.filter(col(MedalOutlookTable.SCENARIO).equalTo(scenario))
        .select(col(MedalOutlookTable.GAMES_ID), col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(YEAR),
            col(MedalOutlookTable.COVERAGE_RATIO).as(ratio));
  }

  /** The sorted, comma-separated games_ids of the group's rows meeting {@code condition}; null if none. */
  private static Column gamesWhere(Column condition) {
    Column ids = array_sort(collect_set(when(condition, col(MedalOutlookTable.GAMES_ID))));
    return when(size(ids).gt(0), array_join(ids, ","));
  }

  /**
   * Prints a comparison (one partition of the table) to standard output with Spark's
   * {@code show}: its warning, if any, the Games that change between short and covered (up to 50
   * rows), then the 20 largest differences, by size, in the last year both scenarios forecast.
   */
  public static void print(Dataset<Row> comparison, String a, String b) {
    System.out.println();
    List<Row> warning = comparison.filter(col(WARNING).isNotNull()).select(WARNING).limit(1).collectAsList();
    if (!warning.isEmpty()) {
      System.out.println("WARNING: " + warning.get(0).getString(0));
    }
    System.out.println("Games that change between short and covered, " + a + " -> " + b
        + " (now_covered: short under " + a + ", covered under " + b + "; now_short: the reverse):");
    Dataset<Row> changes = comparison.filter(col(NOW_COVERED).isNotNull().or(col(NOW_SHORT).isNotNull()))
        .orderBy(SCOPE_LEVEL, SCOPE, METAL, YEAR)
        .select(SCOPE, METAL, YEAR, NOW_COVERED, NOW_SHORT);
    if (changes.isEmpty()) {
      System.out.println("no Games changes between short and covered");
    } else {
      changes.show(50, false);
    }

    Row last = comparison.filter(col(A_KG).isNotNull().and(col(B_KG).isNotNull())).agg(max(col(YEAR))).first();
    if (last.isNullAt(0)) {
      System.out.println("no year that both " + a + " and " + b + " forecast");
      return;
    }
    int year = last.getInt(0);
    System.out.println("Largest differences in " + year + ", the last year both forecast (difference_kg = "
        + b + " - " + a + "):");
    comparison.filter(col(YEAR).equalTo(year))
        .orderBy(abs(col(DIFFERENCE_KG)).desc_nulls_last(), col(SCOPE_LEVEL), col(SCOPE), col(METAL))
        .select(SCOPE_LEVEL, SCOPE, METAL, A_KG, B_KG, DIFFERENCE_KG, RELATIVE_DIFFERENCE)
        .show(20, false);
  }
}
