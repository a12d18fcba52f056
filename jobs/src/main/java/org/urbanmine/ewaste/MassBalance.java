package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.tables.TableSpec;

/**
 * {@code mass_balance}: for every country, UNU key and year of {@code ewaste_generated},
 * cumulative POM against stock plus cumulative e-waste ({@link WasteOverTime#massBalance}); the
 * audit fails the run when a relative residual exceeds {@code urbanmine.ewaste.max-relative-residual}.
 */
public final class MassBalance {
  public static final TableSpec TABLE = TableSpec.builder("mass_balance",
          "Mass balance of the sales-lifespan model per country, UNU key and year: cumulative POM = stock + cumulative e-waste.")
      .column(WasteOverTime.COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(WasteOverTime.UNU_KEY, DataTypes.StringType, "UNU key")
      .column(WasteOverTime.YEAR, DataTypes.IntegerType, "year")
      .column(WasteOverTime.CUMULATIVE_POM_KG, DataTypes.DoubleType, "put on the market from the first year to this one, kilograms")
      .column(WasteOverTime.CUMULATIVE_EWASTE_KG, DataTypes.DoubleType, "e-waste generated from the first year to this one, kilograms")
      .column(WasteOverTime.STOCK_KG, DataTypes.DoubleType, "stock at the end of the year, summed cohort by cohort, kilograms")
      .column(WasteOverTime.RESIDUAL_KG, DataTypes.DoubleType, "cumulative_pom_kg - stock_kg - cumulative_ewaste_kg, kilograms")
      .column(WasteOverTime.RELATIVE_RESIDUAL, DataTypes.DoubleType, "residual_kg / cumulative_pom_kg; null when that is 0")
      .column(TableSpec.SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .mayBeNegative(WasteOverTime.STOCK_KG, WasteOverTime.RESIDUAL_KG)
      .key(WasteOverTime.COUNTRY_CODE, WasteOverTime.UNU_KEY, WasteOverTime.YEAR)
      .partitionedBy(TableSpec.SCENARIO)
      .build();

  private MassBalance() {}

  /** The rows whose relative residual exceeds {@code tolerance}, in words; none when it balances. */
  public static List<String> problems(Dataset<Row> balance, double tolerance) {
    List<Row> over = balance.filter(abs(col(WasteOverTime.RELATIVE_RESIDUAL)).gt(tolerance))
        .orderBy(abs(col(WasteOverTime.RELATIVE_RESIDUAL)).desc()).limit(5).collectAsList();
    return over.stream().map(r -> TABLE.name() + ": " + r.getAs(WasteOverTime.COUNTRY_CODE) + " key "
        + r.getAs(WasteOverTime.UNU_KEY) + " " + r.getAs(WasteOverTime.YEAR) + " is off by "
        + r.getAs(WasteOverTime.RELATIVE_RESIDUAL) + " of its cumulative POM (tolerance " + tolerance + ")").toList();
  }
}
