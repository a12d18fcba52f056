package org.urbanmine.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;
import org.urbanmine.tables.TableSpec;

/**
 * The nightly command end to end, in this JVM's Spark session, on the project's sample data
 * (sample-data/recovery-records) and a temporary warehouse.
 */
class NightlyPipelineTest extends SparkTestBase {
  private static final String SAMPLE = Path.of("../sample-data/recovery-records").toAbsolutePath().normalize().toString();
  private static final List<TableSpec> TABLES = Command.NIGHTLY.outputs();

  @TempDir
  static Path warehouse;
  private static Settings settings;
  private static List<StageReport> firstRun;
  private static List<Path> stagingLeftByFirstRun;

  @BeforeAll
  static void runNightly() throws IOException {
    settings = settings("urbanmine.input.recovery-records=" + SAMPLE, "urbanmine.warehouse=" + warehouse);
    firstRun = UrbanMine.run(spark, Command.NIGHTLY, settings);
    try (Stream<Path> staged = Files.list(warehouse.resolve("_staging"))) {
      stagingLeftByFirstRun = staged.toList();
    }
  }

  private static Dataset<Row> table(TableSpec spec) {
    return spark.read().parquet(warehouse.resolve(spec.name()).toString());
  }

  /** Non-blank lines of every *.csv and *.jsonl, less one header per CSV file: counted without Spark. */
  private static long inputRowsCountedByHand() throws IOException {
    long rows = 0;
    try (Stream<Path> files = Files.list(Path.of(SAMPLE))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".jsonl")).toList()) {
        long lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
        rows += f.toString().endsWith(".csv") ? lines - 1 : lines;
      }
    }
    return rows;
  }

  @Test
  void everyInputRowIsAcceptedOrRejected() throws IOException {
    long input = inputRowsCountedByHand();
    long accepted = table(RecoveryRecordsTable.TABLE).count();
    long rejected = table(RejectedRecordsTable.TABLE).count();
    assertThat(accepted + rejected).isEqualTo(input);
    assertThat(firstRun.get(0).read().values()).containsExactly(input);
    // The 16 deliberately bad rows of zz-deliberately-bad-rows.{csv,jsonl}, one or more per code.
    assertThat(rejected).isEqualTo(16);
    assertThat(table(RejectedRecordsTable.TABLE).select("reason_code").distinct().as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactlyInAnyOrder(
        "malformed_row", "missing_field", "bad_year", "year_out_of_range", "unknown_country",
        "unknown_metal", "unknown_unit", "bad_amount", "duplicate", "conflicting_record_id");
  }

  @Test
  void japan2014AnchorFigures() {
    Map<String, Double> japan2014 = new TreeMap<>();
    table(RecoveryByCountryYearTable.TABLE).filter("country_code = 'JPN' AND year = 2014").collectAsList()
        .forEach(r -> japan2014.put(r.getString(r.fieldIndex("metal")), r.getDouble(r.fieldIndex("mass_kg"))));
    // gold 143 kg, silver "1,566" kg, copper "1,112" t = 1,112,000 kg; the duplicate and the
    // conflicting gold rows in the bad-rows file must not add to it.
    assertThat(japan2014).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "copper", 1_112_000.0, "gold", 143.0, "silver", 1566.0)));
  }

  @Test
  void london2012DemandAndJapanCoverage() {
    Map<String, Double> london = new TreeMap<>();
    table(MedalDemandTable.TABLE).filter("games = 'London 2012'").collectAsList()
        .forEach(r -> london.put(r.getString(r.fieldIndex("metal")), r.getDouble(r.fieldIndex("mass_kg"))));
    assertThat(london).containsExactlyEntriesOf(new TreeMap<>(Map.of("gold", 9.6, "silver", 1210.0, "copper", 700.0)));

    Map<String, Double> coverage = new TreeMap<>();
    table(MedalOutlookTable.TABLE)
        .filter("games = 'London 2012' AND scope_level = 'country' AND scope = 'JPN' AND year = 2014")
        .collectAsList()
        .forEach(r -> coverage.put(r.getString(r.fieldIndex("metal")), r.getDouble(r.fieldIndex("coverage_ratio"))));
    // 143 / 9.6 = 14.9; 1566 / 1210 = 1.294; 1,112,000 / 700 = 1,588.6 (facts.md: 14.9x, 1.29x, 1,589x)
    assertThat(coverage.get("gold")).isCloseTo(14.9, within(0.05));
    assertThat(coverage.get("silver")).isCloseTo(1.29, within(0.005));
    assertThat(coverage.get("copper")).isCloseTo(1589, within(0.5));
  }

  @Test
  void forecastsReachTheHorizonForEveryScope() {
    Dataset<Row> forecast = table(MetalForecastTable.TABLE);
    assertThat(forecast.filter(col("year").gt(2040)).count()).isZero();
    assertThat(forecast.filter(col("mass_kg").lt(0).or(col("lower_kg").lt(0))).count()).isZero();
    // World gold: 9 estimate countries 2011-2023 plus Japan in 2014 and 2017; forecast 2024..2040 linear.
    Dataset<Row> worldGold = forecast.filter("scope_level = 'world' AND metal = 'gold' AND is_forecast");
    assertThat(worldGold.count()).isEqualTo(2040 - 2023);
    assertThat(worldGold.filter("method = 'linear'").count()).isEqualTo(2040 - 2023);
    // Japan is forecast by the drivers model (the default method), calibrated to its 143 kg (2014)
    // and 245 kg (2017): collection, content and yields cancel in the factor, leaving the e-waste
    // ratio, 2.6 Mt (2022) x g^(t - 2022), g = 1.0356: 388 x g^18 / (g^-8 + g^-5) =
    // 388 x 1.876967 / (0.755899 + 0.839537) = 456.4668 kg; bounds equal it (nothing drawn).
    Row japan2040 = forecast.filter("scope = 'JPN' AND metal = 'gold' AND year = 2040").first();
    assertThat(japan2040.getString(japan2040.fieldIndex("method"))).isEqualTo("drivers");
    assertThat(japan2040.getDouble(japan2040.fieldIndex("mass_kg"))).isCloseTo(456.4668, within(1e-3));
    assertThat(japan2040.getDouble(japan2040.fieldIndex("upper_kg"))).isEqualTo(japan2040.getDouble(
        japan2040.fieldIndex("mass_kg")));
    // The United States has no records: forecast from 2022, its first e-waste year, with the
    // pooled factor (the geometric mean of the calibrated countries').
    assertThat(forecast.filter("scope = 'USA' AND metal = 'gold' AND method = 'drivers'")
        .agg(org.apache.spark.sql.functions.min("year")).first().getInt(0)).isEqualTo(2022);
  }

  /**
   * Austria has put-on-market data and recorded (estimated) gold 2011-2023: its drivers e-waste
   * is ewaste_generated summed over the 54 keys, kg / 1,000, and its forecast follows from it by
   * hand here: model = E x 0.223 x 340 g/t x 0.26 x 0.95 / 1,000 (the default chain), factor =
   * sum of recorded kg / sum of model kg over 2011-2023, 2030 = model(2030) x factor. Germany
   * has sales data and no records: forecast from 2016, its first year after the data (1995-2015),
   * with the pooled factor.
   */
  @Test
  void countriesWithSalesDataAreForecastFromTheirModelledEwaste() {
    table(EwasteGeneratedTable.TABLE).createOrReplaceTempView("generated_view");
    table(RecoveryByCountryYearTable.TABLE).createOrReplaceTempView("recorded_view");
    Row hand = spark.sql("WITH e AS (SELECT year, sum(ewaste_kg) / 1000 AS t FROM generated_view"
        + " WHERE country_code = 'AUT' GROUP BY year), m AS (SELECT year, t, t * 0.223 * 340 * 0.26 * 0.95 / 1000"
        + " AS model FROM e), r AS (SELECT year, mass_kg FROM recorded_view WHERE country_code = 'AUT'"
        + " AND metal = 'gold') SELECT (SELECT sum(r.mass_kg) / sum(m.model) FROM r JOIN m USING (year)),"
        + " (SELECT model FROM m WHERE year = 2030), (SELECT t FROM e WHERE year = 2020)").first();
    double factor = hand.getDouble(0);
    Dataset<Row> drivers = table(ForecastDriversTable.TABLE).filter("country_code = 'AUT' AND metal = 'gold'");
    assertThat(drivers.select("ewaste_basis").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("sales-lifespan");
    assertThat(drivers.agg(org.apache.spark.sql.functions.min("year"), org.apache.spark.sql.functions.max("year"))
        .first().toString()).isEqualTo("[2011,2040]");
    Row austria2020 = drivers.filter("year = 2020").first();
    assertThat(austria2020.<Double>getAs("ewaste_t")).isCloseTo(hand.getDouble(2), within(1e-6));
    assertThat(austria2020.<Double>getAs("calibration_factor")).isCloseTo(factor, within(factor * 1e-9));
    Row austria2030 = table(MetalForecastTable.TABLE).filter("scope = 'AUT' AND metal = 'gold' AND year = 2030").first();
    assertThat(austria2030.<String>getAs("method")).isEqualTo("drivers");
    assertThat(austria2030.<Double>getAs("mass_kg")).isCloseTo(hand.getDouble(1) * factor, within(1e-9));

    Dataset<Row> germany = table(ForecastDriversTable.TABLE).filter("country_code = 'DEU' AND metal = 'gold'");
    assertThat(germany.agg(org.apache.spark.sql.functions.min("year")).first().getInt(0)).isEqualTo(2016);
    assertThat(germany.select("calibration_basis", "ewaste_basis").distinct().collectAsList())
        .extracting(Row::toString).containsExactly("[pooled,sales-lifespan]");
  }

  @Test
  void tablesHaveTheDocumentedSchemasAndOnlyParquetUnderThem() throws IOException {
    for (TableSpec spec : TABLES) {
      assertThat(table(spec).schema().fieldNames()).as(spec.name()).containsExactly(spec.schema().fieldNames());
      Path dir = warehouse.resolve(spec.name()).toRealPath();
      try (Stream<Path> files = Files.walk(dir)) {
        List<String> names = files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString())
            .filter(n -> !n.startsWith(".") && !n.contains("/.")).toList();
        // Partitioned tables hold one directory per scenario; the nightly run wrote the baseline.
        List<String> expected = spec.isPartitioned()
            ? List.of("scenario=baseline", "scenario=baseline/part-00000.parquet", "scenario=baseline/_SUCCESS")
            : List.of("part-00000.parquet", "_SUCCESS");
        assertThat(names).as(spec.name()).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    assertThat(stagingLeftByFirstRun).as("a successful run removes its staging area").isEmpty();
  }

  @Test
  void aSecondRunOnTheSameInputGivesIdenticalTables(@TempDir Path other) {
    Settings again = settings("urbanmine.input.recovery-records=" + SAMPLE, "urbanmine.warehouse=" + other);
    UrbanMine.run(spark, Command.NIGHTLY, again);
    for (TableSpec spec : TABLES) {
      // Every value but the run-specific ones must be the same, row for row.
      Dataset<Row> first = table(spec).drop(RUN_SPECIFIC_COLUMNS);
      Dataset<Row> second = spark.read().parquet(other.resolve(spec.name()).toString()).drop(RUN_SPECIFIC_COLUMNS);
      assertThat(second.count()).as(spec.name()).isEqualTo(first.count());
      assertThat(first.exceptAll(second).count()).as(spec.name()).isZero();
      assertThat(second.exceptAll(first).count()).as(spec.name()).isZero();
    }
  }

  @Test
  void aFailedRunLeavesThePublishedTablesAsTheyWere() throws IOException {
    Map<String, Long> before = publishedFiles(warehouse);
    Settings strict = settings("urbanmine.input.recovery-records=" + SAMPLE, "urbanmine.warehouse=" + warehouse,
        "urbanmine.quality.max-rejected-share=0.01");
    // 16 / 490 = 3.3 % rejected > 1 %
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.NIGHTLY, strict))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("16 of 490 input rows rejected");
    assertThat(publishedFiles(warehouse)).isEqualTo(before);
    Row failed = table(RunHistory.TABLE).orderBy(col("started_at").desc()).first();
    assertThat(failed.getString(failed.fieldIndex("status"))).isEqualTo("failed");
    assertThat(failed.getString(failed.fieldIndex("message"))).contains("16 of 490 input rows rejected");
  }

  /** Each data table's files as a reader of {@code <warehouse>/<table>/} sees them: name to size and time. */
  private static Map<String, Long> publishedFiles(Path root) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    for (TableSpec spec : TABLES) {
      try (Stream<Path> files = Files.list(root.resolve(spec.name()))) {
        for (Path f : files.toList()) {
          sizes.put(spec.name() + "/" + f.getFileName(), Files.size(f) * 1_000_000_000L
              + Files.getLastModifiedTime(f).toMillis() % 1_000_000_000L);
        }
      }
    }
    return sizes;
  }
}
