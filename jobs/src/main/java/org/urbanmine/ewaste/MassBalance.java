package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.urbanmine.tables.MassBalanceTable.TABLE;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code mass_balance}: for every country, UNU key and year of {@code ewaste_generated},
 * cumulative POM against stock plus cumulative e-waste ({@link WasteOverTime#massBalance}); the
 * audit fails the run when a relative residual exceeds {@code urbanmine.ewaste.max-relative-residual}.
 */
public final class MassBalance {

  private MassBalance() {}

  /** Whether a row of {@code mass_balance} is off by more than {@code tolerance} of its cumulative POM. */
  public static Column offBalance(double tolerance) {
    return abs(col(WasteOverTime.RELATIVE_RESIDUAL)).gt(tolerance);
  }

  /** The rows whose relative residual exceeds {@code tolerance}, in words; none when it balances. */
  public static List<String> problems(Dataset<Row> balance, double tolerance) {
    List<Row> over = balance.filter(offBalance(tolerance))
        .orderBy(abs(col(WasteOverTime.RELATIVE_RESIDUAL)).desc()).limit(5).collectAsList();
    return over.stream().map(r -> TABLE.name() + ": " + r.getAs(WasteOverTime.COUNTRY_CODE) + " key "
        + r.getAs(WasteOverTime.UNU_KEY) + " " + r.getAs(WasteOverTime.YEAR) + " is off by "
        + r.getAs(WasteOverTime.RELATIVE_RESIDUAL) + " of its cumulative POM (tolerance " + tolerance + ")").toList();
  }
}
