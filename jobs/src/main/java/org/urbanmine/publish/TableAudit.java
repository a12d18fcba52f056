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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.tables.TableSpec;

/**
 * The audit between write and publish: checks a staged table against its contract (schema,
 * unique key, masses that are numbers and not negative) and, across tables, that mass is
 * conserved where one table is a sum of another. Each check returns the problems it found, in
 * words, so a failed run says exactly what is wrong.
 *
 * <p>A table's own checks are aggregates over its rows ({@link #metrics}), which
 * {@link Warehouse#stage} observes while it writes the table: the audit then reads nothing back,
 * unless a key may repeat ({@link KeyRepeats}), when it compares the keys in the staged table.
 */
public final class TableAudit {
  /** Relative tolerance for sums of doubles computed in different orders. */
  static final double TOLERANCE = 1e-9;
  private static final String ROWS_PER_KEY = "rows_per_key";
  private static final String KEY_HASH = "key_hash";
  /** Names of the observed metrics: key repeats, and bad values per mass column. */
  private static final String REPEATS = "audit_key_repeats";
  private static final String BAD = "audit_bad_";

  private TableAudit() {}

  /**
   * Schema, key and mass checks of one staged table: from what {@link Warehouse#stage} observed
   * as it wrote the table in this run, or, for a table it did not write, from the table read back.
   */
  public static List<String> check(TableSpec table, Warehouse warehouse) {
    Optional<Map<String, Object>> observed = warehouse.observed(table);
    if (observed.isEmpty()) {
      return check(table, warehouse.read(table));
    }
    // Written through TableSpec.conformFile: the contract's columns and types by construction.
    return problems(table, observed.get(), () -> warehouse.read(table), keyHash(table, table.key()));
  }

  /** Schema, key and mass checks of one table as written. */
  public static List<String> check(TableSpec table, Dataset<Row> written) {
    return check(table, written, keyHash(table, table.key()));
  }

