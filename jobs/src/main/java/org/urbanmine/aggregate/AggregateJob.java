package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.publish.TableAudit;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.TableSpec;

/** {@code aggregate}: {@code recovery_records} to country and region totals per year. */
public final class AggregateJob implements Stage {

  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(RecoveryRecordsTable.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(RecoveryByCountryYearTable.TABLE, RecoveryByRegionYearTable.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> records = warehouse.read(RecoveryRecordsTable.TABLE);
    // From the file's footer: a count of its own would be a Spark job for the run log.
    long recordRows = warehouse.rows(RecoveryRecordsTable.TABLE);
    long byCountryRows = warehouse.stage(RecoveryByCountryYearTable.TABLE,
        RecoveryByCountryYear.from(records, context.settings().aggregate()));
    Dataset<Row> byCountry = warehouse.read(RecoveryByCountryYearTable.TABLE);
    long byRegionRows = warehouse.stage(RecoveryByRegionYearTable.TABLE,
        RecoveryByRegionYear.from(byCountry, records));
    return new StageReport()
        .read(RecoveryRecordsTable.TABLE.name(), recordRows)
        .wrote(RecoveryByCountryYearTable.TABLE.name(), byCountryRows)
        .wrote(RecoveryByRegionYearTable.TABLE.name(), byRegionRows);
  }

  /**
   * Mass balance: each country total is the sum of its chosen source's records, and the world
   * total of a year and metal is the sum of the countries'; the regions and sub-regions each
   * share out the same total.
   */
  @Override
  public List<AuditCheck> audit(RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> records = warehouse.read(RecoveryRecordsTable.TABLE);
    Dataset<Row> byCountry = warehouse.read(RecoveryByCountryYearTable.TABLE);
    Dataset<Row> byRegion = warehouse.read(RecoveryByRegionYearTable.TABLE);
    String[] countryKey = {RecoveryByCountryYearTable.COUNTRY_CODE, RecoveryByCountryYearTable.YEAR,
        RecoveryByCountryYearTable.METAL, RecoveryByCountryYearTable.SOURCE};
    Dataset<Row> chosenRecords = records.join(byCountry.select(countryKey[0], countryKey[1], countryKey[2],
        countryKey[3]), countryKey);
    List<TableAudit.Balance> balances = new ArrayList<>();
    balances.add(new TableAudit.Balance("recovery_by_country_year against recovery_records", byCountry,
        chosenRecords, RecoveryByCountryYearTable.MASS_KG, countryKey));
    for (String level : List.of(RecoveryByRegionYearTable.WORLD, RecoveryByRegionYear.REGION)) {
      Dataset<Row> scopes = byRegion.filter(col(RecoveryByRegionYearTable.SCOPE_LEVEL).equalTo(level));
      Dataset<Row> parts = level.equals(RecoveryByRegionYearTable.WORLD) ? byCountry
          : byRegion.filter(col(RecoveryByRegionYearTable.SCOPE_LEVEL).equalTo(RecoveryByRegionYearTable.SUB_REGION));
      balances.add(new TableAudit.Balance("recovery_by_region_year " + level + " totals", scopes, parts,
          RecoveryByRegionYearTable.MASS_KG, RecoveryByRegionYearTable.YEAR, RecoveryByRegionYearTable.METAL));
    }
    // The three in one query: one read of each table, not one per check.
    return List.of(TableAudit.balanceCheck(balances));
  }
}
