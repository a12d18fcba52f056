package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.MetalInEwasteTable;

/**
 * The nightly audit of the one chain from product to metal: {@code metal_in_ewaste},
 * {@code forecast_drivers} and {@code metal_forecast} are views of one computation, so
 *
 * <ul>
 *   <li>{@code forecast_drivers.model_kg} equals {@code metal_in_ewaste.recoverable_kg} for every
 *       country whose mix of products is its own, metal and year of both (a row of either without
 *       the other is a finding too);
 *   <li>{@code forecast_drivers.recoverable_kg} is {@code model_kg x calibration_factor} in every
 *       year without a record;
 *   <li>under the drivers method, every country row of {@code metal_forecast} is
 *       {@code forecast_drivers.recoverable_kg}.
 * </ul>
 *
 * each to {@value #RELATIVE_TOLERANCE} relative. One query counts what every rule finds and keeps
 * the first three of each, in key order.
 */
final class ChainAudit {
  static final double RELATIVE_TOLERANCE = 1e-9;
  private static final String RULE = "rule";
  private static final String A = "a";
  private static final String B = "b";
  private static final String KEY = "key";
  private static final String[] JOIN = {ForecastDriversTable.COUNTRY_CODE, ForecastDriversTable.METAL,
      ForecastDriversTable.YEAR};
  private static final String[] RULES = {
      "forecast_drivers.model_kg differs from metal_in_ewaste.recoverable_kg (or one of them is missing)",
      "forecast_drivers.recoverable_kg is not model_kg x calibration_factor in a year without a record",
      "metal_forecast's country row is not forecast_drivers.recoverable_kg"};

  private ChainAudit() {}

  /**
   * @param drivers {@code forecast_drivers}' rows
   * @param metalInEwaste {@code metal_in_ewaste}'s rows
   * @param forecast {@code metal_forecast}'s rows under the drivers method; null under another
   */
  static List<String> check(Dataset<Row> drivers, Dataset<Row> metalInEwaste, Dataset<Row> forecast) {
    return AuditCheck.run(deferred(drivers, metalInEwaste, forecast));
  }

  /** {@link #check}, unrun: for the pipeline to collect with the run's other checks. */
  static AuditCheck deferred(Dataset<Row> drivers, Dataset<Row> metalInEwaste, Dataset<Row> forecast) {
    Dataset<Row> own = drivers.filter(col(ForecastDriversTable.CONTENT_RULE).equalTo(CountryModel.OWN_RULE));
    // The country model's span of metals and years: metal_in_ewaste has years before it, and metals it does not follow.
    Dataset<Row> span = drivers.select(ForecastDriversTable.METAL, ForecastDriversTable.YEAR).distinct();
    Dataset<Row> inSpan = metalInEwaste.join(span, new String[] {MetalInEwasteTable.METAL, MetalInEwasteTable.YEAR});
    Dataset<Row> chain = own.select(col(JOIN[0]), col(JOIN[1]), col(JOIN[2]), col(ForecastDriversTable.MODEL_KG).as(A))
        .join(inSpan.select(col(JOIN[0]), col(JOIN[1]), col(JOIN[2]), col(MetalInEwasteTable.RECOVERABLE_KG).as(B)),
            JOIN, "full_outer");
    Dataset<Row> calibrated = drivers.filter(col(ForecastDriversTable.OBSERVED_KG).isNull())
        .select(col(JOIN[0]), col(JOIN[1]), col(JOIN[2]), col(ForecastDriversTable.RECOVERABLE_KG).as(A),
            col(ForecastDriversTable.MODEL_KG).multiply(col(ForecastDriversTable.CALIBRATION_FACTOR)).as(B));
    Dataset<Row> found = tagged(0, chain).unionByName(tagged(1, calibrated));
    if (forecast != null) {
      Dataset<Row> countries = forecast.filter(col(MetalForecastTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL))
          .select(col(MetalForecastTable.SCOPE).as(JOIN[0]), col(JOIN[1]), col(JOIN[2]),
              col(MetalForecastTable.MASS_KG).as(A));
      found = found.unionByName(tagged(2, countries.join(drivers.select(col(JOIN[0]), col(JOIN[1]), col(JOIN[2]),
          col(ForecastDriversTable.RECOVERABLE_KG).as(B)), JOIN, "full_outer")));
    }
    Dataset<Row> findings = found.groupBy(col(RULE).as(AuditCheck.PART))
        .agg(count(lit(1)).as(AuditCheck.FOUND), slice(sort_array(collect_list(KEY)), 1, 3).as(AuditCheck.EXAMPLES));
    return new AuditCheck(findings, rules -> rules.stream()
        .map(r -> r.found() + " row(s): " + RULES[r.part()] + " by more than " + RELATIVE_TOLERANCE
            + " relative; e.g. " + String.join("; ", r.examples()))
        .toList(), null);
  }

  /** The rows of {@code pairs} ({@code country_code, metal, year, a, b}) that break the rule: a missing, or off. */
  private static Dataset<Row> tagged(int rule, Dataset<Row> pairs) {
    Column a = col(A);
    Column b = col(B);
    Column off = abs(a.minus(b)).gt(greatest(abs(a), abs(b)).multiply(RELATIVE_TOLERANCE));
    return pairs.filter(a.isNull().or(b.isNull()).or(off))
        .select(lit(rule).as(RULE), concat_ws(" ", col(JOIN[0]), col(JOIN[1]), col(JOIN[2]).cast("string"),
            coalesce(a.cast("string"), lit("missing")), lit("vs"), coalesce(b.cast("string"), lit("missing"))).as(KEY));
  }
}
