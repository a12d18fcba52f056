package org.urbanmine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.stage.SparkActivity;

/**
 * What a run asks of the run history before its first stage (is there nothing to do? which
 * input files are known?), answered from the {@code runs} table's Parquet file without a Spark job.
 */
class RunHistoryTest extends SparkTestBase {
  @TempDir
  Path root;

  /** An input as a run records it: in InputFingerprint's order, the time last (Map.of's order varies by JVM). */
  private static String file(String path, long size, String sha, long modified) {
    Map<String, Object> input = new java.util.LinkedHashMap<>();
    input.put("path", path);
    input.put("size_bytes", size);
    input.put("sha256", sha);
    input.put(RunHistory.MODIFIED_AT, modified);
    return JsonText.object(input);
  }

  private RunHistory.Entry entry(String runId, Instant at, String configHash, String... files) {
    RunHistory.Entry entry = new RunHistory.Entry(runId, "nightly", "baseline", at, configHash);
    entry.inputs("[" + String.join(",", files) + "]");
    return entry;
  }

  private void record(RunHistory.Entry entry, String status) {
    RunHistory.record(new Warehouse(spark, root.toString(), entry.runId), 5, entry, status);
  }

  private static <T> T withoutSparkJobs(Supplier<T> question) {
    SparkActivity activity = SparkActivity.listen(spark);
    try {
      SparkActivity.Counts before = activity.now();
      T answer = question.get();
      assertThat(activity.now().minus(before).jobs()).as("Spark jobs").isZero();
      return answer;
    } finally {
      activity.close();
    }
  }

  /**
   * Three runs on a.csv: r1 and r3 succeeded with the same configuration (r3 with a.csv touched,
   * not changed), r2 failed. The latest identical run is r3, whatever a.csv's time; another
   * configuration has none. The fingerprints are r3's; b.csv, read only by the failed run, has none.
   */
  @Test
  void theHistoryIsAnsweredWithoutSpark() {
    Warehouse warehouse = new Warehouse(spark, root.toString(), "r4");
    assertThat(RunHistory.lastIdentical(warehouse, entry("r4", Instant.now(), "c1"))).isEmpty();
    assertThat(RunHistory.lastFingerprints(warehouse)).isEmpty();
    assertThat(RunHistory.newest(warehouse)).isEmpty();

    record(entry("r1", Instant.parse("2026-01-01T00:00:00Z"), "c1", file("in/a.csv", 10, "aa", 100)),
        RunHistory.SUCCEEDED);
    record(entry("r2", Instant.parse("2026-01-02T00:00:00Z"), "c1", file("in/a.csv", 10, "aa", 100),
        file("in/b.csv", 5, "bb", 100)), RunHistory.FAILED);
    record(entry("r3", Instant.parse("2026-01-03T00:00:00Z"), "c1", file("in/a.csv", 10, "aa", 200)),
        RunHistory.SUCCEEDED);

    assertThat(withoutSparkJobs(() -> RunHistory.lastIdentical(warehouse,
        entry("r4", Instant.now(), "c1", file("in/a.csv", 10, "aa", 300))))).contains("r3");
    assertThat(withoutSparkJobs(() -> RunHistory.lastIdentical(warehouse,
        entry("r4", Instant.now(), "c2", file("in/a.csv", 10, "aa", 200))))).isEmpty();
    assertThat(withoutSparkJobs(() -> RunHistory.lastIdentical(warehouse,
        entry("r4", Instant.now(), "c1", file("in/a.csv", 11, "ab", 200))))).isEmpty();
    assertThat(withoutSparkJobs(() -> RunHistory.lastFingerprints(warehouse)))
        .containsExactly(Map.entry("in/a.csv", new RunHistory.RecordedInput("in/a.csv", 10, "aa", 200, Map.of())));
    Optional<RunHistory.Outcome> newest = withoutSparkJobs(() -> RunHistory.newest(warehouse));
    assertThat(newest).map(RunHistory.Outcome::runId).contains("r3");
    assertThat(newest.get().finishedAt()).isAfter(Instant.parse("2026-01-03T00:00:00Z"));
    assertThat(withoutSparkJobs(() -> warehouse.rows(RunHistory.TABLE))).isEqualTo(3);
    assertThat(List.of(newest.get().status(), newest.get().command())).containsExactly("succeeded", "nightly");
  }

  /**
   * A history Spark wrote (as runs did before they were written without Spark), then one run
   * recorded on a warehouse without a session: no Spark job, and Spark reads both rows back under
   * the table's contract, to the microsecond, nulls as nulls.
   */
  @Test
  void aRunIsRecordedWithoutSparkAndReadByIt() {
    Instant started = Instant.parse("2026-01-01T00:00:00.123456Z");
    Instant later = Instant.parse("2026-01-02T00:00:00.000001Z");
    Warehouse withSpark = new Warehouse(spark, root.toString(), "r1");
    withSpark.stage(RunHistory.TABLE, spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("r1",
        "ingest", "baseline", java.sql.Timestamp.from(started), java.sql.Timestamp.from(started), "succeeded", "c1",
        "[]", "{}", 16L, "{}", "0.1.0", "by Spark")), RunHistory.TABLE.schema()));
    withSpark.publish(List.of(RunHistory.TABLE), 5);

    Warehouse withoutSpark = new Warehouse(spark.sparkContext().hadoopConfiguration(), root.toString(), "r2",
        Map.of());
    RunHistory.Entry entry = entry("r2", later, "c2", file("in/a.csv", 10, "aa", 100));
    entry.message("nothing to do");
    withoutSparkJobs(() -> {
      RunHistory.record(withoutSpark, 5, entry, RunHistory.SKIPPED);
      return null;
    });

    List<org.apache.spark.sql.Row> rows = withSpark.readPublished(RunHistory.TABLE).orderBy(RunHistory.RUN_ID)
        .collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<java.sql.Timestamp>getAs(RunHistory.STARTED_AT).toInstant()).isEqualTo(started);
    assertThat(rows.get(0).<Long>getAs(RunHistory.REJECTED_ROWS)).isEqualTo(16L);
    org.apache.spark.sql.Row skipped = rows.get(1);
    assertThat(skipped.<java.sql.Timestamp>getAs(RunHistory.STARTED_AT).toInstant()).isEqualTo(later);
    assertThat(List.of(skipped.<String>getAs(RunHistory.STATUS), skipped.<String>getAs(RunHistory.CONFIG_HASH),
        skipped.<String>getAs(RunHistory.MESSAGE))).containsExactly("skipped", "c2", "nothing to do");
    assertThat(skipped.<String>getAs(RunHistory.INPUTS)).isEqualTo("[" + file("in/a.csv", 10, "aa", 100) + "]");
    assertThat(skipped.isNullAt(skipped.fieldIndex(RunHistory.REJECTED_ROWS))).isTrue();
    assertThat(skipped.<String>getAs(RunHistory.CODE_VERSION)).isEqualTo(BuildInfo.codeVersion());
  }
}