  /**
   * As {@link #check(TableSpec, Dataset)}, with the key hashed by {@code keyHash} (a test collides
   * keys): the same metrics as a write observes, over the rows in key order.
   */
  static List<String> check(TableSpec table, Dataset<Row> written, Column keyHash) {
    if (!sameColumns(written.schema(), table.schema())) {
      return List.of(table.name() + ": schema " + written.schema().simpleString()
          + " differs from the contract " + table.schema().simpleString());
    }
    List<Column> metrics = metrics(table, keyHash, true);
    if (metrics.isEmpty()) {
      return List.of();
    }
    Observation observed = new Observation();
    Dataset<Row> inKeyOrder = table.key().isEmpty() ? written
        : written.coalesce(1).sortWithinPartitions(keyColumns(table.key()));
    inKeyOrder.observe(observed, metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new))
        .write().format("noop").mode(SaveMode.Overwrite).save();
    return problems(table, ObservedMetrics.of(observed, "the audit's metrics"), () -> written, keyHash);
  }

  /**
   * What the audit checks of a table's rows, as aggregates to be observed where the rows are
   * written (the columns of its Parquet file: the partition columns are the same on every row).
   * Columns of draws (arrays of masses) are checked by the audit of the stage that writes them,
   * in the same read as its other checks: an array is most of its table's bytes.
   *
   * @param keyHash a 64-bit hash of the key of each row
   * @param keysInOrder whether the rows reach the metrics sorted by the key (see {@link KeyRepeats})
   */
  static List<Column> metrics(TableSpec table, Column keyHash, boolean keysInOrder) {
    List<Column> metrics = new ArrayList<>();
    if (!table.key().isEmpty()) {
      KeyRepeats repeats = keysInOrder ? KeyRepeats.inOrder() : KeyRepeats.anyOrder();
      metrics.add(functions.udaf(repeats, Encoders.LONG()).apply(keyHash).as(REPEATS));
    }
    for (String mass : checkedMasses(table)) {
      metrics.add(count(when(bad(table, mass), lit(1))).as(BAD + mass));
    }
    return metrics;
  }

  /** Whether a row's {@code mass} is not a number, or negative where the table says it may not be. */
  private static Column bad(TableSpec table, String mass) {
    return table.signedMassColumns().contains(mass) ? isnan(col(mass)) : isnan(col(mass)).or(col(mass).lt(0));
  }

  /**
   * What {@link #fileMetrics} gives, taken by one query over a table's file in any order (rows
   * counted per 64-bit hash of the key): for a table whose file is joined from pieces, which no
   * write observes whole. Unlike {@link KeyRepeats#anyOrder()} it holds no hashes in memory, so it
   * answers for any number of rows.
   */
  static Map<String, Object> scannedMetrics(TableSpec table, Dataset<Row> file) {
    List<String> masses = checkedMasses(table);
    List<Column> perKey = new ArrayList<>();
    List<Column> totals = new ArrayList<>();
    perKey.add(count(lit(1)).as(ROWS_PER_KEY));
    totals.add(count(when(col(ROWS_PER_KEY).gt(1), lit(1))).as(REPEATS));
    for (String mass : masses) {
      perKey.add(count(when(bad(table, mass), lit(1))).as(BAD + mass));
      totals.add(sum(col(BAD + mass)).as(BAD + mass));
    }
    Row row = file.groupBy(keyHash(table, fileKey(table)).as(KEY_HASH))
        .agg(perKey.get(0), perKey.subList(1, perKey.size()).toArray(Column[]::new))
        .agg(totals.get(0), totals.subList(1, totals.size()).toArray(Column[]::new))
        .first();
    Map<String, Object> metrics = new HashMap<>();
    for (String name : row.schema().fieldNames()) {
      Object value = row.getAs(name);
      metrics.put(name, value == null ? 0L : value);
    }
    return metrics;
  }

  /**
   * The metrics of a table's Parquet file, as {@link Warehouse#stage} writes it sorted by
   * {@link TableSpec#fileSortColumns()}: the key's hash leaves out the partition columns.
   */
  static List<Column> fileMetrics(TableSpec table) {
    List<String> fileKey = fileKey(table);
    List<String> sort = table.fileSortColumns();
    // Equal keys are neighbours where the file is sorted by the key's columns first, in any order.
    boolean keysInOrder = sort.size() >= fileKey.size()
        && new HashSet<>(sort.subList(0, fileKey.size())).equals(new HashSet<>(fileKey));
    return metrics(table, keyHash(table, fileKey), keysInOrder);
  }

  /** The key's columns in a table's Parquet file: the partition columns are the same on every row. */
  private static List<String> fileKey(TableSpec table) {
    return table.key().stream().filter(c -> !table.partitionColumns().contains(c)).toList();
  }

  /** The mass columns held to be numbers (and, unless signed, not negative): all but arrays. */
  private static List<String> checkedMasses(TableSpec table) {
    return table.massColumns().stream()
        .filter(m -> !(table.schema().apply(m).dataType() instanceof ArrayType)).toList();
  }

  /** The problems that the {@link #metrics} observed show. */
  private static List<String> problems(TableSpec table, Map<String, Object> observed,
      Supplier<Dataset<Row>> written, Column keyHash) {
    List<String> problems = new ArrayList<>();
    if (!table.key().isEmpty() && ((Number) observed.get(REPEATS)).longValue() != 0) {
      long repeated = repeatedKeyValues(table, written.get(), keyHash);
      if (repeated > 0) {
        problems.add(table.name() + ": " + repeated + " key value(s) of " + table.key() + " appear more than once");
      }
    }
    List<String> signed = table.signedMassColumns();
    for (String mass : checkedMasses(table)) {
      Object value = observed.get(BAD + mass);
      long bad = value == null ? 0 : ((Number) value).longValue();
      if (bad > 0) {
        problems.add(table.name() + ": " + bad + " row(s) with a "
            + (signed.contains(mass) ? "" : "negative or ") + "NaN " + mass);
      }
    }
    return problems;
  }

  private static Column[] keyColumns(List<String> key) {
    return key.stream().map(c -> col(c)).toArray(Column[]::new);
  }

  /** A 64-bit hash of {@code key}'s columns; a constant for no columns (one value for every row). */
  private static Column keyHash(TableSpec table, List<String> key) {
    return key.isEmpty() ? lit(0L) : xxhash64(keyColumns(key));
  }

  /**
   * Key values with more than one row in {@code written}. Rows are counted per 64-bit hash of the
   * key, not per key: a fixed-width group is several times cheaper than one of strings in a table
   * of millions of rows. Keys that share a hash are told apart only when a hash has more than
   * one row.
   */
  static long repeatedKeyValues(TableSpec table, Dataset<Row> written, Column keyHash) {
    Dataset<Row> hashed = written.withColumn(KEY_HASH, keyHash);
    Dataset<Row> hashes = hashed.groupBy(col(KEY_HASH)).agg(count(lit(1)).as(ROWS_PER_KEY))
        .filter(col(ROWS_PER_KEY).gt(1)).select(KEY_HASH);
    if (hashes.isEmpty()) {
      return 0;
    }
    return hashed.join(hashes, KEY_HASH)
        .groupBy(keyColumns(table.key())).count()
        .filter(col("count").gt(1)).count();
  }

  /**
   * {@code parts} summed by {@code by} must equal {@code whole}'s {@code mass} for every group,
   * and every group must be on both sides: no metal made or lost between two tables.
   */
  public record Balance(String what, Dataset<Row> whole, Dataset<Row> parts, String mass, List<String> by) {
    public Balance(String what, Dataset<Row> whole, Dataset<Row> parts, String mass, String... by) {
      this(what, whole, parts, mass, List.of(by));
    }

    /** The groups that do not add up, one row each. */
    private Dataset<Row> offGroups() {
      Column[] keys = keyColumns(by);
      Dataset<Row> left = whole.groupBy(keys).agg(sum(col(mass)).as("whole"));
      Dataset<Row> right = parts.groupBy(keys).agg(sum(col(mass)).as("parts"));
      Dataset<Row> joined = left.join(right, by.toArray(String[]::new), "full");
      Column diff = abs(col("whole").minus(col("parts")));
      Column scale = greatest(abs(col("whole")), abs(col("parts")), lit(1.0));
      return joined.filter(col("whole").isNull().or(col("parts").isNull())
          .or(diff.gt(scale.multiply(TOLERANCE))));
    }

    private String problem(long off) {
      return what + ": " + off + " group(s) of " + by + " do not add up";
    }
  }

  /** One {@link Balance}: {@code parts} summed by {@code by} against {@code whole}. */
  public static List<String> balance(String what, Dataset<Row> whole, Dataset<Row> parts, String mass, String... by) {
    return balances(List.of(new Balance(what, whole, parts, mass, by)));
  }

  /** Several {@link Balance}s, counted in one query; their problems in the order given. */
  public static List<String> balances(List<Balance> checks) {
    return AuditCheck.run(balanceCheck(checks));
  }

  /** Several {@link Balance}s as one check: a part per balance, the groups that do not add up. */
  public static AuditCheck balanceCheck(List<Balance> checks) {
    if (checks.isEmpty()) {
      return AuditCheck.known(List.of());
    }
    Dataset<Row> off = null;
    for (int i = 0; i < checks.size(); i++) {
      Dataset<Row> groups = checks.get(i).offGroups().select(lit(i).as(AuditCheck.PART));
      off = off == null ? groups : off.union(groups);
    }
    Dataset<Row> findings = off.groupBy(AuditCheck.PART)
        .agg(count(lit(1)).as(AuditCheck.FOUND), AuditCheck.noExamples());
    return new AuditCheck(findings, found -> found.stream().map(f -> checks.get(f.part()).problem(f.found())).toList(),
        null);
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
