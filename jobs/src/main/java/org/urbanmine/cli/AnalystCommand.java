package org.urbanmine.cli;

import java.io.PrintStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.analyst.QueryOutput;
import org.urbanmine.analyst.SqlQuery;
import org.urbanmine.analyst.TableDescription;
import org.urbanmine.analyst.TableListing;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.S3Access;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.report.ReportJob;
import org.urbanmine.tables.TableSpec;

/**
 * The commands that read the published tables and change no table: {@code tables},
 * {@code describe}, {@code query}, {@code report}. They take no lock; each read sees whole
 * published versions.
 */
final class AnalystCommand {
  private AnalystCommand() {}

  /** {@code describe TABLE}, which needs no Spark: the contract is in the code. */
  static void describe(String name, Settings settings, PrintStream out) {
    TableSpec table = Command.table(name);
    out.print(TableDescription.describe(table, settings.warehouse().replaceAll("/+$", "") + "/" + table.name() + "/"));
  }

  /** {@code tables} or {@code query}, on the warehouse of {@code settings}. */
  static void run(SparkSession spark, Command command, Settings settings, CommandLine line, PrintStream out) {
    S3Access.apply(spark, settings);
    Warehouse warehouse = new Warehouse(spark, settings.warehouse(), "read");
    switch (command) {
      case TABLES -> out.print(TableListing.format(TableListing.list(warehouse, Command.publishedTables())));
      case QUERY -> {
        SqlQuery.registerViews(warehouse, Command.publishedTables());
        Dataset<Row> result = SqlQuery.plan(spark, line.arguments().get(0));
        if (line.output() == null) {
          QueryOutput.print(result, line.format(), out);
        } else {
          out.println("wrote " + QueryOutput.write(result, line.format(), line.output()));
        }
      }
      case REPORT -> out.println("wrote " + ReportJob.write(spark, warehouse, line.output(), settings));
      default -> throw new IllegalArgumentException(command.commandName() + " is not a reading command");
    }
  }
}
