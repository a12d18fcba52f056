package org.urbanmine.publish;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.stage.SparkActivity;
import org.urbanmine.tables.TableSpec;

/**
 * {@link TableAudit#check} on hand-made rows of a small table: what it finds, and how it says so;
 * and on the same rows staged by {@link Warehouse#stage}, where it reads nothing back.
 */
class TableAuditTest extends SparkTestBase {
  private static final TableSpec STOCK = TableSpec.builder("stock_test", "a table for the audit's test")
      .column("country_code", DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column("year", DataTypes.IntegerType, "year")
      .column("inflow_kg", DataTypes.DoubleType, "kilograms")
      .column("stock_kg", DataTypes.DoubleType, "kilograms")
      .mayBeNegative("stock_kg")
      .key("country_code", "year")
      .build();

  /**
   * NLD 2020 twice (one repeated key value); inflow_kg -1 and NaN (2 bad rows: negative or NaN);
   * stock_kg may be negative, so its -5 passes and only its NaN counts (1 row).
   */
  @Test
  void repeatedKeysAndNegativeOrNanMassesAreCountedAndNamed() {
    var rows = rows(STOCK.schema(),
        new Object[] {"NLD", 2020, 1.0, 2.0}, new Object[] {"NLD", 2020, 1.0, 2.0},
        new Object[] {"DEU", 2020, -1.0, -5.0}, new Object[] {"DEU", 2021, Double.NaN, Double.NaN},
        new Object[] {"DEU", 2022, 0.0, 0.0});
    assertThat(TableAudit.check(STOCK, rows)).containsExactly(
        "stock_test: 1 key value(s) of [country_code, year] appear more than once",
        "stock_test: 2 row(s) with a negative or NaN inflow_kg",
        "stock_test: 1 row(s) with a NaN stock_kg");
    // The same table without its bad rows passes.
    assertThat(TableAudit.check(STOCK, rows.filter("country_code = 'DEU' AND year = 2022"))).isEmpty();
  }

  /**
   * Keys are counted by a hash first; keys that share one (here all of them, hashed to 0) are
   * then told apart: four distinct keys are no repeat, and NLD 2020 twice is one.
   */
  @Test
  void keysSharingAHashAreToldApart() {
    var distinct = rows(STOCK.schema(),
        new Object[] {"NLD", 2020, 1.0, 2.0}, new Object[] {"NLD", 2021, 1.0, 2.0},
        new Object[] {"DEU", 2020, 1.0, 2.0}, new Object[] {"DEU", 2021, 1.0, 2.0});
    assertThat(TableAudit.check(STOCK, distinct, lit(0L))).isEmpty();
    var repeated = distinct.union(rows(STOCK.schema(), new Object[] {"NLD", 2020, 3.0, 4.0}));
    assertThat(TableAudit.check(STOCK, repeated, lit(0L))).containsExactly(
        "stock_test: 1 key value(s) of [country_code, year] appear more than once");
  }

  /** A table kept in another order than its key's: equal keys need not be neighbours in its file. */
  private static final TableSpec RECORDS = TableSpec.builder("records_audit_test", "keyed by id, sorted by country")
      .column("id", DataTypes.StringType, "key")
      .column("country_code", DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column("mass_kg", DataTypes.DoubleType, "kilograms")
      .key("id")
      .sortedBy("country_code", "id")
      .writtenInParallel()
      .build();

  /** A partitioned table whose whole key is the partition column: one row per partition. */
  private static final TableSpec ONE_ROW = TableSpec.builder("one_row_audit_test", "one row per scenario")
      .column("value_kg", DataTypes.DoubleType, "kilograms")
      .column(TableSpec.SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(TableSpec.SCENARIO)
      .partitionedBy(TableSpec.SCENARIO)
      .build();

  @TempDir
  Path root;

  /**
   * The rows of the first test, staged: the write observes what the audit needs, so the audit
   * finds the same problems, in the same words. A clean table is passed without a Spark job; a
   * repeated key costs the two queries that tell it from two keys sharing a hash.
   */
  @Test
  void aStagedTableIsAuditedFromWhatItsWriteObserved() {
    Warehouse warehouse = new Warehouse(spark, root.toString(), "run-1");
    var rows = rows(STOCK.schema(),
        new Object[] {"NLD", 2020, 1.0, 2.0}, new Object[] {"DEU", 2020, -1.0, -5.0},
        new Object[] {"NLD", 2020, 1.0, 2.0}, new Object[] {"DEU", 2021, Double.NaN, Double.NaN},
        new Object[] {"DEU", 2022, 0.0, 0.0});
    assertThat(warehouse.stage(STOCK, rows)).isEqualTo(5);
    assertThat(jobsOf(() -> TableAudit.check(STOCK, warehouse))).containsExactly(
        "stock_test: 1 key value(s) of [country_code, year] appear more than once",
        "stock_test: 2 row(s) with a negative or NaN inflow_kg",
        "stock_test: 1 row(s) with a NaN stock_kg");
    assertThat(jobs).isPositive();

    warehouse.stage(STOCK, rows.filter("country_code = 'DEU' AND year = 2022"));
    assertThat(jobsOf(() -> TableAudit.check(STOCK, warehouse))).isEmpty();
    assertThat(jobs).isZero();
  }

  /**
   * Ids repeated in other countries are apart in a file sorted by country, and in different
   * pieces of one written in parallel: found all the same, without a read where there are none.
   */
  @Test
  void keysApartInTheFilesOrderAreFoundToo() {
    Warehouse warehouse = new Warehouse(spark, root.toString(), "run-1");
    List<Object[]> given = new ArrayList<>();
    String[] countries = {"NLD", "DEU", "JPN", "BRA"};
    for (int i = 0; i < 200; i++) {
      given.add(new Object[] {"r" + i, countries[i % 4], (double) i});
    }
    var clean = rows(RECORDS.schema(), given.toArray(Object[][]::new));
    assertThat(warehouse.stage(RECORDS, clean)).isEqualTo(200);
    assertThat(jobsOf(() -> TableAudit.check(RECORDS, warehouse))).isEmpty();
    assertThat(jobs).isZero();

    // r7 (JPN) again in NLD and in BRA: one key value; r8 (NLD) again in DEU: another.
    var repeated = clean.union(rows(RECORDS.schema(), new Object[] {"r7", "NLD", 1.0},
        new Object[] {"r7", "BRA", 1.0}, new Object[] {"r8", "DEU", 1.0}));
    warehouse.stage(RECORDS, repeated);
    assertThat(TableAudit.check(RECORDS, warehouse)).containsExactly(
        "records_audit_test: 2 key value(s) of [id] appear more than once");
  }

  /** Two rows in one partition repeat a key made of the partition column alone. */
  @Test
  void aKeyOfThePartitionAloneAllowsOneRow() {
    Warehouse warehouse = new Warehouse(spark, root.toString(), "run-1");
    warehouse.stage(ONE_ROW, rows(ONE_ROW.fileSchema(), new Object[] {1.0}));
    assertThat(TableAudit.check(ONE_ROW, warehouse)).isEmpty();
    warehouse.stage(ONE_ROW, rows(ONE_ROW.fileSchema(), new Object[] {1.0}, new Object[] {-2.0}));
    assertThat(TableAudit.check(ONE_ROW, warehouse)).containsExactly(
        "one_row_audit_test: 1 key value(s) of [scenario] appear more than once",
        "one_row_audit_test: 1 row(s) with a negative or NaN value_kg");
  }

  private long jobs;

  /** Runs {@code audit}, noting the Spark jobs it launched in {@link #jobs}. */
  private List<String> jobsOf(Supplier<List<String>> audit) {
    SparkActivity activity = SparkActivity.listen(spark);
    try {
      SparkActivity.Counts before = activity.now();
      List<String> problems = audit.get();
      jobs = activity.now().minus(before).jobs();
      return problems;
    } finally {
      activity.close();
    }
  }
}
