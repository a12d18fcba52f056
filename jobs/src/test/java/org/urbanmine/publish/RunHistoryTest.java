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
    RunHistory.record(spark, new Warehouse(spark, root.toString(), entry.runId), 5, entry, status);
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
        .containsExactly(Map.entry("in/a.csv", new RunHistory.RecordedInput("in/a.csv", 10, "aa", 200)));
    Optional<RunHistory.Outcome> newest = withoutSparkJobs(() -> RunHistory.newest(warehouse));
    assertThat(newest).map(RunHistory.Outcome::runId).contains("r3");
    assertThat(newest.get().finishedAt()).isAfter(Instant.parse("2026-01-03T00:00:00Z"));
    assertThat(withoutSparkJobs(() -> warehouse.rows(RunHistory.TABLE))).isEqualTo(3);
    assertThat(List.of(newest.get().status(), newest.get().command())).containsExactly("succeeded", "nightly");
  }
}
