package org.urbanmine.publish;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.tables.TableSpec;

/**
 * The audit between write and publish: checks a staged table against its contract (schema,
 * unique key, masses that are numbers and not negative) and, across tables, that mass is
 * conserved where one table is a sum of another. Each check returns the problems it found, in
 * words, so a failed run says exactly what is wrong.
 */
public final class TableAudit {
  /** Relative tolerance for sums of doubles computed in different orders. */
  static final double TOLERANCE = 1e-9;
  private static final String ROWS_PER_KEY = "rows_per_key";
  private static final String KEY_HASH = "key_hash";

  private TableAudit() {}

  /** Schema, key and mass checks of one table as written. */
  public static List<String> check(TableSpec table, Dataset<Row> written) {
    return check(table, written, table.key().isEmpty() ? lit(0L) : keyHash(table));
  }

  /** As {@link #check(TableSpec, Dataset)}, with the key hashed by {@code keyHash} (a test collides keys). */
  static List<String> check(TableSpec table, Dataset<Row> written, Column keyHash) {
    List<String> problems = new ArrayList<>();
    if (!sameColumns(written.schema(), table.schema())) {
      problems.add(table.name() + ": schema " + written.schema().simpleString()
          + " differs from the contract " + table.schema().simpleString());
      return problems;
    }
    // The key and every mass column checked in one query: per key value its rows and bad
    // masses, then over the table (one Spark job per table, not one per check).
    // Columns of draws (arrays of masses) are checked by the audit of the stage that writes them,
    // in the same read as its other checks: an array is most of its table's bytes.
    List<String> masses = table.massColumns().stream()
        .filter(m -> !(table.schema().apply(m).dataType() instanceof org.apache.spark.sql.types.ArrayType)).toList();
    List<String> signed = table.signedMassColumns();
    List<Column> badCounts = new ArrayList<>();
    for (String mass : masses) {
      Column bad = signed.contains(mass) ? isnan(col(mass)) : isnan(col(mass)).or(col(mass).lt(0));
      badCounts.add(count(when(bad, lit(1))).as(mass));
    }
    List<Column> totals = new ArrayList<>();
    Dataset<Row> counted = written;
    if (!table.key().isEmpty()) {
      // Rows counted per 64-bit hash of the key, not per key: a fixed-width group is several
      // times cheaper than one of strings in a table of millions of rows. Keys that share a hash
      // are told apart below, only when a hash has more than one row.
      List<Column> perKey = new ArrayList<>(badCounts);
      perKey.add(count(lit(1)).as(ROWS_PER_KEY));
      counted = written.groupBy(keyHash.as(KEY_HASH))
          .agg(perKey.get(0), perKey.subList(1, perKey.size()).toArray(Column[]::new));
      masses.forEach(mass -> totals.add(sum(col(mass)).as(mass)));
      totals.add(count(when(col(ROWS_PER_KEY).gt(1), lit(1))).as(ROWS_PER_KEY));
    } else {
      totals.addAll(badCounts);
    }
    if (totals.isEmpty()) {
      return problems;
    }
    Row found = counted.agg(totals.get(0), totals.subList(1, totals.size()).toArray(Column[]::new)).first();
    long repeated = table.key().isEmpty() || found.getLong(masses.size()) == 0 ? 0
        : repeatedKeys(table, written.withColumn(KEY_HASH, keyHash), counted);
    if (repeated > 0) {
      problems.add(table.name() + ": " + repeated + " key value(s) of " + table.key() + " appear more than once");
    }
    for (int i = 0; i < masses.size(); i++) {
      long bad = found.isNullAt(i) ? 0 : ((Number) found.get(i)).longValue();
      if (bad > 0) {
        String mass = masses.get(i);
        problems.add(table.name() + ": " + bad + " row(s) with a "
            + (signed.contains(mass) ? "" : "negative or ") + "NaN " + mass);
      }
    }
    return problems;
  }

  private static Column[] keyColumns(TableSpec table) {
    return table.key().stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static Column keyHash(TableSpec table) {
    return xxhash64(keyColumns(table));
  }

  /** Key values with more than one row, among those whose hash has more than one. */
  private static long repeatedKeys(TableSpec table, Dataset<Row> hashed, Dataset<Row> countedByHash) {
    Dataset<Row> hashes = countedByHash.filter(col(ROWS_PER_KEY).gt(1)).select(KEY_HASH);
    return hashed.join(hashes, KEY_HASH)
        .groupBy(keyColumns(table)).count()
        .filter(col("count").gt(1)).count();
  }

  /**
   * {@code parts} summed by {@code by} must equal {@code whole}'s {@code mass} for every group,
   * and every group must be on both sides: no metal made or lost between two tables.
   */
  public static List<String> balance(String what, Dataset<Row> whole, Dataset<Row> parts, String mass, String... by) {
    Column[] keys = Arrays.stream(by).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> left = whole.groupBy(keys).agg(sum(col(mass)).as("whole"));
    Dataset<Row> right = parts.groupBy(keys).agg(sum(col(mass)).as("parts"));
    Dataset<Row> joined = left.join(right, by, "full");
    Column diff = abs(col("whole").minus(col("parts")));
    Column scale = greatest(abs(col("whole")), abs(col("parts")), lit(1.0));
    long off = joined.filter(col("whole").isNull().or(col("parts").isNull())
        .or(diff.gt(scale.multiply(TOLERANCE)))).count();
    return off == 0 ? List.of() : List.of(what + ": " + off + " group(s) of " + Arrays.toString(by) + " do not add up");
  }

  private static boolean sameColumns(StructType actual, StructType expected) {
    if (actual.fields().length != expected.fields().length) {
      return false;
    }
    for (int i = 0; i < expected.fields().length; i++) {
      StructField a = actual.fields()[i];
      StructField e = expected.fields()[i];
      if (!a.name().equals(e.name()) || !a.dataType().equals(e.dataType())) {
        return false;
      }
    }
    return true;
  }
}
