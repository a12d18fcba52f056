package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.RecoveryByCountryYearTable.COUNTRY_CODE;
import static org.urbanmine.tables.RecoveryByCountryYearTable.MASS_KG;
import static org.urbanmine.tables.RecoveryByCountryYearTable.METAL;
import static org.urbanmine.tables.RecoveryByCountryYearTable.RECORD_COUNT;
import static org.urbanmine.tables.RecoveryByCountryYearTable.SOURCE;
import static org.urbanmine.tables.RecoveryByCountryYearTable.SOURCE_COUNT;
import static org.urbanmine.tables.RecoveryByCountryYearTable.YEAR;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
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
        .drop("rank", "pick");
  }
}
