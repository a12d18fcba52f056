package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.urbanmine.model.OrderedSum;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.ingest.RecoveryRecords;
import org.urbanmine.tables.TableSpec;

/**
 * {@code recovery_by_country_year}: metal recovered per country, year and metal, from one source.
 * Records of one source add up; where several sources report the same country, year and metal,
 * the highest-priority source is taken and the others are left out, never added, since they
 * count the same metal twice.
 */
public final class RecoveryByCountryYear {
  public static final String COUNTRY_CODE = RecoveryRecords.COUNTRY_CODE;
  public static final String YEAR = RecoveryRecords.YEAR;
  public static final String METAL = RecoveryRecords.METAL;
  public static final String MASS_KG = RecoveryRecords.MASS_KG;
  public static final String RECORD_COUNT = "record_count";
  public static final String SOURCE = RecoveryRecords.SOURCE;
  public static final String SOURCE_COUNT = "source_count";

  public static final TableSpec TABLE = TableSpec.builder("recovery_by_country_year",
          "Metal recovered per country, year and metal, from the highest-priority source.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(MASS_KG, DataTypes.DoubleType, "metal recovered, kilograms (sum of the source's records)")
      .column(RECORD_COUNT, DataTypes.LongType, "records of that source summed into mass_kg")
      .column(SOURCE, DataTypes.StringType, "the source chosen (urbanmine.aggregate.source-priority)")
      .column(SOURCE_COUNT, DataTypes.LongType, "sources that reported this country, year and metal")
      .key(COUNTRY_CODE, YEAR, METAL)
      .build();

  private RecoveryByCountryYear() {}

  public static Dataset<Row> from(Dataset<Row> records, List<String> sourcePriority) {
    Dataset<Row> perSource = records
        .groupBy(col(COUNTRY_CODE), col(YEAR), col(METAL), col(SOURCE))
        // Added in record_id order (unique per source once repeats are rejected): the same
        // kilograms to the last bit however the records are partitioned.
        .agg(OrderedSum.of(col(RecoveryRecords.RECORD_ID), col(MASS_KG)).as(MASS_KG), count(lit(1)).as(RECORD_COUNT));
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
