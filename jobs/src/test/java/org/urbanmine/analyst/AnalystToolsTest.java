package org.urbanmine.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.pipeline.ScenarioTestBase;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.TableStore;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.report.ReportJob;
import org.urbanmine.tables.TableSpec;

/**
 * The analysts' side of the warehouse, on one warehouse with every table published: a nightly
 * run of the baseline and of a scenario ({@code half-share}, which halves the metal available for
 * medals) on the small ingest fixture, and their comparison. DuckDB (its JDBC driver, the same
 * engine as its Python and CLI) reads every table with no options and must agree with Spark.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystToolsTest extends SparkTestBase {
  /** Every table: nightly writes them all (compare writes scenario_comparison). */
  private static final List<TableSpec> TABLES = Command.publishedTables();

  // Static: built once for the class (instance @TempDir fields are new for each test).
  @TempDir
  static Path warehouse;
  @TempDir
  static Path home;

  private Warehouse wh;
  private Connection duckdb;

  @BeforeAll
  void publishEveryTable() throws Exception {
    ScenarioTestBase.scenario(home, "half-share", "urbanmine.medals.available-share = 0.5\n");
    UrbanMine.run(spark, Command.NIGHTLY, ScenarioTestBase.load(warehouse, home, null));
    // The scenario's own stages: it shares the baseline's ingested and aggregated tables.
    UrbanMine.run(spark, Command.FORECAST, ScenarioTestBase.load(warehouse, home, "half-share"));
    UrbanMine.run(spark, Command.OUTLOOK, ScenarioTestBase.load(warehouse, home, "half-share"));
    UrbanMine.run(spark, Command.COMPARE, ScenarioTestBase.load(warehouse, home, null), false,
        List.of("baseline", "half-share"));
    wh = new Warehouse(spark, warehouse.toString(), "test");
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  void closeDuckDb() throws SQLException {
    duckdb.close();
  }

  private List<List<Object>> duck(String sql) throws SQLException {
    try (Statement st = duckdb.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The glob an analyst gives DuckDB or pandas: every Parquet file under the table's directory. */
  private String files(TableSpec table) {
    return "read_parquet('" + warehouse.resolve(table.name()) + "/**/*.parquet')";
  }

  private static String duckType(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "VARCHAR";
    }
    if (type.equals(DataTypes.IntegerType)) {
      return "INTEGER";
    }
    if (type.equals(DataTypes.LongType)) {
      return "BIGINT";
    }
    if (type.equals(DataTypes.DoubleType)) {
      return "DOUBLE";
    }
    if (type.equals(DataTypes.BooleanType)) {
      return "BOOLEAN";
    }
    if (type.equals(DataTypes.TimestampType)) {
      return "TIMESTAMP WITH TIME ZONE";
    }
    if (type.equals(DataTypes.createArrayType(DataTypes.DoubleType))) {
      return "DOUBLE[]";
    }
    throw new AssertionError("an analyst table has a column of type " + type);
  }

  @Test
  void duckDbReadsEveryTableWithTheSameColumnsRowsAndTotalsAsSpark() throws SQLException {
    for (TableSpec table : TABLES) {
      Dataset<Row> spark = wh.readPublished(table);
      // Columns in the contract's order and types, the partition columns (Hive-style) last.
      List<String> columns = new ArrayList<>();
      for (List<Object> row : duck("DESCRIBE SELECT * FROM " + files(table))) {
        columns.add(row.get(0) + " " + row.get(1));
      }
      List<String> expected = new ArrayList<>();
      for (StructField f : table.schema().fields()) {
        expected.add(f.name() + " " + duckType(f.dataType()));
      }
      assertThat(columns).as(table.name()).containsExactlyElementsOf(expected);

      long rows = spark.count();
      // Every table has rows but forecast_evaluation (no fixture series is long enough to backtest)
      // and channel_calibration (the fixture's records hold no channel's).
      assertThat(rows > 0).as(table.name() + " has rows")
          .isEqualTo(!table.equals(org.urbanmine.tables.ForecastEvaluationTable.TABLE)
              && !table.equals(org.urbanmine.tables.ChannelCalibrationTable.TABLE));
      assertThat(((Number) duck("SELECT count(*) FROM " + files(table)).get(0).get(0)).longValue())
          .as(table.name()).isEqualTo(rows);
      for (StructField f : table.schema().fields()) {
        if (f.dataType().equals(DataTypes.DoubleType)) {
          Row total = spark.agg(org.apache.spark.sql.functions.sum(f.name())).first();
          Object duckTotal = duck("SELECT sum(" + f.name() + ") FROM " + files(table)).get(0).get(0);
          if (total.isNullAt(0)) {
            assertThat(duckTotal).as(table.name() + "." + f.name()).isNull();
          } else {
            // Summed in another order: equal to the last few bits.
            double s = total.getDouble(0);
            assertThat(((Number) duckTotal).doubleValue()).as(table.name() + "." + f.name())
                .isCloseTo(s, within(Math.abs(s) * 1e-12 + 1e-12));
          }
        }
        if (f.dataType().equals(DataTypes.createArrayType(DataTypes.DoubleType))) {
          // Draws: the same arrays, element by element, checked by their sum over every element.
          double s = spark.selectExpr("aggregate(" + f.name() + ", 0D, (a, x) -> a + x) AS t")
              .agg(org.apache.spark.sql.functions.sum("t")).first().getDouble(0);
          Object duckTotal = duck("SELECT sum(list_sum(" + f.name() + ")) FROM " + files(table)).get(0).get(0);
          assertThat(((Number) duckTotal).doubleValue()).as(table.name() + "." + f.name())
              .isCloseTo(s, within(Math.abs(s) * 1e-12 + 1e-12));
        }
      }
      for (String column : table.partitionColumns()) {
        Map<String, Long> bySpark = new HashMap<>();
        spark.groupBy(column).count().collectAsList().forEach(r -> bySpark.put(r.getString(0), r.getLong(1)));
        Map<String, Long> byDuck = new HashMap<>();
        for (List<Object> r : duck("SELECT " + column + ", count(*) FROM " + files(table) + " GROUP BY 1")) {
          byDuck.put((String) r.get(0), ((Number) r.get(1)).longValue());
        }
        assertThat(byDuck).as(table.name() + " by " + column).isEqualTo(bySpark);
        assertThat(byDuck.isEmpty()).as(table.name() + " by " + column + " is empty").isEqualTo(rows == 0);
      }
    }
    // The two scenarios, each its own partition.
    assertThat(duck("SELECT DISTINCT scenario FROM " + files(org.urbanmine.tables.MetalForecastTable.TABLE)
        + " ORDER BY 1")).containsExactly(List.of("baseline"), List.of("half-share"));
  }

  private static List<Path> parquetFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir.toRealPath())) {
      return walk.filter(p -> TableStore.isDataFile(p.getFileName().toString())).sorted().toList();
    }
  }

  @Test
  void filesAreOnePerPartitionZstdSortedByTheKeyAndDocumentTheirColumns() throws Exception {
    for (TableSpec table : TABLES) {
      Path dir = warehouse.resolve(table.name());
      List<Path> files = parquetFiles(dir);
      int partitions = Math.max(1, wh.publishedPartitions(table).size());
      assertThat(files).as(table.name()).hasSize(partitions);
      for (Path file : files) {
        String f = "'" + file + "'";
        long rows = spark.read().parquet(file.toString()).count();
        // An empty file has no column chunks to compress.
        assertThat(duck("SELECT DISTINCT compression FROM parquet_metadata(" + f + ")"))
            .as(file.toString()).isEqualTo(rows == 0 ? List.of() : List.of(List.of("ZSTD")));

        // The footer carries each column's meaning and unit, exactly as TableSpec declares them.
        List<List<Object>> kv = duck("SELECT decode(value) FROM parquet_kv_metadata(" + f
            + ") WHERE decode(key) = 'org.apache.spark.sql.parquet.row.metadata'");
        StructType footer = (StructType) DataType.fromJson((String) kv.get(0).get(0));
        assertThat(footer.fieldNames()).containsExactly(table.fileSchema().fieldNames());
        for (StructField declared : table.fileSchema().fields()) {
          StructField written = footer.apply(declared.name());
          assertThat(TableSpec.meaningOf(written)).as(declared.name()).isEqualTo(TableSpec.meaningOf(declared))
              .isNotEmpty();
          assertThat(TableSpec.unitOf(written)).as(declared.name()).isEqualTo(TableSpec.unitOf(declared));
        }

        // Rows in the order of the sort columns, read back in file order (one small file: one task).
        List<String> sort = table.fileSortColumns();
        List<Row> keys = spark.read().parquet(file.toString())
            .select(sort.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
            .collectAsList();
        for (int i = 1; i < keys.size(); i++) {
          assertThat(compare(keys.get(i - 1), keys.get(i))).as(file + " row " + i + " by " + sort).isNegative();
        }
      }
    }
    // Units follow the names, and the few that do not are declared.
    assertThat(TableSpec.unitOf(org.urbanmine.tables.MedalOutlookTable.TABLE.schema().apply("available_kg"))).isEqualTo("kg");
    assertThat(TableSpec.unitOf(org.urbanmine.tables.ForecastEvaluationTable.TABLE.schema().apply("smape")))
        .isEqualTo("percent");
    assertThat(TableSpec.unitOf(org.urbanmine.tables.ForecastDriversTable.TABLE.schema().apply("content_g_per_t")))
        .isEqualTo("g/t");
    assertThat(TableSpec.unitOf(org.urbanmine.tables.MedalOutlookTable.TABLE.schema().apply("games"))).isEmpty();
  }

  /** Spark's ascending order: nulls first, then by value; the key makes rows distinct. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Row a, Row b) {
    for (int i = 0; i < a.size(); i++) {
      if (a.isNullAt(i) || b.isNullAt(i)) {
        int c = Boolean.compare(!a.isNullAt(i), !b.isNullAt(i));
        if (c != 0) {
          return c;
        }
        continue;
      }
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Test
  void tablesListsRowsPartitionsAndTheRunThatPublishedEach() {
    List<TableListing.Entry> entries = TableListing.list(wh, TABLES);
    assertThat(entries).extracting(TableListing.Entry::table)
        .containsExactlyElementsOf(TABLES.stream().map(TableSpec::name).toList());
    // The last run that published a table is the latest succeeded run that wrote rows to it.
    List<Row> runs = spark.read().parquet(warehouse.resolve("runs").toString())
        .filter("status = 'succeeded'").orderBy("started_at").collectAsList();
    for (TableListing.Entry entry : entries) {
      TableSpec table = Command.table(entry.table());
      assertThat(entry.rows()).as(entry.table()).isEqualTo(wh.readPublished(table).count());
      String writer = null;
      for (Row run : runs) {
        if (run.<String>getAs(RunHistory.TABLE_ROWS).contains("\"" + entry.table() + "\"")) {
          writer = run.getAs(RunHistory.RUN_ID);
        }
      }
      if (table.equals(RunHistory.TABLE)) {
        // The history publishes itself after each run: the compare run's entry is its last.
        writer = runs.get(runs.size() - 1).getAs(RunHistory.RUN_ID);
      }
      assertThat(entry.lastRun()).as(entry.table()).isEqualTo(Optional.of(writer));
    }
    Map<String, List<String>> partitions = new HashMap<>();
    entries.forEach(e -> partitions.put(e.table(), e.partitions()));
    assertThat(partitions.get("metal_forecast")).containsExactly("scenario=baseline", "scenario=half-share");
    assertThat(partitions.get("scenario_comparison")).containsExactly("scenario_a=baseline/scenario_b=half-share");
    assertThat(partitions.get("recovery_records")).isEmpty();

    String printed = TableListing.format(entries);
    assertThat(printed.lines().findFirst().orElseThrow()).matches("table +rows +partitions +last run");
    assertThat(printed).containsPattern("\\nmetal_forecast +" + entries.get(TABLES.indexOf(
        org.urbanmine.tables.MetalForecastTable.TABLE)).rows() + "  scenario=baseline, scenario=half-share  ");

    // An empty warehouse: every table listed, none published.
    Warehouse empty = new Warehouse(spark, home.resolve("empty").toString(), "test");
    assertThat(TableListing.format(TableListing.list(empty, TABLES)))
        .contains("recovery_records").contains("not published").doesNotContainPattern("\\d");
  }

  /** The fixture's gold by country: Germany 1.5 kg (2016), Japan 143 (2014), Korea 1,000 troy oz (2015). */
  private static final String GOLD =
      "SELECT country_code, year, mass_kg FROM recovery_by_country_year WHERE metal = 'gold' ORDER BY country_code";

  private String printed(String sql, String format) {
    SqlQuery.registerViews(wh, TABLES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QueryOutput.print(SqlQuery.plan(spark, sql), format, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void queryPrintsAnAlignedTableCsvOrJsonLines() {
    // 1,000 troy oz x 31.1034768 g = 31.1034768 kg, to the double nearest 1,000 x 0.0311034768
    // (both factors are rounded to doubles): 31.103476800000003, printed as stored.
    assertThat(printed(GOLD, "table")).isEqualTo("""
        country_code  year             mass_kg
        ------------  ----  ------------------
        DEU           2016                 1.5
        JPN           2014               143.0
        KOR           2015  31.103476800000003
        (3 rows)
        """);
    assertThat(printed(GOLD, "csv")).isEqualTo("""
        country_code,year,mass_kg
        DEU,2016,1.5
        JPN,2014,143.0
        KOR,2015,31.103476800000003
        """);
    assertThat(printed(GOLD, "json")).isEqualTo("""
        {"country_code":"DEU","year":2016,"mass_kg":1.5}
        {"country_code":"JPN","year":2014,"mass_kg":143.0}
        {"country_code":"KOR","year":2015,"mass_kg":31.103476800000003}
        """);
    // Partition columns are columns like any other; text with a comma or a quote is quoted (RFC 4180).
    assertThat(printed("SELECT scenario, count(*) AS n_rows, 'say \"hi\", twice' AS s FROM medal_demand"
        + " GROUP BY scenario ORDER BY scenario", "csv")).isEqualTo("""
        scenario,n_rows,s
        baseline,33,"say ""hi"", twice"
        half-share,33,"say ""hi"", twice"
        """);
    assertThat(printed("SELECT * FROM runs WHERE 1 = 0", "table")).endsWith("(0 rows)\n");
  }

  @Test
  void queryWritesOneFileOfCsvJsonOrParquet() throws IOException {
    SqlQuery.registerViews(wh, TABLES);
    Path out = home.resolve("out");
    for (String format : List.of("csv", "json", "parquet")) {
      Path file = out.resolve("gold." + format);
      // Twice: the second replaces the first.
      for (int i = 0; i < 2; i++) {
        String written = QueryOutput.write(SqlQuery.plan(spark, GOLD), format, file.toString());
        assertThat(written).isEqualTo(file.toString());
      }
      assertThat(file).isRegularFile();
      try (Stream<Path> left = Files.list(out)) {
        assertThat(left.map(p -> p.getFileName().toString())).as("nothing beside the files")
            .allMatch(n -> n.startsWith("gold.") && !n.endsWith(".tmp"));
      }
      Dataset<Row> back = switch (format) {
        case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(file.toString());
        case "json" -> spark.read().json(file.toString());
        default -> spark.read().parquet(file.toString());
      };
      assertThat(back.select("country_code", "year", "mass_kg").collectAsList())
          .extracting(r -> r.get(0) + " " + ((Number) r.get(1)).intValue() + " " + r.get(2))
          .containsExactly("DEU 2016 1.5", "JPN 2014 143.0", "KOR 2015 31.103476800000003");
    }
    assertThat(Files.readString(out.resolve("gold.csv"))).startsWith("country_code,year,mass_kg\n");
    QueryOutput.write(SqlQuery.plan(spark, "SELECT * FROM runs WHERE 1 = 0"), "csv", out.resolve("none.csv").toString());
    assertThat(Files.readString(out.resolve("none.csv")).trim()).isEqualTo(String.join(",", RunHistory.TABLE.schema().fieldNames()));
  }

  @Test
  void aBadQueryIsSparksMessage() {
    SqlQuery.registerViews(wh, TABLES);
    assertThatThrownBy(() -> SqlQuery.plan(spark, "SELECT * FROM no_such_table"))
        .isInstanceOf(BadQueryException.class).hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND")
        .hasMessageContaining("no_such_table");
    assertThatThrownBy(() -> SqlQuery.plan(spark, "SELECT mass FROM recovery_records"))
        .isInstanceOf(BadQueryException.class).hasMessageContaining("UNRESOLVED_COLUMN")
        .hasMessageContaining("mass_kg");
    assertThatThrownBy(() -> SqlQuery.plan(spark, "SELEC 1"))
        .isInstanceOf(BadQueryException.class).hasMessageContaining("PARSE_SYNTAX_ERROR");
    // An error found only when the query runs (ANSI SQL: no silent null for 1 / 0).
    assertThatThrownBy(() -> printed("SELECT mass_kg / 0 FROM recovery_records", "table"))
        .isInstanceOf(BadQueryException.class).hasMessageContaining("DIVIDE_BY_ZERO");
  }

  @Test
  void nightlyWroteTheReportAndReportRewritesItFromEveryScenario() throws IOException {
    // The nightly run (the baseline's) wrote the page; the scenario ran only its own stages since.
    String nightly = Files.readString(warehouse.resolve(ReportJob.FILE_NAME));
    assertThat(nightly).contains("<svg").contains("baseline").doesNotContain("half-share");
    assertThat(ReportJob.write(spark, wh, null)).isEqualTo(warehouse.resolve(ReportJob.FILE_NAME).toString());
    assertThat(Files.readString(warehouse.resolve(ReportJob.FILE_NAME))).contains("half-share");
  }

  @Test
  void describeShowsEachColumnsTypeUnitAndMeaningFromTheContract() {
    String text = TableDescription.describe(org.urbanmine.tables.MedalOutlookTable.TABLE, "/w/medal_outlook/");
    assertThat(text).startsWith("medal_outlook: " + org.urbanmine.tables.MedalOutlookTable.TABLE.description() + "\n")
        .contains("files:       /w/medal_outlook/ (Parquet, Hive-style partitions scenario=VALUE)")
        .contains("key:         games_id, scope_level, scope, metal, year, scenario")
        .contains("sorted by:   games_id, scope_level, scope, metal, year (within each file)");
    List<String> lines = text.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("column")).findFirst().orElseThrow());
    assertThat(lines.get(header)).matches("column +type +unit +meaning");
    assertThat(lines.subList(header + 2, lines.size())).hasSize(org.urbanmine.tables.MedalOutlookTable.TABLE.schema().size());
    assertThat(lines).contains(
        "available_kg          double   kg     recovered x campaign_factor x available_share, kilograms",
        "coverage_ratio        double   ratio  available_kg / needed_kg; 1 or more covers it",
        "games                 string          e.g. London 2012");
  }
}
