package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * A sum of doubles that comes out the same, bit for bit, however Spark meets the rows.
 * Floating-point addition is not associative, and Spark adds a group's partial sums in the order
 * their shuffle blocks arrive, so a plain {@code sum} can differ in its last bits from one run to
 * the next on the same input. This one collects the group's values, sorts them by a column that
 * is unique within the group, and adds them in that order: reruns give identical tables, and a
 * run repaired after a kill publishes what a clean run would have.
 */
public final class OrderedSum {
  private OrderedSum() {}

  /**
   * The aggregate: sum of {@code value} over the group, added in ascending {@code order}; nulls
   * are skipped, and a group of nulls sums to 0.
   */
  public static Column of(Column order, Column value) {
    Column sorted = array_sort(collect_list(struct(order.as("o"), value.as("v"))));
    return aggregate(sorted, lit(0.0),
        (total, x) -> when(x.getField("v").isNull(), total).otherwise(total.plus(x.getField("v"))));
  }
}
