package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.TableSpec;

/**
 * The launcher as a user runs it: {@code jobs/run} in a child process from the checkout's root,
 * after {@code mvn package} built the jar (failsafe runs this in the integration-test phase).
 * Checks exit codes and what the user is told.
 */
class JobsRunIT {
  private static final Path ROOT = Path.of(System.getProperty("urbanmine.root", "..")).toAbsolutePath().normalize();
  /** Germany's and France's put-on-market data (a subset of the sample; SOURCES.md beside it). */
  static final String TWO_COUNTRIES = "urbanmine.ewaste.put-on-market="
      + ROOT.resolve("jobs/src/test/resources/SparkTestBase/put-on-market");
  /**
   * 33 countries' population (SparkTestBase#FEW_COUNTRIES_POPULATION): the forecast and outlook on
   * fewer countries. Spelled here, as TWO_COUNTRIES is, because reading SparkTestBase's constant
   * would start its Spark session in this JVM, which only launches jobs/run.
   */
  static final String FEW_COUNTRIES = "urbanmine.ewaste.population="
      + ROOT.resolve("jobs/src/test/resources/SparkTestBase/population/population.csv");

  record Result(int exitCode, String output) {}

  private static Result run(Path warehouse, String... args) throws IOException, InterruptedException {
    return finished(start(warehouse, null, args));
  }

