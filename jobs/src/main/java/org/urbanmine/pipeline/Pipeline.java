package org.urbanmine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.publish.JsonText;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.TableAudit;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.publish.WarehouseLock;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.SmallInputMode;
import org.urbanmine.stage.SparkActivity;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.TableSpec;

/**
 * Write, audit, publish. Holding the warehouse lock, a run clears what killed runs left, runs its
 * stages against its own staging area, audits every staged table, and only then publishes them,
 * each as a new version. A stage or audit that fails stops the run before publication: the
 * published tables stay as they were. Every outcome is recorded in {@code runs}.
 */
public final class Pipeline {
  /**
   * The stages' checks run as this many queries side by side: one query is planned on one thread,
   * and the country model's rerun (HierarchyAudit) would otherwise wait for the other checks.
   */
  private static final int AUDIT_LANES = 2;
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /** A run's input files as fingerprinted for the run history, by stage (see {@link Stage#inputFiles}). */
  public record Fingerprints(Map<Stage, List<Map<String, Object>>> byStage) {
    List<Map<String, Object>> all() {
      return byStage.values().stream().flatMap(List::stream).toList();
    }
  }

  /**
   * Decides, before Spark starts, whether a run has nothing to do: an earlier run of
   * {@code command} had the same inputs, configuration and code, and its tables are still the
   * published ones. If so, records this run as skipped and returns empty; otherwise returns the
   * inputs' fingerprints for {@link #run}, which then reads no input again to take them. Needs
   * no session: the warehouse may have none attached yet.
   */
  public static Optional<Fingerprints> unlessUnchanged(RunContext context, String command, List<Stage> stages) {
    RunHistory.Entry entry = context.historyEntry(command);
    try (WarehouseLock lock = context.lockWarehouse()) {
      try {
        Fingerprints inputs = fingerprint(context, stages);
        entry.inputs(JsonText.array(inputs.all()));
        Optional<String> same = unchangedSince(context.warehouse(), entry, stages);
        if (same.isEmpty()) {
          return Optional.of(inputs);
        }
        skip(context, entry, same.get());
        return Optional.empty();
      } catch (RuntimeException e) {
        LOG.error("run {} failed before its first stage: nothing published", context.runId());
        entry.message(String.valueOf(e.getMessage()));
        recordFailure(context, entry, e);
        throw e;
      }
    }
  }

  private static Fingerprints fingerprint(RunContext context, List<Stage> stages) {
    Map<Stage, List<Map<String, Object>>> byStage = new LinkedHashMap<>();
    stages.forEach(s -> byStage.put(s, s.inputFiles(context.warehouse().hadoop(), context)));
    return new Fingerprints(byStage);
  }

  private static void skip(RunContext context, RunHistory.Entry entry, String sameAs) {
    entry.message("inputs, configuration and code unchanged since run " + sameAs
        + ", whose tables are published; nothing to do (--force runs anyway)");
    LOG.info("run {}: {}", context.runId(), entry.message());
    context.recordRun(entry, RunHistory.SKIPPED);
    context.warehouse().discardStaging();
  }

  /** As {@link #run(SparkSession, RunContext, String, List, boolean, Fingerprints)}, fingerprinting the inputs. */
  public static List<StageReport> run(SparkSession spark, RunContext context, String command,
      List<Stage> stages, boolean skipUnchanged) {
    return run(spark, context, command, stages, skipUnchanged, null);
  }

