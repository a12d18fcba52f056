package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code scenarios}: its columns, key and partitions. Written by {@code
 * scenario.ScenarioJob}, tested in {@code ScenarioPartitionTest}; other stages read the table
 * through this class only.
 */
public final class ScenariosTable {
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

  private ScenariosTable() {}
}
