package org.urbanmine.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.publish.TableSpec;

/**
 * Runs stages in order against the run's staging area, then publishes every table they wrote.
 * A stage that throws stops the run before publication: the published tables stay as they were
 * and the staged ones are kept for inspection.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  public static List<StageReport> run(SparkSession spark, RunContext context, List<Stage> stages) {
    long start = System.nanoTime();
    LOG.info("run {}: scenario {} (config {}), stages {}, warehouse {}", context.runId(),
        context.settings().scenario(), context.settings().configHash(),
        stages.stream().map(Stage::name).toList(), context.warehouse().root());
    LOG.debug("run {}: resolved configuration {}", context.runId(), context.settings().resolvedJson());
    List<StageReport> reports = new ArrayList<>();
    List<TableSpec> written = new ArrayList<>();
    try {
      for (Stage stage : stages) {
        long t0 = System.nanoTime();
        LOG.info("stage {}: started", stage.name());
        StageReport report = stage.run(spark, context);
        reports.add(report);
        written.addAll(stage.outputs());
        LOG.info("stage {}: {} in {}", stage.name(), report.describe(), seconds(t0));
      }
    } catch (RuntimeException e) {
      LOG.error("run {} failed: nothing published; staged tables kept in {}", context.runId(),
          context.warehouse().stagingRoot());
      throw e;
    }
    context.warehouse().publish(written);
    context.warehouse().discardStaging();
    LOG.info("run {}: published {} in {}", context.runId(),
        written.stream().map(TableSpec::name).toList(), seconds(start));
    return reports;
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