  /**
   * @param command the command's name, for the run history
   * @param skipUnchanged do nothing when an earlier run of this command had the same inputs,
   *     configuration and code and its tables are still the published ones
   * @param fingerprints the inputs' fingerprints, as {@link #unlessUnchanged} took them; null to take them
   * @return the stages' reports; empty when the run was skipped
   */
  public static List<StageReport> run(SparkSession spark, RunContext context, String command,
      List<Stage> stages, boolean skipUnchanged, Fingerprints fingerprints) {
    Settings settings = context.settings();
    Warehouse warehouse = context.warehouse();
    RunHistory.Entry entry = context.historyEntry(command);
    long start = System.nanoTime();
    SparkActivity activity = SparkActivity.listen(spark);
    LOG.info("run {}: {} scenario {} (config {}), stages {}, warehouse {}", context.runId(), command,
        settings.scenario(), settings.configHash(), stages.stream().map(Stage::name).toList(),
        Warehouse.display(warehouse.root()));
    LOG.debug("run {}: resolved configuration {}", context.runId(), settings.resolvedJson());
    try (WarehouseLock lock = context.lockWarehouse()) {
      try {
        Fingerprints inputs = fingerprints != null ? fingerprints : fingerprint(context, stages);
        Map<Stage, List<Map<String, Object>>> inputsByStage = inputs.byStage();
        entry.inputs(JsonText.array(inputs.all()));
        try (SmallInputMode small = SmallInputMode.forInputs(spark, inputs.all(), settings.smallInputMb(),
            settings.sparkConf())) {
          Optional<String> same = skipUnchanged ? unchangedSince(warehouse, entry, stages) : Optional.empty();
          if (same.isPresent()) {
            skip(context, entry, same.get());
            return List.of();
          }
          // A run small as a whole is small in every stage; otherwise each stage is sized alone.
          LOG.info("before the first stage: {}", activity.now());
          List<StageReport> reports = runStages(spark, context, stages, entry,
              small.applied().isEmpty() ? inputsByStage : Map.of(), activity);
          entry.inputs(JsonText.array(stages.stream().flatMap(s -> s.inputFilesRead(inputsByStage.get(s)).stream())
              .toList()));
          List<TableSpec> written = Stage.outputsOf(stages);
          SparkActivity.Counts beforeAudit = activity.now();
          audit(context, stages, written);
          LOG.info("audit: {}", activity.now().minus(beforeAudit));
          warehouse.publish(written, settings.publish().keepVersions());
          entry.message("published " + written.stream().map(TableSpec::name).toList());
          context.recordRun(entry, RunHistory.SUCCEEDED);
          warehouse.discardStaging();
          LOG.info("run {}: {} in {} ({})", context.runId(), entry.message(), seconds(start), activity.now());
          return reports;
        }
      } catch (Exception e) {
        // Exception, not RuntimeException: Spark's actions throw its checked SparkException
        // undeclared (a job aborted by a failing task), and that run must be recorded too.
        LOG.error("run {} failed: nothing published; staged tables kept in {} until the next run",
            context.runId(), Warehouse.display(warehouse.stagingRoot()));
        entry.message(String.valueOf(e.getMessage()));
        recordFailure(context, entry, e);
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
      }
    } finally {
      activity.close();
    }
  }

  /** @param inputsByStage each stage's input files, for stages to be sized one by one; empty for none */
  private static List<StageReport> runStages(SparkSession spark, RunContext context, List<Stage> stages,
      RunHistory.Entry entry, Map<Stage, List<Map<String, Object>>> inputsByStage, SparkActivity activity) {
    List<StageReport> reports = new ArrayList<>();
    Settings settings = context.settings();
    for (Stage stage : stages) {
      long t0 = System.nanoTime();
      SparkActivity.Counts before = activity.now();
      LOG.info("stage {}: started", stage.name());
      StageReport report;
      if (inputsByStage.containsKey(stage)) {
        long tableBytes = stage.reads().stream().mapToLong(context.warehouse()::bytes).sum();
        try (SmallInputMode small = SmallInputMode.forStage(spark, stage.name(), inputsByStage.get(stage), tableBytes,
            settings.smallInputMb(), settings.sparkConf())) {
          report = stage.run(spark, context);
        }
      } else {
        report = stage.run(spark, context);
      }
      report.seconds((System.nanoTime() - t0) / 1e9);
      report.activity(activity.now().minus(before));
      reports.add(report);
      entry.stageDone(stage.name(), report.seconds(), report.written(), report.rejected());
      LOG.info("stage {}: {} in {} ({})", stage.name(), report.describe(), seconds(t0), report.activity());
    }
    return reports;
  }

  /**
   * Every staged table against its contract (from what its write observed: no query unless it
   * finds something), then every stage's own cross-table checks, collected in
   * {@value #AUDIT_LANES} Spark queries.
   */
  private static void audit(RunContext context, List<Stage> stages, List<TableSpec> written) {
    long t0 = System.nanoTime();
    List<String> problems = new ArrayList<>();
    for (TableSpec table : written) {
      problems.addAll(TableAudit.check(table, context.warehouse()));
    }
    List<AuditCheck> checks = new ArrayList<>();
    for (Stage stage : stages) {
      checks.addAll(stage.audit(context));
    }
    problems.addAll(AuditCheck.run(checks, AUDIT_LANES));
    if (!problems.isEmpty()) {
      throw new RunFailedException("audit failed, nothing published: " + String.join("; ", problems));
    }
    LOG.info("audit: {} table(s) passed in {}", written.size(), seconds(t0));
  }

  private static Optional<String> unchangedSince(Warehouse warehouse, RunHistory.Entry entry, List<Stage> stages) {
    Optional<String> same = RunHistory.lastIdentical(warehouse, entry);
    if (same.isEmpty()) {
      return same;
    }
    for (Stage stage : stages) {
      for (TableSpec table : stage.outputs()) {
        if (!warehouse.versions().current(table.name()).equals(same)) {
          return Optional.empty();
        }
      }
    }
    return same;
  }

  private static void recordFailure(RunContext context, RunHistory.Entry entry, Exception cause) {
    try {
      context.recordRun(entry, RunHistory.FAILED);
    } catch (Exception e) {
      // Exception: Spark's checked SparkException too, which must not hide the run's own failure.
      cause.addSuppressed(e);
      LOG.warn("could not record the failed run in {}: {}", RunHistory.TABLE.name(), e.getMessage());
    }
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
