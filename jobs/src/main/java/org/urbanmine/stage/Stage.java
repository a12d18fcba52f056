package org.urbanmine.stage;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.tables.TableSpec;

/** One step of the pipeline: reads tables or inputs, writes its tables to the run's staging area. */
public interface Stage {
  String name();

  /** The tables this stage writes; they are published together once every stage has succeeded. */
  List<TableSpec> outputs();

  StageReport run(SparkSession spark, RunContext context);

  /**
   * Checks across this stage's tables as staged (mass balance and the like), run before anything
   * is published. Returned unrun: the pipeline collects every stage's checks together.
   */
  default List<AuditCheck> audit(RunContext context) {
    return List.of();
  }

  /** The tables {@code stages} write, in the order they run: the order of publication. */
  static List<TableSpec> outputsOf(List<Stage> stages) {
    return stages.stream().flatMap(s -> s.outputs().stream()).toList();
  }

  /**
   * Warehouse tables this stage reads, for the size of its work (see {@link SmallInputMode}); a
   * table left out only makes the stage look smaller than it is, never changes what it computes.
   */
  default List<TableSpec> reads() {
    return List.of();
  }

  /**
   * Files this stage reads from outside the warehouse, fingerprinted for the run history; through
   * {@code hadoop}'s file systems, before Spark starts (a run with nothing to do starts none).
   */
  default List<java.util.Map<String, Object>> inputFiles(Configuration hadoop, RunContext context) {
    return List.of();
  }

  /**
   * The files of {@link #inputFiles} as the run recorded them once this stage ran: a stage whose
   * tasks fingerprint what they read fills in what listing them could not.
   */
  default List<java.util.Map<String, Object>> inputFilesRead(List<java.util.Map<String, Object>> listed) {
    return listed;
  }
}
