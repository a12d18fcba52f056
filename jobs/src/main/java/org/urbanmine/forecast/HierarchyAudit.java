package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.MetalContent;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.tables.AggregateDrawsTable;
import org.urbanmine.tables.CountryDrawsTable;

/**
 * The nightly audit of the hierarchy, on the rows staged, before anything is published. Both
 * checks look at the all-fixed value and a fixed sample of draws ({@link #sample}: every draw up to
 * {@value #SAMPLE}, else {@value #SAMPLE} spread evenly), so their cost does not grow with the
 * number of draws.
 *
 * <ul>
 *   <li>Every draw of {@code country_draws} and {@code aggregate_draws} is a number, not negative
 *       (this audit reads the draws; the tables' own audit leaves arrays to it).
 *   <li>Coherence: every sub-region, region and the world equals the sum of its countries in
 *       {@code country_draws}, in each sampled draw, to {@value #RELATIVE_TOLERANCE} relative; an
 *       aggregate without countries, or countries without their aggregate, is a failure too. The
 *       sums are added again here from the staged country rows, not taken from the model.
 *   <li>Monotone collection: the country model rerun on the same draws with every collection rate
 *       raised by {@value #STEP} gives no scope, metal, year or draw less metal than was staged.
 * </ul>
 */
public final class HierarchyAudit {
  /** How far the monotonicity check raises every collection rate: five percentage points. */
  public static final double STEP = 0.05;
  static final double RELATIVE_TOLERANCE = 1e-9;
  static final int SAMPLE = 50;
  private static final String VALUES = "values";
  private static final String OTHER = "other";
  private static final String[] KEY = {CountryChain.SCOPE_LEVEL, CountryChain.SCOPE, CountryChain.METAL,
      CountryChain.YEAR};
  private static final StructType SAMPLED = new StructType()
      .add(CountryChain.SCOPE_LEVEL, DataTypes.StringType).add(CountryChain.SCOPE, DataTypes.StringType)
      .add(CountryChain.METAL, DataTypes.StringType).add(CountryChain.YEAR, DataTypes.IntegerType)
      .add(VALUES, DataTypes.createArrayType(DataTypes.DoubleType));

  private HierarchyAudit() {}

