package org.urbanmine.aggregate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.ingest.RecoveryRecords;
import org.urbanmine.pipeline.RunContext;
import org.urbanmine.pipeline.Stage;
import org.urbanmine.pipeline.StageReport;
import org.urbanmine.publish.TableSpec;
import org.urbanmine.publish.Warehouse;

/** {@code aggregate}: {@code recovery_records} to country and region totals per year. */
public final class AggregateJob implements Stage {

  public static void main(String[] args) {
    System.exit(UrbanMine.execute(Command.AGGREGATE, args));
  }

  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(RecoveryByCountryYear.TABLE, RecoveryByRegionYear.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> records = warehouse.read(RecoveryRecords.TABLE);
    long recordRows = records.count();
    long byCountryRows = warehouse.stage(RecoveryByCountryYear.TABLE,
        RecoveryByCountryYear.from(records, context.settings().aggregate().sourcePriority()));
    Dataset<Row> byCountry = warehouse.read(RecoveryByCountryYear.TABLE);
    long byRegionRows = warehouse.stage(RecoveryByRegionYear.TABLE,
        RecoveryByRegionYear.from(byCountry, records));
    return new StageReport()
        .read(RecoveryRecords.TABLE.name(), recordRows)
        .wrote(RecoveryByCountryYear.TABLE.name(), byCountryRows)
        .wrote(RecoveryByRegionYear.TABLE.name(), byRegionRows);
  }
}
