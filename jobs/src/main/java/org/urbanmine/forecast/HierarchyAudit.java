package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
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
import org.urbanmine.tables.AggregateDrawsTable;
import org.urbanmine.tables.CountryDrawsTable;

/**
 * The nightly audit of the hierarchy, on the staged tables, before anything is published. Both
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
  public static List<String> check(Settings settings, Dataset<Row> drivers, Dataset<Row> countryDraws,
      Dataset<Row> aggregateDraws) {
    int[] sample = sample(settings.uncertainty().draws());
    Dataset<Row> countries = sampled(countryDraws.withColumn(CountryChain.SCOPE_LEVEL, lit(CountryChain.COUNTRY))
        .withColumn(CountryChain.SCOPE, col(CountryDrawsTable.COUNTRY_CODE)), sample,
        col(CountryDrawsTable.REGION), col(CountryDrawsTable.SUB_REGION)).cache();
    Dataset<Row> aggregates = sampled(aggregateDraws, sample).cache();
    try {
      List<String> problems = new ArrayList<>(badDraws(countries.unionByName(aggregates, true)));
      problems.addAll(findings(sums(countries).join(aggregates.withColumnRenamed(VALUES, OTHER), KEY, "full_outer"),
          RELATIVE_TOLERANCE, true, "differ(s) from the sum of its countries by more than " + RELATIVE_TOLERANCE
              + " relative (values: the sum of country_draws, then aggregate_draws)", sample.length));
      Dataset<Row> input = drivers.select(Arrays.stream(CountryChain.INPUT_SCHEMA.fieldNames())
          .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
      CountryChain raised = new CountryChain(settings.drivers(), settings.uncertainty().seed(), sample,
          settings.forecast().firstYear(), settings.forecast().horizon(), settings.forecast().intervalLevel(), STEP);
      Dataset<Row> staged = countries.select(SAMPLED.fieldNames()[0], Arrays.copyOfRange(SAMPLED.fieldNames(), 1, 5))
          .unionByName(aggregates).withColumnRenamed(VALUES, OTHER);
      problems.addAll(findings(sampled(raised.run(input), CountryChain.allDraws(sample.length)).join(staged, KEY,
          "full_outer"), 1e-12, false, "get(s) less metal with every collection rate raised by " + STEP
              + " (values: raised, then as staged)", sample.length));
      return problems;
    } finally {
      countries.unpersist();
      aggregates.unpersist();
    }
  }

  /**
   * {@code scope_level, scope, metal, year, values}: values[0] the all-fixed mass_kg, values[1] the
   * least of all draws (NaN if any is NaN), values[j + 2] draw {@code sample[j]} of draws_kg; plus the
   * {@code keep} columns.
   */
  private static Dataset<Row> sampled(Dataset<Row> draws, int[] sample, Column... keep) {
    List<Column> values = new ArrayList<>(List.of(col(CountryChain.MASS_KG),
        // Every draw, not only the sample, must be a number and not negative: NaN sorts above every
        // number, so it shows in the maximum, a negative draw in the minimum.
        when(isnan(array_max(col(CountryChain.DRAWS_KG))), lit(Double.NaN))
            .otherwise(array_min(col(CountryChain.DRAWS_KG)))));
    for (int d : sample) {
      values.add(col(CountryChain.DRAWS_KG).getItem(d));
    }
    List<Column> out = new ArrayList<>(List.of(col(CountryChain.SCOPE_LEVEL), col(CountryChain.SCOPE),
        col(CountryChain.METAL), col(CountryChain.YEAR)));
    out.addAll(List.of(keep));
    out.add(array(values.toArray(new Column[0])).as(VALUES));
    return draws.select(out.toArray(new Column[0]));
  }

  /** Rows with a NaN or negative draw (values[1], the least draw). */
  private static List<String> badDraws(Dataset<Row> sampled) {
    Column least = col(VALUES).getItem(1);
    Row found = sampled.agg(count(when(isnan(least).or(least.lt(0)), lit(1))),
        first(when(isnan(least).or(least.lt(0)), concat_ws(" ", col(CountryChain.SCOPE_LEVEL), col(CountryChain.SCOPE),
            col(CountryChain.METAL), col(CountryChain.YEAR).cast("string"))), true)).first();
    return found.getLong(0) == 0 ? List.of() : List.of(found.getLong(0) + " row(s) of " + CountryDrawsTable.TABLE.name()
        + "/" + AggregateDrawsTable.TABLE.name() + " with a negative or NaN draw; e.g. " + found.getString(1));
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
   * values at least other less {@code tolerance} relative. One line: the count and an example.
   */
  private static List<String> findings(Dataset<Row> joined, double tolerance, boolean equal, String what, int sampled) {
    Dataset<Row> bad = joined.filter((FilterFunction<Row>) r -> {
      if (r.isNullAt(r.fieldIndex(VALUES)) || r.isNullAt(r.fieldIndex(OTHER))) {
        return true;
      }
      List<Double> a = r.getList(r.fieldIndex(VALUES));
      List<Double> b = r.getList(r.fieldIndex(OTHER));
      for (int i = 0; i < a.size(); i++) {
        if (i == 1) {
          continue; // the least draw, checked by badDraws: no sum or order to compare
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
    List<Row> examples = bad.limit(3).collectAsList();
    if (examples.isEmpty()) {
      return List.of();
    }
    long n = examples.size() < 3 ? examples.size() : bad.count();
    List<String> shown = examples.stream().map(r -> r.getAs(CountryChain.SCOPE_LEVEL) + " " + r.getAs(CountryChain.SCOPE)
        + " " + r.getAs(CountryChain.METAL) + " " + r.getAs(CountryChain.YEAR) + " " + r.get(r.fieldIndex(VALUES))
        + " vs " + r.get(r.fieldIndex(OTHER))).toList();
    return List.of(n + " row(s) of " + AggregateDrawsTable.TABLE.name() + "/" + CountryDrawsTable.TABLE.name()
        + " (all fixed and " + sampled + " sampled draws) " + what + "; e.g. " + String.join("; ", shown));
  }
}
