package org.urbanmine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.cli.Command;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.SparkActivity;
import org.urbanmine.tables.TableSpec;

/** A nightly's "nothing to do?" asked as jobs/run asks it, before Spark starts. */
final class BeforeSpark {
  private BeforeSpark() {}

  /**
   * {@link Pipeline#unlessUnchanged} for a new nightly run on a warehouse opened through
   * {@code hadoop} with no session attached, checked to start no Spark job or query in
   * {@code spark} (the test's session, which a slip back into Spark would use).
   *
   * @return the run's id, and the fingerprints (empty when it was skipped)
   */
  static Decision nightly(SparkSession spark, Settings settings, Configuration hadoop) {
    String runId = RunContext.newRunId(Instant.now());
    RunContext context = new RunContext(settings, runId, new Warehouse(hadoop, settings.warehouse(), runId,
        Map.of(TableSpec.SCENARIO, settings.scenario())));
    SparkActivity activity = SparkActivity.listen(spark);
    try {
      Optional<Pipeline.Fingerprints> inputs =
          Pipeline.unlessUnchanged(context, Command.NIGHTLY.commandName(), Command.NIGHTLY.stages());
      assertThat(activity.now()).as("Spark jobs, stages, queries").isEqualTo(new SparkActivity.Counts(0, 0, 0));
      return new Decision(runId, inputs);
    } finally {
      activity.close();
    }
  }

  record Decision(String runId, Optional<Pipeline.Fingerprints> inputs) {}
}
