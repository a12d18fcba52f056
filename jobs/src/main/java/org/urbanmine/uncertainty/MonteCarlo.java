package org.urbanmine.uncertainty;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Monte Carlo draws of the uncertain assumptions, as Spark rows, and percentiles over them.
 *
 * <p>Draw {@code d} of assumption {@code name} is {@code quantile(u)} with u a stateless hash of
 * (seed, d, name): chained SplitMix64 finalisers over the seed, a 64-bit FNV-1a hash of the
 * name's UTF-8 bytes and the draw number. So a draw does not depend on the partitioning, on the
 * order rows are computed in, nor on which other assumptions are drawn beside it: adding an
 * assumption leaves the others' draws as they were. Assumptions are drawn independently.
 */
public final class MonteCarlo {
  public static final String DRAW = "draw";
  public static final String P5 = "p5";
  public static final String P50 = "p50";
  public static final String P95 = "p95";

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

  private MonteCarlo() {}

  /**
   * {@code n} rows: {@code draw} (int, 0 to n - 1) and one double column per assumption, named by
   * its key in {@code assumptions} ([a-z0-9_]+, not "draw"), in the map's order. The draws are
   * spread over Spark's default parallelism.
   */
  public static Dataset<Row> draws(SparkSession spark, LinkedHashMap<String, Distribution> assumptions,
      int n, long seed) {
    return draws(spark, assumptions, n, seed, spark.sparkContext().defaultParallelism());
  }

  /** As {@link #draws(SparkSession, LinkedHashMap, int, long)}, over {@code partitions} partitions; the rows are the same. */
  public static Dataset<Row> draws(SparkSession spark, LinkedHashMap<String, Distribution> assumptions,
      int n, long seed, int partitions) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least 1 draw, got " + n);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("need at least 1 partition, got " + partitions);
    }
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(DRAW, DataTypes.IntegerType, false));
    for (Map.Entry<String, Distribution> e : assumptions.entrySet()) {
      String name = e.getKey();
      if (name == null || !NAME.matcher(name).matches() || name.equals(DRAW)) {
        throw new IllegalArgumentException(
            "assumption names must match [a-z0-9_]+ and not be \"" + DRAW + "\", got \"" + name + "\"");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("assumption " + name + " has no distribution");
      }
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
    }
    StructType schema = DataTypes.createStructType(fields);
    return spark.range(0, n, 1, partitions)
        .map(new Draw(seed, assumptions), Encoders.row(schema));
  }

  /** Computes one row from the draw number alone. */
  private static final class Draw implements MapFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private final long[] nameHashes;
    private final Distribution[] distributions;

    Draw(long seed, LinkedHashMap<String, Distribution> assumptions) {
      this.seed = seed;
      this.nameHashes = assumptions.keySet().stream().mapToLong(MonteCarlo::nameHash).toArray();
      this.distributions = assumptions.values().toArray(new Distribution[0]);
    }

    @Override
    public Row call(Long draw) {
      Object[] values = new Object[1 + distributions.length];
      values[0] = draw.intValue();
      for (int i = 0; i < distributions.length; i++) {
        values[i + 1] = distributions[i].quantile(uniform(seed, draw, nameHashes[i]));
      }
      return RowFactory.create(values);
    }
  }

  /**
   * Draw {@code draw} of the assumption {@code name} drawn from {@code distribution}: the same value
   * {@link #draws} gives in that draw's row, computed where it is needed (a task drawing one
   * country's own factor, or the shared factors for a sample of draws) instead of joined in.
   */
  public static double value(Distribution distribution, long seed, long draw, String name) {
    return distribution.quantile(uniform(seed, draw, nameHash(name)));
  }

  /** Draw {@code draw} of a standard normal variable named {@code name} (a country's own factor, say). */
  public static double standardNormal(long seed, long draw, String name) {
    return Normal.quantile(uniform(seed, draw, nameHash(name)));
  }

  /**
   * The percentile at {@code p} (0 to 1) of values sorted ascending, as Spark's {@code percentile}
   * computes it: linearly interpolated at position (count - 1) p.
   */
  public static double percentileOfSorted(double[] sorted, double p) {
    double position = (sorted.length - 1) * p;
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    // Spark's own arithmetic, so that the two agree to the last bit.
    return lower == upper ? sorted[lower]
        : (upper - position) * sorted[lower] + (position - lower) * sorted[upper];
  }

  /** The u of draw {@code draw} of the assumption whose name hashes to {@code nameHash}. */
  static double uniform(long seed, long draw, long nameHash) {
    long x = splitMix64(seed);
    x = splitMix64(x ^ nameHash);
    x = splitMix64(x ^ draw);
    return unitInterval(x);
  }

  /**
   * 52 random bits as ((x &gt;&gt;&gt; 12) + 0.5) / 2^52: the midpoints of 2^52 equal cells, from
   * 2^-53 to 1 - 2^-53, never 0 or 1, and symmetric (u and 1 - u both occur, both exact). With 53
   * bits, (2^53 - 1) + 0.5 is a tie that rounds to 2^53, which would give u = 1.
   */
  static double unitInterval(long x) {
    return ((x >>> 12) + 0.5) * 0x1.0p-52;
  }

  /** The SplitMix64 generator's step and finaliser (Steele, Lea and Flood 2014): a bijection on longs. */
  static long splitMix64(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64-bit FNV-1a of the name's UTF-8 bytes: fixed by the name alone, unlike a JVM's hash seeds. */
  static long nameHash(String name) {
    long h = 0xCBF29CE484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }

  /**
   * Per group of {@code keys} (one row for all when there are none): {@code p5}, {@code p50} and
   * {@code p95} of {@code value} over the draws, with Spark's exact {@code percentile}, which sorts
   * the group's values and interpolates linearly at position (count - 1) p. Nulls are left out.
   * Columns: keys..., p5, p50, p95 (doubles).
   */
  public static Dataset<Row> percentiles(Dataset<Row> perDraw, String value, String... keys) {
    LinkedHashMap<String, Double> levels = new LinkedHashMap<>();
    levels.put(P5, 0.05);
    levels.put(P50, 0.5);
    levels.put(P95, 0.95);
    return quantiles(perDraw, value, levels, keys);
  }

  /** As {@link #percentiles}, at the given levels (0 to 1), each in a column of the given name. */
  public static Dataset<Row> quantiles(Dataset<Row> perDraw, String value, LinkedHashMap<String, Double> levels,
      String... keys) {
    Column[] groups = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      groups[i] = col(keys[i]);
    }
    String ps = "__percentiles";
    List<Column> out = new ArrayList<>(List.of(groups));
    List<Column> at = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Double> level : levels.entrySet()) {
      out.add(col(ps).getItem(i++).as(level.getKey()));
      at.add(lit(level.getValue()));
    }
    return perDraw.groupBy(groups)
        .agg(percentile(col(value).cast(DataTypes.DoubleType), array(at.toArray(new Column[0]))).as(ps))
        .select(out.toArray(new Column[0]));
  }
}
