package org.urbanmine.scenario;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String CONFIG_HASH = "config_hash";
  public static final String CONFIG_JSON = "config_json";
  public static final String RUN_ID = "run_id";
  public static final String RECORDED_AT = "recorded_at";
  public static final String CODE_VERSION = "code_version";

  public static final TableSpec TABLE = TableSpec.builder("scenarios",
          "Each scenario's resolved configuration, as last used to write its partitions.")
      .column(CONFIG_HASH, DataTypes.StringType, "first 12 hex digits of SHA-256 of config_json (as in runs)")
      .column(CONFIG_JSON, DataTypes.StringType,
          "the resolved urbanmine configuration, as JSON; values of secret-looking spark.conf keys redacted")
      .column(RUN_ID, DataTypes.StringType, "the run that wrote the scenario's partitions")
      .column(RECORDED_AT, DataTypes.TimestampType, "when that run recorded it")
      .column(CODE_VERSION, DataTypes.StringType, "version and commit of the code, as in runs")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(SCENARIO)
      .partitionedBy(SCENARIO)
      .build();

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