  /** The process's exit code and output once it has ended (within 5 minutes). */
  private static Result finished(Process p) throws IOException, InterruptedException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), out);
  }

  /** Starts jobs/run; its output goes to {@code log} when given, else to the returned process's stream. */
  private static Process start(Path warehouse, Path log, String... args) throws IOException {
    return startAfter("", warehouse, log, args);
  }

  /** As above, after {@code shellPrefix} (e.g. "ulimit -f 40; ") in the shell that starts jobs/run. */
  private static Process startAfter(String shellPrefix, Path warehouse, Path log, String... args) throws IOException {
    return jobsRun(shellPrefix, warehouse, log, args).start();
  }

  /** The driver on the loopback interface and without its web UI: no port open beyond the machine. */
  static final String LOCAL_JAVA_OPTS = "-Xmx1g -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1"
      + " -Dspark.driver.bindAddress=127.0.0.1";

  /** jobs/run on the embedded local master, whatever the caller's environment says; not started yet. */
  static ProcessBuilder jobsRun(String shellPrefix, Path warehouse, Path log, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", shellPrefix + "exec \"$0\" \"$@\"",
        ROOT.resolve("jobs/run").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().remove("URBANMINE_WAREHOUSE");
    pb.environment().remove("URBANMINE_SPARK_MASTER");
    if (warehouse != null) {
      pb.environment().put("URBANMINE_WAREHOUSE", warehouse.toString());
    }
    pb.environment().put("JAVA_OPTS", LOCAL_JAVA_OPTS);
    if (log != null) {
      pb.redirectOutput(log.toFile());
    }
    return pb;
  }

  /** Where the one shared nightly run on the sample data publishes; tests that change tables copy it. */
  @TempDir
  static Path shared;
  private static Result sampleNightly;

  /** The shared nightly run (a nightly costs most of a minute: one for the class, not one per test). */
  private static synchronized Result sampleNightly() throws Exception {
    if (sampleNightly == null) {
      sampleNightly = run(shared.resolve("warehouse"), "nightly");
    }
    assertThat(sampleNightly.exitCode()).as(sampleNightly.output()).isZero();
    return sampleNightly;
  }

  /** A copy of the shared nightly's warehouse under {@code dir}, its links copied as links. */
  private static Path publishedCopy(Path dir) throws Exception {
    sampleNightly();
    Path source = shared.resolve("warehouse");
    Path target = dir.resolve("warehouse");
    try (var paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Files.copy(p, target.resolve(source.relativize(p).toString()), LinkOption.NOFOLLOW_LINKS,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return target;
  }

  @Test
  void nightlyOnTheSampleDataPublishesEveryTable(@TempDir Path pages) throws Exception {
    Result r = sampleNightly();
    Path warehouse = shared.resolve("warehouse");
    // The log says what each stage read, wrote and rejected, and how long it took.
    assertThat(r.output())
        .contains("stage ingest: read input rows in 5 file(s), 5 read and 0 from the ingest cache (490 rows);"
            + " wrote recovery_records (474 rows),"
            + " rejected_records (16 rows); rejected 16 in ")
        .contains("stage aggregate: read recovery_records (474 rows)")
        .contains("stage forecast: read")
        .contains("stage outlook: read")
        .contains("published " + TABLES);
    for (String table : TABLES) {
      // Partitioned tables hold their file under scenario=baseline/.
      try (var files = Files.walk(warehouse.resolve(table).toRealPath())) {
        assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count()).as(table).isPositive();
      }
    }

    // The night's report beside the tables; report writes it anywhere.
    assertThat(Files.readString(warehouse.resolve("report.html"))).contains("<svg").contains("JPN");
    Path page = pages.resolve("exports/page.html");
    Result report = run(warehouse, "report", "--output", page.toString());
    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.output()).contains("wrote " + page);
    assertThat(Files.readString(page)).contains("<svg").contains("JPN");

    // An analyst's first look at what the night published.
    Result tables = run(warehouse, "tables");
    assertThat(tables.exitCode()).as(tables.output()).isZero();
    assertThat(tables.output()).containsPattern("\nrecovery_records +474  -  ")
        .containsPattern("\nmetal_forecast +\\d+  scenario=baseline  ")
        .containsPattern("\nscenario_comparison +-  -  +not published");
    // Only the result on standard output (the log goes to standard error): Japan's published
    // 143 kg (2014) and 245 kg (fiscal 2017), sample-data/SOURCES.md.
    Process query = startAfter("exec 2>/dev/null; ", warehouse, null, "query",
        "SELECT country_code, mass_kg FROM recovery_by_country_year WHERE country_code = 'JPN'"
            + " AND metal = 'gold' ORDER BY year", "--format", "csv");
    String csv = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(query.waitFor()).isZero();
    assertThat(csv).isEqualTo("country_code,mass_kg\nJPN,143.0\nJPN,245.0\n");
    Result bad = run(warehouse, "query", "SELECT nope FROM runs");
    assertThat(bad.exitCode()).as(bad.output()).isEqualTo(2);
    assertThat(bad.output()).contains("urbanmine query: [UNRESOLVED_COLUMN.WITH_SUGGESTION]")
        .doesNotContain("\tat org.apache");
  }

  @Test
  void tooManyRejectsExitOneAndPublishNothing(@TempDir Path warehouse) throws Exception {
    Result r = run(warehouse, "ingest", "--set", "urbanmine.quality.max-rejected-share=0.01");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("16 of 490 input rows rejected (3.3 %)")
        .contains("nothing was published; the rejects are in " + warehouse.resolve("_staging"));
    assertThat(warehouse.resolve("recovery_records")).doesNotExist();
  }

  @Test
  void configurationErrorsExitTwoNamingKeyAndValue() throws Exception {
    Result horizon = run(null, "nightly", "--set", "urbanmine.forecast.horizon=2000");
    assertThat(horizon.exitCode()).isEqualTo(2);
    assertThat(horizon.output()).contains("urbanmine.forecast.horizon must be at least urbanmine.input.max-year")
        .contains("got 2000");
    Result unknown = run(null, "forecast", "--set", "urbanmine.forecast.horizn=2050");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output()).contains("unknown configuration key urbanmine.forecast.horizn");
    Result share = run(null, "outlook", "--set", "urbanmine.medals.available-share=1.4");
    assertThat(share.exitCode()).isEqualTo(2);
    assertThat(share.output()).contains("urbanmine.medals.available-share must be between 0 and 1, got \"1.4\"");
  }

  /**
   * jobs/run picks the parallel collector unless JAVA_OPTS names one: both on one command line
   * stop the JVM ("Multiple garbage collectors selected"), and G1's name has a digit in it.
   * The JVM's own log line says which collector it runs.
   */
  @Test
  void theParallelCollectorUnlessJavaOptsNamesOne() throws Exception {
    for (String[] chosen : new String[][] {{"", "Using Parallel"}, {" -XX:+UseG1GC", "Using G1"},
        {" -XX:+UseSerialGC", "Using Serial"}}) {
      ProcessBuilder pb = jobsRun("", null, null, "--help");
      pb.environment().put("JAVA_OPTS", LOCAL_JAVA_OPTS + chosen[0] + " -Xlog:gc:stdout");
      Result r = finished(pb.start());
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).as(chosen[0]).contains(chosen[1]);
    }
  }

  @Test
  void usageAndHelp() throws Exception {
    Result help = run(null, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.output()).contains("nightly", "ingest", "aggregate", "forecast", "outlook");
    Result nightlyHelp = run(null, "nightly", "--help");
    assertThat(nightlyHelp.exitCode()).isZero();
    assertThat(nightlyHelp.output()).contains("usage: jobs/run nightly");
    Result bad = run(null, "mine");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output()).contains("unknown command \"mine\"");
    Result none = run(null);
    assertThat(none.exitCode()).isEqualTo(2);
    Result describe = run(null, "describe", "medal_outlook");
    assertThat(describe.exitCode()).isZero();
    assertThat(describe.output()).containsPattern("\navailable_kg +double +kg +recovered x campaign_factor x available_share, kilograms\n");
    Result option = run(null, "ingest", "--frobnicate");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.output()).contains("unknown option \"--frobnicate\"");
  }

  @Test
  void runsListsTheHistoryAndRollbackGoesBack(@TempDir Path warehouse) throws Exception {
    assertThat(run(warehouse, "ingest").exitCode()).isZero();
    // Two countries' put-on-market data, 33 countries' population and the tests' draws: the figures are not the subject here.
    String[] nightly = {"nightly", "--set", "urbanmine.forecast.horizon=2030", "--set", TWO_COUNTRIES, "--set",
        FEW_COUNTRIES, "--set", org.urbanmine.SparkTestBase.TEST_DRAWS};
    Result again = run(warehouse, nightly);
    assertThat(again.exitCode()).as(again.output()).isZero();
    Result unchanged = run(warehouse, nightly);
    assertThat(unchanged.exitCode()).isZero();
    assertThat(unchanged.output()).contains("nothing to do (--force runs anyway)")
        .contains("nightly: nothing to do, decided before Spark started");
    Result rollback = run(warehouse, "rollback");
    assertThat(rollback.exitCode()).as(rollback.output()).isZero();
    assertThat(rollback.output()).contains("rolled back recovery_records: ");
    Result runs = run(warehouse, "runs");
    assertThat(runs.exitCode()).isZero();
    assertThat(runs.output()).contains("rollback", "skipped", "nightly", "ingest", "succeeded");
  }

  /**
   * A warehouse that stops taking writes mid-run, as a full disk does. Simulated with a file-size
   * limit (ulimit -f 40: a write past 40 KiB fails with EFBIG, as one would with ENOSPC; the JVM
   * ignores SIGXFSZ); the first table above that size is the sample's ewaste_generated (about 2
   * MB). Exit 1, the message says why, and every table is still the version the first run
   * published. The zstd codec's native library (1 MB, unpacked to the temporary directory when
   * first used) is unpacked beforehand, so that the limit strikes a table's write; without that
   * it strikes the first read of the run history, which {@link #aCodecThatCannotLoadFailsTheRunPlainly}
   * covers.
   */
  @Test
  void aWarehouseThatStopsTakingWritesFailsTheRunAndKeepsTheTables(@TempDir Path dir) throws Exception {
    Path warehouse = publishedCopy(dir);
    List<Path> before = publishedVersions(warehouse);
    ProcessBuilder pb = jobsRun("ulimit -f 40; ", warehouse, null, "nightly", "--force");
    pb.environment().put("JAVA_OPTS", LOCAL_JAVA_OPTS + " -DZstdNativePath=" + unpackedZstd(dir));
    String out = exitOne(pb.start());
    assertThat(out).contains("File too large").contains("nothing published")
        .contains("stage ewaste: started").doesNotContain("stage forecast: started")
        .doesNotContain("codec cannot be loaded");
    assertThat(publishedVersions(warehouse)).isEqualTo(before);
  }

  /**
   * The same limit with nothing unpacked beforehand: the run history's codec cannot be loaded,
   * before any Spark job. The run still fails with exit 1, saying why, and publishes nothing.
   */
  @Test
  void aCodecThatCannotLoadFailsTheRunPlainly(@TempDir Path dir) throws Exception {
    Path warehouse = publishedCopy(dir);
    List<Path> before = publishedVersions(warehouse);
    String out = exitOne(startAfter("ulimit -f 40; ", warehouse, null, "nightly", "--force"));
    assertThat(out).contains("codec cannot be loaded").contains("File too large").contains("nothing published")
        .doesNotContain("Exception in thread");
    assertThat(publishedVersions(warehouse)).isEqualTo(before);
  }

  private static String exitOne(Process p) throws Exception {
    Result r = finished(p);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    return r.output();
  }

  private static List<Path> publishedVersions(Path warehouse) throws IOException {
    List<Path> versions = new ArrayList<>();
    for (String table : TABLES) {
      versions.add(warehouse.resolve(table).toRealPath());
    }
    return versions;
  }

  /** zstd-jni's native library for this machine, copied out of its jar into {@code dir}. */
  private static Path unpackedZstd(Path dir) throws IOException {
    Path jar = Path.of(URI.create(com.github.luben.zstd.Zstd.class.getProtectionDomain().getCodeSource()
        .getLocation().toString()));
    String prefix = "linux/" + System.getProperty("os.arch") + "/libzstd-jni";
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry lib = zip.stream().filter(e -> e.getName().startsWith(prefix)).findFirst().orElseThrow();
      Path target = dir.resolve("libzstd-jni.so");
      try (InputStream in = zip.getInputStream(lib)) {
        Files.copy(in, target);
      }
      return target;
    }
  }

  /**
   * The run process killed without warning (SIGKILL): an outlook run (the same
   * write-audit-publish path as nightly, with the fewest stages) when its stage has started
   * (staging under way, nothing published), and when the first table has been switched
   * (publication under way). Each time the next run of the same command takes over and the
   * tables end up as a clean run makes them.
   */
  @Test
  void aKilledRunIsRepairedByTheNext(@TempDir Path dir) throws Exception {
    Path warehouse = publishedCopy(dir);
    Map<String, List<String>> clean = tables(warehouse);
    // Killed while a stage writes (nothing published, staging left behind; a kill after the
    // audit leaves the same) and in the middle of publication; outlook rather than nightly
    // runs (the shortest command that stages, audits and publishes), for the same points in
    // less time.
    String[][] killPoints = {{"outlook", "stage outlook: started"}, {"outlook", "now points to"}};
    for (String[] kill : killPoints) {
      String command = kill[0];
      String killPoint = kill[1];
      Path log = warehouse.resolveSibling(warehouse.getFileName() + "-killed.log");
      Process victim = start(warehouse, log, command, "--force");
      waitFor(victim, log, killPoint);
      victim.destroyForcibly();
      victim.waitFor();
      String[] said = Files.readString(log, StandardCharsets.UTF_8).split("\n");
      System.out.printf("%s killed at '%s'; its last line: %s%n", command, killPoint, said[said.length - 1]);
      Result next = run(warehouse, command, "--force");
      assertThat(next.exitCode()).as("after a kill at '%s':%n%s", killPoint, next.output()).isZero();
      Map<String, List<String>> repaired = tables(warehouse);
      for (String table : TABLES) {
        assertThat(repaired.get(table)).as("%s after a kill at '%s'", table, killPoint)
            .hasSameSizeAs(clean.get(table)).isEqualTo(clean.get(table));
      }
      try (var staging = Files.list(warehouse.resolve("_staging"))) {
        assertThat(staging).isEmpty();
      }
      assertThat(warehouse.resolve("_lock")).doesNotExist();
    }
  }

  /** Waits until the log shows {@code marker}; bounded at two minutes. */
  static void waitFor(Process victim, Path log, String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && victim.isAlive()) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the run never logged '" + marker + "'");
  }

  static final List<String> TABLES = Command.NIGHTLY.outputs().stream().map(TableSpec::name).toList();

  /**
   * Every published table's rows (run-specific columns aside), sorted: equal for equal tables.
   * Also {@link StandaloneClusterIT}'s comparison of a cluster run with a local one.
   */
  static Map<String, List<String>> tables(Path warehouse) {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("JobsRunIT")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    Map<String, List<String>> out = new TreeMap<>();
    for (String table : TABLES) {
      Dataset<Row> read = spark.read().parquet(warehouse.resolve(table).toString())
          .drop(SparkTestBase.RUN_SPECIFIC_COLUMNS);
      // A row's draws (1,000 doubles) as a digest of their text: equal draws, equal digests,
      // without holding every draw of every row as a string here.
      for (org.apache.spark.sql.types.StructField f : read.schema().fields()) {
        if (f.dataType() instanceof org.apache.spark.sql.types.ArrayType) {
          read = read.withColumn(f.name(), org.apache.spark.sql.functions.sha2(
              org.apache.spark.sql.functions.col(f.name()).cast("string"), 256));
        }
      }
      List<String> rows = read.collectAsList().stream().map(Object::toString).sorted().toList();
      out.put(table, rows);
    }
    return out;
  }
}
