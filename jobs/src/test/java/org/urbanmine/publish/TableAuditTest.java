package org.urbanmine.publish;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.TableSpec;

/** {@link TableAudit#check} on hand-made rows of a small table: what it finds, and how it says so. */
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
}
