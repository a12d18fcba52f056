package org.urbanmine.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.TableSpec;

/**
 * The audit reports every problem in the order of the tables and stages, the stages' checks
 * collected together ({@code AuditCheckTest}), and a problem anywhere publishes nothing.
 */
class PipelineAuditTest extends SparkTestBase {
  private static final TableSpec FIRST = probe("audit_first");
  private static final TableSpec SECOND = probe("audit_second");
  private static final TableSpec THIRD = probe("audit_third");

  @TempDir
  Path warehouse;

  private static TableSpec probe(String name) {
    return TableSpec.builder(name, "a table for the audit")
        .column("id", DataTypes.StringType, "key")
        .column("mass_kg", DataTypes.DoubleType, "kilograms")
        .key("id")
        .build();
  }

  /**
   * Writes {@code table} with the given ids, 1 kg each; its own audit, a check on the staged
   * table, finds the rows whose id is {@code flagged} (none: no check).
   */
  private record ProbeStage(TableSpec table, List<String> ids, String flagged) implements Stage {
    @Override
    public String name() {
      return table.name();
    }

    @Override
    public List<TableSpec> outputs() {
      return List.of(table);
    }

    @Override
    public StageReport run(SparkSession spark, RunContext context) {
      Dataset<Row> rows = spark.createDataFrame(ids.stream().map(id -> RowFactory.create(id, 1.0)).toList(),
          table.schema());
      return new StageReport().wrote(table.name(), context.warehouse().stage(table, rows));
    }

    @Override
    public List<AuditCheck> audit(RunContext context) {
      if (flagged == null) {
        return List.of();
      }
      Dataset<Row> findings = context.warehouse().read(table).filter(col("id").equalTo(flagged))
          .agg(lit(7).as(AuditCheck.PART), count(lit(1)).as(AuditCheck.FOUND),
              sort_array(collect_list(col("id"))).as(AuditCheck.EXAMPLES));
      return List.of(new AuditCheck(findings, found -> found.stream()
          .map(f -> table.name() + ": part " + f.part() + " found " + f.found() + " " + f.examples()).toList(), null));
    }
  }

  @Test
  void everyProblemIsReportedInOrderAndNothingIsPublished() {
    Settings settings = SparkTestBase.settings("urbanmine.warehouse=" + warehouse);
    RunContext context = new RunContext(settings, "run-1", new Warehouse(spark, warehouse.toString(), "run-1"));
    // The first and third tables repeat a key ("a" twice; "c" three times: one key value), found
    // from the metrics observed as they were written; the second is clean but its stage's own
    // check finds its one "b"; the third stage's check, on "d", its one "d" (reported, since the
    // run fails anyway); the first's finds no "z".
    List<Stage> stages = List.of(
        new ProbeStage(FIRST, List.of("a", "a", "b"), "z"),
        new ProbeStage(SECOND, List.of("a", "b"), "b"),
        new ProbeStage(THIRD, List.of("c", "c", "c", "d"), "d"));
    assertThatThrownBy(() -> Pipeline.run(spark, context, "probe", stages, false))
        .isInstanceOf(RunFailedException.class)
        .hasMessage("audit failed, nothing published: "
            + "audit_first: 1 key value(s) of [id] appear more than once; "
            + "audit_third: 1 key value(s) of [id] appear more than once; "
            + "audit_second: part 7 found 1 [b]; "
            + "audit_third: part 7 found 1 [d]");
    for (TableSpec table : List.of(FIRST, SECOND, THIRD)) {
      assertThat(Files.exists(warehouse.resolve(table.name()))).as(table.name()).isFalse();
    }
  }
}
