package org.urbanmine.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A check across staged tables, not yet run: what it finds as a small Dataset of
 * {@link #PART}, {@link #FOUND} and {@link #EXAMPLES}, and how to say that in words. The pipeline
 * collects every stage's checks together, in a query or two ({@link #run}): each check on its own
 * was a job, a few hundred milliseconds in a short run whatever the tables' size.
 *
 * @param findings a row per part of the check (a rule, a pair of tables): how many rows break it
 *     (rows with none may be left out or say 0) and, optionally, the first few in words; null for
 *     a check whose outcome needs no query
 * @param describe the problems in words, from the parts that found something (sorted by part;
 *     empty when none did); it may query the tables again to list examples, since that happens
 *     only when the run is failing anyway
 * @param release what to free once the findings are collected (cached inputs), or null
 */
public record AuditCheck(Dataset<Row> findings, Function<List<Finding>, List<String>> describe, Runnable release) {
  public static final String PART = "part";
  public static final String FOUND = "found";
  public static final String EXAMPLES = "examples";
  private static final String CHECK = "check";

  /** One part of a check that found rows: how many, and the examples it gave (possibly none). */
  public record Finding(int part, long found, List<String> examples) {}

  /** A check whose problems are already known, for a stage whose audit needs no Spark query. */
  public static AuditCheck known(List<String> problems) {
    return new AuditCheck(null, found -> problems, null);
  }

  /** A part of a check that lists no examples: {@code examples} as a null array of strings. */
  public static Column noExamples() {
    return lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)).as(EXAMPLES);
  }

  /** {@code checks}' problems in the order given; every check's findings collected in one query. */
  public static List<String> run(List<AuditCheck> checks) {
    return run(checks, 1);
  }

  /**
   * As above, the checks dealt into {@code lanes} queries (check i to lane i mod lanes) that run
   * side by side: each query is planned on the driver, which one query does on one thread.
   */
  public static List<String> run(List<AuditCheck> checks, int lanes) {
    try {
      List<Callable<List<Row>>> queries = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        Dataset<Row> all = null;
        for (int i = lane; i < checks.size(); i += lanes) {
          Dataset<Row> findings = checks.get(i).findings();
          if (findings != null) {
            Dataset<Row> tagged = findings.select(lit(i).as(CHECK), col(PART).cast(DataTypes.IntegerType),
                col(FOUND).cast(DataTypes.LongType), col(EXAMPLES));
            all = all == null ? tagged : all.union(tagged);
          }
        }
        if (all != null) {
          Dataset<Row> query = all.filter(col(FOUND).gt(0));
          queries.add(query::collectAsList);
        }
      }
      Map<Integer, List<Finding>> byCheck = new TreeMap<>();
      for (Row r : collectSideBySide(queries)) {
        byCheck.computeIfAbsent(r.getInt(0), k -> new ArrayList<>())
            .add(new Finding(r.getInt(1), r.getLong(2), r.isNullAt(3) ? List.of() : r.getList(3)));
      }
      List<String> problems = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        List<Finding> found = byCheck.getOrDefault(i, new ArrayList<>());
        found.sort(Comparator.comparingInt(Finding::part));
        problems.addAll(checks.get(i).describe().apply(found));
      }
      return problems;
    } finally {
      checks.stream().map(AuditCheck::release).filter(r -> r != null).forEach(Runnable::run);
    }
  }

  /** Every query's rows, the queries run side by side. */
  private static List<Row> collectSideBySide(List<Callable<List<Row>>> queries) {
    if (queries.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(queries.size());
    try {
      List<Row> rows = new ArrayList<>();
      for (Future<List<Row>> query : pool.invokeAll(queries)) {
        rows.addAll(query.get());
      }
      return rows;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the audit was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One check run alone. */
  public static List<String> run(AuditCheck check) {
    return run(List.of(check));
  }
}