  /** The draws checked: all of {@code 0..n-1} up to {@value #SAMPLE}, else {@value #SAMPLE} spread evenly. */
  public static int[] sample(int draws) {
    int k = Math.min(draws, SAMPLE);
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = (int) ((long) j * draws / k);
    }
    return out;
  }

  /** Problems found by both checks, in words; none when the hierarchy holds. */
  public static List<String> check(Settings settings, MetalContent content, Dataset<Row> drivers,
      Dataset<Row> countryDraws, Dataset<Row> aggregateDraws) {
    return AuditCheck.run(deferred(settings, content, drivers, countryDraws, aggregateDraws));
  }

  /**
   * {@link #check}, unrun: for the pipeline to collect with the run's other checks. Every check's
   * rows are counted together, with the first three of each in key order.
   */
  public static AuditCheck deferred(Settings settings, MetalContent content, Dataset<Row> drivers,
      Dataset<Row> countryDraws, Dataset<Row> aggregateDraws) {
    int[] sample = sample(settings.uncertainty().draws());
    Dataset<Row> countries = sampled(countryDraws.withColumn(CountryChain.SCOPE_LEVEL, lit(CountryChain.COUNTRY))
        .withColumn(CountryChain.SCOPE, col(CountryDrawsTable.COUNTRY_CODE)), sample,
        CountryDrawsTable.REGION, CountryDrawsTable.SUB_REGION).cache();
    Dataset<Row> aggregates = sampled(aggregateDraws, sample).cache();
    Column least = col(VALUES).getItem(1);
    Dataset<Row> badDraws = countries.unionByName(aggregates, true)
        .filter(isnan(least).or(least.lt(0)))
        .withColumn(OTHER, lit(null).cast(SAMPLED.apply(VALUES).dataType()));
    Dataset<Row> incoherent = breaking(sums(countries).join(aggregates.withColumnRenamed(VALUES, OTHER), KEY,
        "full_outer"), RELATIVE_TOLERANCE, true);
    Dataset<Row> input = drivers.select(Arrays.stream(CountryChain.INPUT_SCHEMA.fieldNames())
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    CountryChain raised = new CountryChain(settings.drivers(), content, settings.uncertainty().seed(), sample,
        settings.forecast().firstYear(), settings.forecast().horizon(), settings.forecast().intervalLevel(), STEP);
    Dataset<Row> staged = countries.select(SAMPLED.fieldNames()[0], Arrays.copyOfRange(SAMPLED.fieldNames(), 1, 5))
        .unionByName(aggregates).withColumnRenamed(VALUES, OTHER);
    Dataset<Row> lessMetal = breaking(sampled(raised.runDraws(input), CountryChain.allDraws(sample.length))
        .join(staged, KEY, "full_outer"), 1e-12, false);
    Dataset<Row> found = tagged(BAD_DRAW, badDraws).unionByName(tagged(INCOHERENT, incoherent))
        .unionByName(tagged(LESS_METAL, lessMetal));
    // A bad draw is named by its key; the other checks show both sides' values.
    Column keyText = concat_ws(" ", col(KEY[0]), col(KEY[1]), col(KEY[2]), col(KEY[3]).cast(DataTypes.StringType));
    Column example = when(col(CHECK).equalTo(BAD_DRAW), keyText).otherwise(concat_ws(" ", keyText,
        coalesce(col(VALUES).cast(DataTypes.StringType), lit("null")), lit("vs"),
        coalesce(col(OTHER).cast(DataTypes.StringType), lit("null"))));
    Dataset<Row> findings = found.groupBy(col(CHECK).as(AuditCheck.PART))
        .agg(count(lit(1)).as(AuditCheck.FOUND), slice(sort_array(collect_list(struct(col(KEY[0]), col(KEY[1]),
            col(KEY[2]), col(KEY[3]), example.as(EXAMPLE)))), 1, EXAMPLES).getField(EXAMPLE).as(AuditCheck.EXAMPLES));
    return new AuditCheck(findings, checks -> checks.stream().map(f -> switch (f.part()) {
      case BAD_DRAW -> f.found() + " row(s) of " + CountryDrawsTable.TABLE.name() + "/"
          + AggregateDrawsTable.TABLE.name() + " with a negative or NaN draw; e.g. " + f.examples().get(0);
      case INCOHERENT -> finding(f, "differ(s) from the sum of its countries by more than " + RELATIVE_TOLERANCE
          + " relative (values: the sum of country_draws, then aggregate_draws)", sample.length);
      default -> finding(f, "get(s) less metal with every collection rate raised by " + STEP
          + " (values: raised, then as staged)", sample.length);
    }).toList(), () -> {
      countries.unpersist();
      aggregates.unpersist();
    });
  }

  private static final String CHECK = "check";
  private static final String EXAMPLE = "example";
  private static final int EXAMPLES = 3;
  private static final int BAD_DRAW = 0;
  private static final int INCOHERENT = 1;
  private static final int LESS_METAL = 2;

  /** {@code check, scope_level, scope, metal, year, values, other} of the rows a check found. */
  private static Dataset<Row> tagged(int check, Dataset<Row> rows) {
    return rows.select(lit(check).as(CHECK), col(CountryChain.SCOPE_LEVEL), col(CountryChain.SCOPE),
        col(CountryChain.METAL), col(CountryChain.YEAR), col(VALUES), col(OTHER));
  }

  /** One line: how many rows break the rule, and the examples with their values. */
  private static String finding(AuditCheck.Finding f, String what, int sampled) {
    return f.found() + " row(s) of " + AggregateDrawsTable.TABLE.name() + "/" + CountryDrawsTable.TABLE.name()
        + " (all fixed and " + sampled + " sampled draws) " + what + "; e.g. " + String.join("; ", f.examples());
  }

  /**
   * {@code scope_level, scope, metal, year, values}: values[0] the all-fixed mass_kg, values[1] the
   * least of all draws (NaN if any is NaN), values[j + 2] draw {@code sample[j]} of draws_kg; plus the
   * {@code keep} columns. In Java over each row's draws: one pass for the least, where Spark's
   * array_min and array_max, interpreted, took two and most of the audit's time.
   */
  private static Dataset<Row> sampled(Dataset<Row> draws, int[] sample, String... keep) {
    List<String> columns = new ArrayList<>(List.of(CountryChain.SCOPE_LEVEL, CountryChain.SCOPE, CountryChain.METAL,
        CountryChain.YEAR));
    columns.addAll(List.of(keep));
    StructType schema = new StructType();
    for (String c : columns) {
      schema = schema.add(draws.schema().apply(c));
    }
    schema = schema.add(VALUES, SAMPLED.apply(VALUES).dataType());
    int n = columns.size();
    List<Column> picked = new ArrayList<>(columns.stream().map(org.apache.spark.sql.functions::col).toList());
    picked.add(col(CountryChain.MASS_KG));
    picked.add(col(CountryChain.DRAWS_KG));
    return draws.select(picked.toArray(new Column[0])).map((MapFunction<Row, Row>) r -> {
      Object[] v = new Object[n + 1];
      for (int i = 0; i < n; i++) {
        v[i] = r.get(i);
      }
      v[n] = values(r.isNullAt(n) ? null : r.getDouble(n), r.isNullAt(n + 1) ? null : r.getList(n + 1), sample);
      return RowFactory.create(v);
    }, Encoders.row(schema));
  }

  /** {@link #sampled}'s values of one row. */
  private static Double[] values(Double mass, List<Double> draws, int[] sample) {
    Double[] out = new Double[sample.length + 2];
    out[0] = mass;
    if (draws != null) {
      // Every draw, not only the sample, must be a number and not negative: NaN shows as the
      // least, else the least number (the first of -0.0 and 0.0, as array_min keeps it).
      Double least = null;
      for (Double d : draws) {
        if (d == null) {
          continue;
        }
        if (Double.isNaN(d)) {
          least = Double.NaN;
          break;
        }
        if (least == null || d < least) {
          least = d;
        }
      }
      out[1] = least;
      for (int j = 0; j < sample.length; j++) {
        out[j + 2] = draws.get(sample[j]);
      }
    }
    return out;
  }

  /** The sub-regions', regions' and world's sums of the sampled country rows, value by value. */
  private static Dataset<Row> sums(Dataset<Row> countries) {
    return countries.groupByKey((MapFunction<Row, String>) r -> r.getAs(CountryChain.METAL) + "/"
            + r.<Integer>getAs(CountryChain.YEAR), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> {
          Map<List<String>, double[]> totals = new HashMap<>();
          String metal = null;
          int year = 0;
          while (rows.hasNext()) {
            Row r = rows.next();
            metal = r.getAs(CountryChain.METAL);
            year = r.getAs(CountryChain.YEAR);
            List<Double> v = r.getList(r.fieldIndex(VALUES));
            for (List<String> scope : List.of(List.of(CountryChain.WORLD, CountryChain.WORLD_SCOPE),
                Arrays.asList(CountryChain.REGION_LEVEL, r.<String>getAs(CountryDrawsTable.REGION)),
                Arrays.asList(CountryChain.SUB_REGION_LEVEL, r.<String>getAs(CountryDrawsTable.SUB_REGION)))) {
              if (scope.get(1) == null) {
                continue;
              }
              double[] total = totals.computeIfAbsent(scope, s -> new double[v.size()]);
              for (int i = 0; i < total.length; i++) {
                total[i] += v.get(i);
              }
            }
          }
          List<Row> out = new ArrayList<>();
          for (Map.Entry<List<String>, double[]> t : totals.entrySet()) {
            out.add(RowFactory.create(t.getKey().get(0), t.getKey().get(1), metal, year,
                t.getValue()));
          }
          return out.iterator();
        }, Encoders.row(SAMPLED));
  }

  /**
   * Rows of {@code joined} ({@code values} against {@code other}) where a side is missing or a
   * value breaks the rule: |values - other| within {@code tolerance} relative ({@code equal}), or
   * values at least other less {@code tolerance} relative.
   */
  private static Dataset<Row> breaking(Dataset<Row> joined, double tolerance, boolean equal) {
    return joined.filter((FilterFunction<Row>) r -> {
      if (r.isNullAt(r.fieldIndex(VALUES)) || r.isNullAt(r.fieldIndex(OTHER))) {
        return true;
      }
      List<Double> a = r.getList(r.fieldIndex(VALUES));
      List<Double> b = r.getList(r.fieldIndex(OTHER));
      for (int i = 0; i < a.size(); i++) {
        if (i == 1) {
          continue; // the least draw, checked for NaN and negatives: no sum or order to compare
        }
        double x = a.get(i);
        double y = b.get(i);
        boolean ok = equal ? Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y))
            : x >= y - tolerance * Math.abs(y);
        if (!ok) {
          return true;
        }
      }
      return false;
    });
  }
}
