package org.urbanmine.stage;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

/**
 * Counts the Spark jobs, stages and SQL queries a piece of work launches. Each of them costs
 * planning and scheduling that a small night pays for more than for its data, so the run log and
 * the benchmark print the counts per stage, and tests hold a stage to its count: a plan that
 * silently regrows shows up there rather than as a slower night nobody measured.
 */
public final class SparkActivity extends SparkListener {
  /** Jobs, stages and queries launched between two readings. */
  public record Counts(long jobs, long stages, long queries) {
    public Counts minus(Counts earlier) {
      return new Counts(jobs - earlier.jobs, stages - earlier.stages, queries - earlier.queries);
    }

    public Counts plus(Counts other) {
      return new Counts(jobs + other.jobs, stages + other.stages, queries + other.queries);
    }

    @Override
    public String toString() {
      return jobs + " jobs, " + stages + " stages, " + queries + " queries";
    }
  }

  private static final long DRAIN_MILLIS = 10_000;

  private final SparkSession spark;
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong stages = new AtomicLong();
  private final AtomicLong queries = new AtomicLong();

  private SparkActivity(SparkSession spark) {
    this.spark = spark;
  }

  /** A counter registered on the session's listener bus; {@link #close()} removes it. */
  public static SparkActivity listen(SparkSession spark) {
    SparkActivity activity = new SparkActivity(spark);
    spark.sparkContext().addSparkListener(activity);
    return activity;
  }

  /**
   * The counts so far. Spark posts its events asynchronously, so the bus is drained first: a job
   * that has finished is always counted.
   */
  public Counts now() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(DRAIN_MILLIS);
    } catch (java.util.concurrent.TimeoutException e) {
      // The counts are for the log; a busy bus must not fail a run.
    }
    return new Counts(jobs.get(), stages.get(), queries.get());
  }

  public void close() {
    spark.sparkContext().removeSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
    stages.incrementAndGet();
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionStart) {
      queries.incrementAndGet();
    }
  }
}
