package org.urbanmine.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.BuildInfo;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.Warehouse;

/**
 * The run history, unchanged reruns, rollback and leftovers, on the small ingest fixture
 * (src/test/resources/IngestJobTest/records: 13 input rows, 6 accepted, 7 rejected).
 */
class RerunAndRollbackTest extends SparkTestBase {
  private static final String RECORDS = Path.of("src/test/resources/IngestJobTest/records").toAbsolutePath().toString();

  @TempDir
  Path warehouse;

  private Settings fixture(String... more) {
    List<String> sets = new java.util.ArrayList<>(List.of(TWO_COUNTRIES_PUT_ON_MARKET, FEW_COUNTRIES_POPULATION,
        "urbanmine.input.recovery-records=" + RECORDS, "urbanmine.warehouse=" + warehouse,
        "urbanmine.quality.max-rejected-share=0.6"));
    sets.addAll(List.of(more));
    return SparkTestBase.settings(sets.toArray(new String[0]));
  }

  private List<Row> runs() {
    return spark.read().parquet(warehouse.resolve("runs").toString()).orderBy("started_at").collectAsList();
  }

  private static String field(Row r, String column) {
    Object v = r.get(r.fieldIndex(column));
    return v == null ? null : v.toString();
  }

  @Test
  void eachRunIsRecordedWithItsInputsAndOutcome() throws Exception {
    UrbanMine.run(spark, Command.INGEST, fixture());
    Row run = runs().get(0);
    assertThat(field(run, "command")).isEqualTo("ingest");
    assertThat(field(run, "status")).isEqualTo("succeeded");
    assertThat(field(run, "scenario")).isEqualTo("baseline");
    assertThat(field(run, "config_hash")).isEqualTo(fixture().configHash());
    assertThat(field(run, "table_rows")).isEqualTo("{\"recovery_records\":6,\"rejected_records\":7}");
    assertThat(field(run, "rejected_rows")).isEqualTo("7");
    assertThat(field(run, "stage_seconds")).startsWith("{\"ingest\":");
    assertThat(field(run, "code_version")).isEqualTo(BuildInfo.codeVersion()).isNotEqualTo("unknown");
    // Inputs: both record files with size and SHA-256, worked out here from the bytes.
    for (String name : List.of("a-reordered.csv", "b-records.jsonl")) {
      byte[] bytes = Files.readAllBytes(Path.of(RECORDS, name));
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(field(run, "inputs")).contains(name + "\",\"size_bytes\":" + bytes.length + ",\"sha256\":\"" + sha + "\"");
    }
    assertThat(field(run, "inputs")).doesNotContain("notes.txt");
  }

  /**
   * One warehouse through a night's life: a nightly run; the same again, skipped (by the pipeline
   * with a session, and before Spark as jobs/run decides it); forced, and with
   * another horizon (2041), each published (three versions of every table, as many as
   * publish.keep-versions keeps); then rollback, twice, back to the first version, and a third
   * time with nowhere to go. (One test rather than two: each nightly costs seconds.)
   */
  @Test
  void anUnchangedNightlyDoesNothingUnlessForcedAndRollbackGoesBack() {
    Settings s = fixture("urbanmine.input.min-year=1990");
    assertThat(UrbanMine.run(spark, Command.NIGHTLY, s)).hasSize(Command.NIGHTLY.stages().size());
    String firstVersion = field(spark.read().parquet(warehouse.resolve("runs").toString()).first(), "run_id");
    assertThat(UrbanMine.run(spark, Command.NIGHTLY, s)).isEmpty();
    assertThat(field(runs().get(1), "status")).isEqualTo("skipped");
    assertThat(field(runs().get(1), "message")).contains("unchanged since run " + firstVersion);
    // As jobs/run nightly decides it, before Spark starts: on a warehouse without a session, from
    // the run history and the inputs' fingerprints, without a Spark job or query.
    BeforeSpark.Decision early = BeforeSpark.nightly(spark, s, UrbanMine.hadoopConfiguration(s));
    assertThat(early.inputs()).isEmpty();
    assertThat(List.of(field(runs().get(2), "run_id"), field(runs().get(2), "status")))
        .containsExactly(early.runId(), "skipped");
    // Forced, or with another configuration, it runs.
    assertThat(UrbanMine.run(spark, Command.NIGHTLY, s, true)).hasSize(Command.NIGHTLY.stages().size());
    String forcedVersion = field(runs().get(3), "run_id");
    assertThat(UrbanMine.run(spark, Command.NIGHTLY, fixture("urbanmine.forecast.horizon=2041"))).hasSize(Command.NIGHTLY.stages().size());
    assertThat(runs()).extracting(r -> field(r, "status"))
        .containsExactly("succeeded", "skipped", "skipped", "succeeded", "succeeded");
    assertThat(maxForecastYear()).isEqualTo(2041);

    UrbanMine.run(spark, Command.ROLLBACK, fixture());
    assertThat(maxForecastYear()).isEqualTo(2040);
    assertThat(currentRun()).isEqualTo(forcedVersion);
    Row rollback = runs().get(5);
    assertThat(field(rollback, "command")).isEqualTo("rollback");
    assertThat(field(rollback, "message")).contains("metal_forecast: ");
    UrbanMine.run(spark, Command.ROLLBACK, fixture());
    assertThat(currentRun()).isEqualTo(firstVersion);
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.ROLLBACK, fixture()))
        .isInstanceOf(RunFailedException.class).hasMessageContaining("nothing to roll back");
  }

  /** The run that published the current version of recovery_records. */
  /**
   * The run whose version of the tables is published: every table's the same. (Not a row's
   * run_id: recovery_records keeps the run that wrote each file's rows, see IngestPieces.)
   */
  private String currentRun() {
    org.urbanmine.publish.TableStore versions = new Warehouse(spark, warehouse.toString(), "read").versions();
    List<String> runs = Command.NIGHTLY.outputs().stream()
        .map(table -> versions.current(table.name()).orElseThrow()).distinct().toList();
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  private int maxForecastYear() {
    return spark.read().parquet(warehouse.resolve("metal_forecast").toString())
        .agg(org.apache.spark.sql.functions.max(col("year"))).first().getInt(0);
  }

  @Test
  void leftoversOfAKilledRunAreClearedByTheNext() throws Exception {
    Path staged = warehouse.resolve("_staging/20260101T000000Z-dead00/recovery_records");
    Files.createDirectories(staged);
    Files.writeString(staged.resolve("part-0.parquet"), "half written", StandardCharsets.UTF_8);
    Files.createSymbolicLink(warehouse.resolve(".recovery_records.link-20260101T000000Z-dead00"), Path.of("nowhere"));
    UrbanMine.run(spark, Command.INGEST, fixture());
    try (var left = Files.list(warehouse.resolve("_staging"))) {
      assertThat(left).isEmpty();
    }
    assertThat(Files.exists(warehouse.resolve(".recovery_records.link-20260101T000000Z-dead00"),
        java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(spark.read().parquet(warehouse.resolve("recovery_records").toString()).count()).isEqualTo(6);
  }

  @Test
  void aRunWaitsForNoOneButNamesTheRunHoldingTheWarehouse() throws Exception {
    Files.createDirectories(warehouse);
    Files.writeString(warehouse.resolve("_lock"), "run_id=other-run\npid=" + ProcessHandle.current().pid()
        + "\nhost=" + java.net.InetAddress.getLocalHost().getHostName() + "\nstarted_at=now\n");
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.INGEST, fixture()))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("is in use by run other-run");
    assertThat(warehouse.resolve("recovery_records")).doesNotExist();
  }
}
