package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.ingest.RecoveryRecords;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.publish.TableAudit;
import org.urbanmine.tables.TableSpec;
import org.urbanmine.publish.Warehouse;

/** {@code aggregate}: {@code recovery_records} to country and region totals per year. */
public final class AggregateJob implements Stage {

  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(RecoveryRecords.TABLE);
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

  /**
   * Mass balance: each country total is the sum of its chosen source's records, and the world
   * total of a year and metal is the sum of the countries'; the regions and sub-regions each
   * share out the same total.
   */
  @Override
  public List<String> audit(RunContext context) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> records = warehouse.read(RecoveryRecords.TABLE);
    Dataset<Row> byCountry = warehouse.read(RecoveryByCountryYear.TABLE);
    Dataset<Row> byRegion = warehouse.read(RecoveryByRegionYear.TABLE);
    String[] countryKey = {RecoveryByCountryYear.COUNTRY_CODE, RecoveryByCountryYear.YEAR,
        RecoveryByCountryYear.METAL, RecoveryByCountryYear.SOURCE};
    Dataset<Row> chosenRecords = records.join(byCountry.select(countryKey[0], countryKey[1], countryKey[2],
        countryKey[3]), countryKey);
    List<String> problems = new ArrayList<>(TableAudit.balance(
        "recovery_by_country_year against recovery_records", byCountry, chosenRecords,
        RecoveryByCountryYear.MASS_KG, countryKey));
    for (String level : List.of(RecoveryByRegionYear.WORLD, RecoveryByRegionYear.REGION)) {
      Dataset<Row> scopes = byRegion.filter(col(RecoveryByRegionYear.SCOPE_LEVEL).equalTo(level));
      Dataset<Row> parts = level.equals(RecoveryByRegionYear.WORLD) ? byCountry
          : byRegion.filter(col(RecoveryByRegionYear.SCOPE_LEVEL).equalTo(RecoveryByRegionYear.SUB_REGION));
      problems.addAll(TableAudit.balance("recovery_by_region_year " + level + " totals", scopes, parts,
          RecoveryByRegionYear.MASS_KG, RecoveryByRegionYear.YEAR, RecoveryByRegionYear.METAL));
    }
    return problems;
  }
}
