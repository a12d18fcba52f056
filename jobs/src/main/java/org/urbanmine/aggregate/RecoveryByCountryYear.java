package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.RecoveryByCountryYearTable.BASIS;
import static org.urbanmine.tables.RecoveryByCountryYearTable.COUNTRY_CODE;
import static org.urbanmine.tables.RecoveryByCountryYearTable.MASS_KG;
import static org.urbanmine.tables.RecoveryByCountryYearTable.METAL;
import static org.urbanmine.tables.RecoveryByCountryYearTable.RECORD_COUNT;
import static org.urbanmine.tables.RecoveryByCountryYearTable.RECORD_SCOPE;
import static org.urbanmine.tables.RecoveryByCountryYearTable.SOURCE;
import static org.urbanmine.tables.RecoveryByCountryYearTable.SOURCE_COUNT;
import static org.urbanmine.tables.RecoveryByCountryYearTable.YEAR;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.urbanmine.config.Settings;
import org.urbanmine.model.OrderedSum;
import org.urbanmine.tables.RecoveryRecordsTable;

/**
 * {@code recovery_by_country_year}: metal recovered per country, year and metal, from one source.
 * Records of one source add up; where several sources report the same country, year and metal,
 * the highest-priority source is taken and the others are left out, never added, since they
 * count the same metal twice.
 */
public final class RecoveryByCountryYear {

  private RecoveryByCountryYear() {}

  public static Dataset<Row> from(Dataset<Row> records, List<String> sourcePriority) {
    return from(records, new Settings.Aggregate(sourcePriority));
  }

  /** ... with each row's source labelled by its basis and scope ({@code urbanmine.sources}). */
  public static Dataset<Row> from(Dataset<Row> records, Settings.Aggregate aggregate) {
    List<String> sourcePriority = aggregate.sourcePriority();
    Dataset<Row> perSource = records
        .groupBy(col(COUNTRY_CODE), col(YEAR), col(METAL), col(SOURCE))
        // Added in record_id order (unique per source once repeats are rejected): the same
        // kilograms to the last bit however the records are partitioned.
        .agg(OrderedSum.of(col(RecoveryRecordsTable.RECORD_ID), col(MASS_KG)).as(MASS_KG), count(lit(1)).as(RECORD_COUNT));
    Column[] ranked = sourcePriority.stream().map(s -> lit(s)).toArray(Column[]::new);
    // array_position is 1-based and 0 when absent: unlisted sources rank after all listed ones.
    Column position = ranked.length == 0 ? lit(0L) : array_position(array(ranked), col(SOURCE));
    Column rank = when(position.equalTo(0), lit((long) ranked.length + 1)).otherwise(position);
    var key = Window.partitionBy(col(COUNTRY_CODE), col(YEAR), col(METAL));
    return perSource
        .withColumn("rank", rank)
        .withColumn(SOURCE_COUNT, count(lit(1)).over(key))
        .withColumn("pick", row_number().over(key.orderBy(col("rank"), col(SOURCE))))
        .filter(col("pick").equalTo(1))
        .drop("rank", "pick")
        .withColumn(BASIS, label(aggregate, Settings.Source::basis))
        .withColumn(RECORD_SCOPE, label(aggregate, Settings.Source::scope));
  }

  /** A source's label as a column: each configured source's, else an unlisted source's. */
  private static Column label(Settings.Aggregate aggregate, Function<Settings.Source, String> of) {
    Column label = lit(of.apply(Settings.Source.unlisted("")));
    for (Settings.Source source : aggregate.sources().values()) {
      label = when(col(SOURCE).equalTo(source.id()), lit(of.apply(source))).otherwise(label);
    }
    return label;
  }
}
