package org.urbanmine.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.medals.FirstCoveredYear;
import org.urbanmine.medals.MedalOutlook;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * A tiny warehouse for the report's tests, published through {@link Warehouse} (stage, then
 * publish) so it has the real layout: two countries, two metals, one Games, two scenarios.
 *
 * <p>Observed (recovery_by_country_year):
 * <pre>
 *   JPN gold   2012 120,  2013 131.5, 2014 143      silver 2014 4,200
 *   FRA gold   2012 8.25, 2013 9,     2014 9.75     silver 2014 310
 * </pre>
 * metal_forecast has the world (the two countries' sum), each country and one sub-region
 * (which the report leaves out), observed 2012-2014 and forecast 2015-{@value #HORIZON}. A series
 * with two or more observed years goes on in a straight line through its first and last ones,
 * with the interval {@code mass x (1 -+ 0.08 x years ahead)}; a single year is carried forward
 * flat with no interval (last_value). The high-collection scenario forecasts 1.2 times baseline.
 * World gold, baseline: 128.25, 140.5, 152.75 observed, so 12.25 a year: 2020 is
 * 152.75 + 6 x 12.25 = 226.25, interval 226.25 x (1 -+ 0.48) = 117.65 .. 334.85.
 *
 * <p>Paris 2024 (host FRA) needs 10 kg gold and 1,200 kg silver. medal_outlook is made by
 * {@link MedalOutlook#from} with all the metal available (share 1) and percentiles p5 = 0.8,
 * p50 = 1 and p95 = 1.2 times the forecast; first_covered_year by {@link FirstCoveredYear#from}.
 */
final class ReportFixture {
  static final int HORIZON = 2020;
  static final String BASELINE = "baseline";
  static final String HIGH = "high-collection";
  static final String RUN_ID = "20261123T000000Z-fixture";
  static final String SUB_REGION = "Eastern Asia";

  /** country, metal, year, kg. */
  static final Object[][] OBSERVED = {
      {"JPN", "gold", 2012, 120.0}, {"JPN", "gold", 2013, 131.5}, {"JPN", "gold", 2014, 143.0},
      {"FRA", "gold", 2012, 8.25}, {"FRA", "gold", 2013, 9.0}, {"FRA", "gold", 2014, 9.75},
      {"JPN", "silver", 2014, 4200.0}, {"FRA", "silver", 2014, 310.0},
  };

  private static Path root;

  private ReportFixture() {}

  /** The published warehouse, built once per test JVM under target/. */
  static synchronized Path warehouse(SparkSession spark) {
    if (root == null) {
      Path dir = Path.of("target", "report-fixture-warehouse").toAbsolutePath();
      delete(dir);
      publish(spark, dir);
      root = dir;
    }
    return root;
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void publish(SparkSession spark, Path dir) {
    Warehouse baseline = new Warehouse(spark, dir.toString(), "run-1", Map.of(TableSpec.SCENARIO, BASELINE));
    baseline.stage(RecoveryByCountryYearTable.TABLE, recovery(spark));
    baseline.stage(RunHistory.TABLE, runs(spark));
    List<TableSpec> tables = new ArrayList<>(List.of(RecoveryByCountryYearTable.TABLE, RunHistory.TABLE));
    tables.addAll(stageScenario(spark, baseline, 1.0));
    baseline.publish(tables, 2);
    baseline.discardStaging();

    Warehouse high = new Warehouse(spark, dir.toString(), "run-2", Map.of(TableSpec.SCENARIO, HIGH));
    high.publish(stageScenario(spark, high, 1.2), 2);
    high.discardStaging();
  }

  /** Stages the scenario's partitions of the partitioned tables; returns those tables. */
  private static List<TableSpec> stageScenario(SparkSession spark, Warehouse warehouse, double factor) {
    Dataset<Row> forecast = spark.createDataFrame(forecastRows(factor), MetalForecastTable.TABLE.fileSchema());
    Dataset<Row> demand = spark.createDataFrame(List.of(
        RowFactory.create("Paris 2024", 2024, "FRA", "summer", "gold", 5084, 10.0, "published", false, "fixture",
            "paris-2024"),
        RowFactory.create("Paris 2024", 2024, "FRA", "summer", "silver", 5084, 1200.0, "published", false, "fixture",
            "paris-2024")), MedalDemandTable.TABLE.fileSchema());
    Dataset<Row> available = forecast
        .withColumn(MedalOutlookTable.P5_AVAILABLE_KG, col(MetalForecastTable.MASS_KG).multiply(0.8))
        .withColumn(MedalOutlookTable.P50_AVAILABLE_KG, col(MetalForecastTable.MASS_KG))
        .withColumn(MedalOutlookTable.P95_AVAILABLE_KG, col(MetalForecastTable.MASS_KG).multiply(1.2));
    // Collected once and staged from memory: the join and aggregation run once, not once per write.
    Dataset<Row> outlook = local(spark, MedalOutlookTable.TABLE.conformFile(MedalOutlook.from(available, demand, 1.0)));
    warehouse.stage(MetalForecastTable.TABLE, forecast);
    warehouse.stage(MedalDemandTable.TABLE, demand);
    warehouse.stage(MedalOutlookTable.TABLE, outlook);
    warehouse.stage(FirstCoveredYearTable.TABLE, FirstCoveredYear.from(outlook));
    return List.of(MetalForecastTable.TABLE, MedalDemandTable.TABLE, MedalOutlookTable.TABLE, FirstCoveredYearTable.TABLE);
  }

  private static Dataset<Row> local(SparkSession spark, Dataset<Row> rows) {
    return spark.createDataFrame(rows.collectAsList(), rows.schema());
  }

  static Dataset<Row> recovery(SparkSession spark) {
    List<Row> rows = Stream.of(OBSERVED)
        .map(o -> RowFactory.create(o[0], o[2], o[1], o[3], 1L, "fixture", 1L)).toList();
    return spark.createDataFrame(rows, RecoveryByCountryYearTable.TABLE.schema());
  }

  private static Dataset<Row> runs(SparkSession spark) {
    Timestamp started = Timestamp.from(Instant.parse("2026-11-23T00:00:00Z"));
    Timestamp finished = Timestamp.from(Instant.parse("2026-11-23T00:01:30Z"));
    Row older = RowFactory.create("20261122T000000Z-older", "nightly", BASELINE, Timestamp.from(
        Instant.parse("2026-11-22T00:00:00Z")), started, RunHistory.SUCCEEDED, "abc", "[]", "{}", 0L, "{}", "0.1.0", null);
    Row newest = RowFactory.create(RUN_ID, "nightly", BASELINE, started, finished, RunHistory.SUCCEEDED, "abc", "[]",
        "{}", 0L, "{}", "0.1.0", null);
    return spark.createDataFrame(List.of(older, newest), RunHistory.TABLE.schema());
  }

  /** metal_forecast's file rows: observed years, then the forecast as the class comment says. */
  static List<Row> forecastRows(double factor) {
    Map<List<String>, Map<Integer, Double>> series = new LinkedHashMap<>();
    for (Object[] o : OBSERVED) {
      String country = (String) o[0];
      String metal = (String) o[1];
      for (List<String> scope : List.of(List.of(MetalForecastTable.COUNTRY_LEVEL, country, metal),
          List.of(RecoveryByRegionYearTable.WORLD, RecoveryByRegionYearTable.WORLD_SCOPE, metal),
          List.of(RecoveryByRegionYearTable.SUB_REGION, SUB_REGION, metal))) {
        if (!scope.get(0).equals(RecoveryByRegionYearTable.SUB_REGION) || country.equals("JPN")) {
          series.computeIfAbsent(scope, k -> new java.util.TreeMap<>()).merge((Integer) o[2], (Double) o[3], Double::sum);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    series.forEach((scope, observed) -> {
      observed.forEach((year, kg) -> rows.add(RowFactory.create(scope.get(0), scope.get(1), scope.get(2), year, kg, kg,
          kg, MetalForecastTable.OBSERVED, false)));
      int first = observed.keySet().stream().min(Integer::compare).orElseThrow();
      int last = observed.keySet().stream().max(Integer::compare).orElseThrow();
      double slope = last == first ? 0 : (observed.get(last) - observed.get(first)) / (last - first);
      for (int year = last + 1; year <= HORIZON; year++) {
        double kg = factor * (observed.get(last) + slope * (year - last));
        int ahead = year - last;
        rows.add(last == first
            ? RowFactory.create(scope.get(0), scope.get(1), scope.get(2), year, kg, null, null,
                MetalForecastTable.LAST_VALUE, true)
            : RowFactory.create(scope.get(0), scope.get(1), scope.get(2), year, kg, kg * (1 - 0.08 * ahead),
                kg * (1 + 0.08 * ahead), MetalForecastTable.LINEAR, true));
      }
    });
    return rows;
  }
}
