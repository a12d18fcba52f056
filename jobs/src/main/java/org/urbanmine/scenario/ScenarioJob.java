package org.urbanmine.scenario;

import static org.urbanmine.tables.ScenariosTable.TABLE;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.BuildInfo;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.TableSpec;

/**
 * {@code scenarios}: the exact assumptions behind every scenario's rows, one row per scenario,
 * replaced by each run that writes the scenario's partitions. With {@code config_json} and
 * {@code code_version} a number in {@code metal_forecast} or {@code medal_outlook} can be traced
 * to what made it and rerun ({@code --conf} a file holding {@code urbanmine = <config_json>}).
 */
public final class ScenarioJob implements Stage {

  @Override
  public String name() {
    return "scenario";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(TABLE);
  }

  /** The run's one row (in the files' column order; the warehouse adds the scenario). */
  public static Dataset<Row> of(SparkSession spark, Settings settings, String runId, Instant at) {
    Row row = RowFactory.create(settings.configHash(), settings.resolvedJson(), runId, Timestamp.from(at),
        BuildInfo.codeVersion());
    return spark.createDataFrame(List.of(row), TABLE.fileSchema());
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    long rows = context.warehouse().stage(TABLE, of(spark, context.settings(), context.runId(), Instant.now()));
    return new StageReport().read("scenario " + context.settings().scenario(), 1).wrote(TABLE.name(), rows);
  }
}
