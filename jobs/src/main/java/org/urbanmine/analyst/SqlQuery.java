package org.urbanmine.analyst;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.TableSpec;

/**
 * {@code jobs/run query "SQL"}: Spark SQL over the published tables, each registered as a
 * temporary view by its table name (every partition of it, with its partition columns), so
 * {@code SELECT * FROM medal_outlook WHERE scenario = 'baseline'} works as in any catalog.
 */
public final class SqlQuery {
  private SqlQuery() {}

  /** Registers each published table as a view; returns the names registered. */
  public static List<String> registerViews(Warehouse warehouse, List<TableSpec> tables) {
    List<String> registered = new ArrayList<>();
    for (TableSpec table : tables) {
      if (warehouse.isPublished(table)) {
        warehouse.readPublished(table).createOrReplaceTempView(table.name());
        registered.add(table.name());
      }
    }
    return registered;
  }

  /** The query's result, analysed (so a wrong name fails here) but not yet run. */
  public static Dataset<Row> plan(SparkSession spark, String sql) {
    return asBadQuery(() -> spark.sql(sql));
  }

  /**
   * Runs {@code action} on a query's result, turning the errors that the query's text causes
   * (analysis, and data errors such as a division by zero under ANSI SQL) into a
   * {@link BadQueryException}; a failure of the machine or the storage stays what it is.
   */
  public static <T> T asBadQuery(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // Scala throws AnalysisException, a checked exception, undeclared
      if (e instanceof AnalysisException analysis) {
        throw new BadQueryException(analysis.getSimpleMessage(), e);
      }
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SparkThrowable spark && isCausedByTheQuery(spark.getSqlState())) {
          throw new BadQueryException(cause.getMessage(), e);
        }
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  /** SQLSTATE classes 22 (data exception) and 42 (syntax error or access rule violation). */
  private static boolean isCausedByTheQuery(String sqlState) {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("42"));
  }
}
