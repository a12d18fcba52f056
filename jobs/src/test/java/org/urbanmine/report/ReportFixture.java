package org.urbanmine.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.medals.FirstCoveredYear;
import org.urbanmine.medals.MedalOutlook;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * A tiny warehouse for the report's tests, published through {@link Warehouse} (stage, then
 * publish) so it has the real layout: four countries, their regions, a sub-region and the world,
 * two metals, two Games, two scenarios.
 *
 * <p>Recorded (recovery_by_country_year), JPN in Asia and FRA in Europe:
 * <pre>
 *   JPN gold   2012 120,  2013 131.5, 2014 143      silver 2014 4,200
 *   FRA gold   2012 8.25, 2013 9,     2014 9.75     silver 2014 310
 * </pre>
 * Each goes on to {@value #HORIZON}, calibrated: a series with two or more recorded years in a
 * straight line through its first and last ones, with the interval
 * {@code kg x (1 -+ 0.08 x years ahead)}; a single year carried forward flat with no interval
 * (last_value). Two countries have no records: DEU (Europe, pooled) has gold
 * {@code 40 + 2 x (year - 2012)} from 2012 and silver 1,000 from 2014, BRA (Americas, estimated)
 * gold {@code 20 + (year - 2012)} and silver 800, both with the interval {@code kg x (1 -+ 0.25)}.
 * The high-collection scenario makes every modelled (not recorded) value 1.2 times baseline.
 *
 * <p>The world (4 countries), each region (Americas: BRA; Asia: JPN; Europe: FRA and DEU) and the
 * sub-region Eastern Asia (JPN; the report leaves sub-regions out) sum their countries year by
 * year; for brevity their bounds are the sums of the countries' bounds (the model takes
 * percentiles of summed draws; the report only shows what the table holds), none where a country
 * has none. recorded_share is the share of the kg from JPN and FRA. E.g. gold, baseline, 2020:
 * JPN 143 + 6 x 11.5 = 212 (110.24 .. 313.76), FRA 9.75 + 6 x 0.75 = 14.25 (7.41 .. 21.09),
 * DEU 56 (42 .. 70), BRA 28 (21 .. 35); Europe 70.25 (49.41 .. 91.09), share 14.25 / 70.25 =
 * 20.3 %; World 310.25 (180.65 .. 439.85), share 226.25 / 310.25 = 72.9 %.
 *
 * <p>Paris 2024 (host FRA) needs 10 kg gold and 1,200 kg silver; Rio 2016 (host BRA) 18 kg gold
 * and 1,500 kg silver. medal_outlook is made by {@link MedalOutlook#from} with all the metal
 * available (share 1) and percentiles p5 = 0.8, p50 = 1 and p95 = 1.2 times the kg, for every
 * scope; first_covered_year by {@link FirstCoveredYear#fromDraws} on 21 draws with those percentiles.
 */
final class ReportFixture {
  static final int HORIZON = 2020;
  static final String BASELINE = "baseline";
  static final String HIGH = "high-collection";
  static final String RUN_ID = "20261123T000000Z-fixture";
  static final String SUB_REGION = "Eastern Asia";
  static final String REGION = ReportData.REGION_LEVEL;
  /** The country with neither records nor a Games: no chart or table of the page shows it. */
  static final String UNSHOWN = "DEU";

  /** country, metal, year, kg. */
  static final Object[][] OBSERVED = {
      {"JPN", "gold", 2012, 120.0}, {"JPN", "gold", 2013, 131.5}, {"JPN", "gold", 2014, 143.0},
      {"FRA", "gold", 2012, 8.25}, {"FRA", "gold", 2013, 9.0}, {"FRA", "gold", 2014, 9.75},
      {"JPN", "silver", 2014, 4200.0}, {"FRA", "silver", 2014, 310.0},
  };

  /** A country without records: its region, basis, and per metal its first year, kg then and yearly growth. */
  private record Modelled(String country, String region, String basis, Map<String, double[]> series) {}

  private static final List<Modelled> MODELLED = List.of(
      new Modelled("DEU", "Europe", "pooled", Map.of("gold", new double[] {2012, 40, 2}, "silver",
          new double[] {2014, 1000, 0})),
      new Modelled("BRA", "Americas", "estimated", Map.of("gold", new double[] {2012, 20, 1}, "silver",
          new double[] {2014, 800, 0})));

  /** Each recorded country's region and sub-region. */
  private static final Map<String, List<String>> RECORDED_IN = Map.of(
      "JPN", List.of("Asia", SUB_REGION), "FRA", List.of("Europe", "Western Europe"));

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
        demand("Paris 2024", 2024, "FRA", "gold", 10.0), demand("Paris 2024", 2024, "FRA", "silver", 1200.0),
        demand("Rio 2016", 2016, "BRA", "gold", 18.0), demand("Rio 2016", 2016, "BRA", "silver", 1500.0)),
        MedalDemandTable.TABLE.fileSchema());
    Dataset<Row> available = forecast
        .withColumn(MedalOutlookTable.P5_AVAILABLE_KG, col(MetalForecastTable.MASS_KG).multiply(0.8))
        .withColumn(MedalOutlookTable.P50_AVAILABLE_KG, col(MetalForecastTable.MASS_KG))
        .withColumn(MedalOutlookTable.P95_AVAILABLE_KG, col(MetalForecastTable.MASS_KG).multiply(1.2));
    // Collected once and staged from memory: the join and aggregation run once, not once per write.
    Dataset<Row> outlook = local(spark, MedalOutlookTable.TABLE.conformFile(
        MedalOutlook.from(available, demand, 1.0, "fixture: all the metal")));
    warehouse.stage(MetalForecastTable.TABLE, forecast);
    warehouse.stage(MedalDemandTable.TABLE, demand);
    warehouse.stage(MedalOutlookTable.TABLE, outlook);
    List<FirstCoveredYear.Need> needs = demand.collectAsList().stream()
        .map(r -> new FirstCoveredYear.Need(r.getString(10), r.getString(0), r.getInt(1), r.getString(4), r.getDouble(12)))
        .toList();
    // 21 draws per row, kg x (0.8 + (i - 1) / 45): Spark's percentiles at positions 1, 10 and 19 are
    // 0.8, 1 and 1.2 times the kg, the fixture's p5_kg, p50_kg and p95_kg.
    Dataset<Row> draws = forecast.withColumn(CountryDrawsTable.DRAWS_KG,
        expr("transform(sequence(0, 20), i -> mass_kg * (0.8 + (i - 1) / 45.0))"));
    warehouse.stage(FirstCoveredYearTable.TABLE, FirstCoveredYear.fromDraws(draws, needs, null, 1.0));
    return List.of(MetalForecastTable.TABLE, MedalDemandTable.TABLE, MedalOutlookTable.TABLE, FirstCoveredYearTable.TABLE);
  }

  private static Row demand(String games, int year, String host, String metal, double kg) {
    return RowFactory.create(games, year, host, "summer", metal, 5000, kg, "published", false, "fixture",
        games.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), 1.0, kg, "fixture: the metal in the medals");
  }

  private static Dataset<Row> local(SparkSession spark, Dataset<Row> rows) {
    return spark.createDataFrame(rows.collectAsList(), rows.schema());
  }

  static Dataset<Row> recovery(SparkSession spark) {
    List<Row> rows = Stream.of(OBSERVED)
        .map(o -> RowFactory.create(o[0], o[2], o[1], o[3], 1L, "fixture", 1L, "recorded", "whole-stream")).toList();
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

  /** A country's or an aggregate's value in a year, as metal_forecast holds it. */
  private record Value(double kg, Double lower, Double upper, String method, boolean forecast, String basis,
      double recordedKg) {}

  /**
   * metal_forecast's file rows, as the class comment says: the countries, then the world, the
   * regions and the sub-region summed from them.
   */
  static List<Row> forecastRows(double factor) {
    // scope level, scope, metal -> year -> value
    Map<List<String>, Map<Integer, Value>> countries = new LinkedHashMap<>();
    Map<String, Map<Integer, Double>> recorded = new LinkedHashMap<>();
    for (Object[] o : OBSERVED) {
      recorded.computeIfAbsent(o[0] + "|" + o[1], k -> new TreeMap<>()).put((Integer) o[2], (Double) o[3]);
    }
    recorded.forEach((key, observed) -> {
      String[] countryMetal = key.split("\\|");
      Map<Integer, Value> series = new TreeMap<>();
      observed.forEach((year, kg) -> series.put(year,
          new Value(kg, kg, kg, MetalForecastTable.OBSERVED, false, "recorded", kg)));
      int first = observed.keySet().stream().min(Integer::compare).orElseThrow();
      int last = observed.keySet().stream().max(Integer::compare).orElseThrow();
      double slope = last == first ? 0 : (observed.get(last) - observed.get(first)) / (last - first);
      for (int year = last + 1; year <= HORIZON; year++) {
        double kg = factor * (observed.get(last) + slope * (year - last));
        int ahead = year - last;
        series.put(year, last == first
            ? new Value(kg, null, null, MetalForecastTable.LAST_VALUE, true, "calibrated", kg)
            : new Value(kg, kg * (1 - 0.08 * ahead), kg * (1 + 0.08 * ahead), "drivers", true, "calibrated", kg));
      }
      countries.put(List.of(countryMetal[0], countryMetal[1]), series);
    });
    for (Modelled m : MODELLED) {
      m.series().forEach((metal, rule) -> {
        Map<Integer, Value> series = new TreeMap<>();
        for (int year = (int) rule[0]; year <= HORIZON; year++) {
          double kg = factor * (rule[1] + rule[2] * (year - rule[0]));
          series.put(year, new Value(kg, kg * 0.75, kg * 1.25, "drivers", true, m.basis(), 0));
        }
        countries.put(List.of(m.country(), metal), series);
      });
    }

    // Each country's scopes: itself, the world, its region and (JPN) the sub-region.
    Map<List<String>, List<Map<Integer, Value>>> members = new LinkedHashMap<>();
    List<Row> rows = new ArrayList<>();
    countries.forEach((countryMetal, series) -> {
      String country = countryMetal.get(0);
      String metal = countryMetal.get(1);
      series.forEach((year, v) -> rows.add(row(MetalForecastTable.COUNTRY_LEVEL, country, metal, year, v, 1,
          v.recordedKg() > 0 ? 1.0 : 0.0)));
      String region = RECORDED_IN.containsKey(country) ? RECORDED_IN.get(country).get(0)
          : MODELLED.stream().filter(m -> m.country().equals(country)).findFirst().orElseThrow().region();
      members.computeIfAbsent(List.of(RecoveryByRegionYearTable.WORLD, RecoveryByRegionYearTable.WORLD_SCOPE, metal),
          k -> new ArrayList<>()).add(series);
      members.computeIfAbsent(List.of(REGION, region, metal), k -> new ArrayList<>()).add(series);
      if (RECORDED_IN.containsKey(country) && RECORDED_IN.get(country).get(1).equals(SUB_REGION)) {
        members.computeIfAbsent(List.of(RecoveryByRegionYearTable.SUB_REGION, SUB_REGION, metal),
            k -> new ArrayList<>()).add(series);
      }
    });
    members.forEach((scope, parts) -> {
      Map<Integer, List<Value>> byYear = new TreeMap<>();
      parts.forEach(series -> series.forEach((year, v) -> byYear.computeIfAbsent(year, y -> new ArrayList<>()).add(v)));
      byYear.forEach((year, values) -> {
        double kg = values.stream().mapToDouble(Value::kg).sum();
        boolean bounded = values.stream().allMatch(v -> v.lower() != null);
        Value sum = new Value(kg, bounded ? values.stream().mapToDouble(Value::lower).sum() : null,
            bounded ? values.stream().mapToDouble(Value::upper).sum() : null, MetalForecastTable.SUM_OF_COUNTRIES,
            values.stream().anyMatch(Value::forecast), null, values.stream().mapToDouble(Value::recordedKg).sum());
        rows.add(row(scope.get(0), scope.get(1), scope.get(2), year, sum, parts.size(),
            kg > 0 ? sum.recordedKg() / kg : null));
      });
    });
    return rows;
  }

  private static Row row(String level, String scope, String metal, int year, Value v, int countries,
      Double recordedShare) {
    return RowFactory.create(level, scope, metal, year, v.kg(), v.lower(), v.upper(), v.method(), v.forecast(),
        v.basis(), Math.min(year, 2014), countries, recordedShare, 0.8 * v.kg(), v.kg(), 1.2 * v.kg());
  }
}
