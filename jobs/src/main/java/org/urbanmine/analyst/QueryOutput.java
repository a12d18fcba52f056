package org.urbanmine.analyst;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_csv;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.urbanmine.publish.Warehouse;

/**
 * Where a query's result goes: an aligned table on the terminal (the first {@link #PRINTED_ROWS}
 * rows), CSV or JSON lines streamed to standard output, or one file of CSV, JSON lines or
 * Parquet at {@code --output PATH} (local or s3a).
 */
public final class QueryOutput {
  /** Rows an aligned table shows; beyond that a file format is the better tool. */
  public static final int PRINTED_ROWS = 1000;

  /**
   * RFC 4180 quoting (a quote inside a field is doubled), which pandas, DuckDB and spreadsheets
   * read by default; Spark's own default escapes it with a backslash.
   */
  private static final Map<String, String> CSV = Map.of("header", "true", "escape", "\"");

  private QueryOutput() {}

  /** Prints the result in {@code format} (table, csv or json) to {@code out}. */
  public static void print(Dataset<Row> result, String format, PrintStream out) {
    switch (format) {
      case "table" -> out.print(aligned(result));
      case "csv" -> {
        out.println(csvHeader(result));
        stream(result.select(to_csv(struct(columns(result)), CSV).as("line")).as(
            org.apache.spark.sql.Encoders.STRING()), out);
      }
      case "json" -> stream(result.toJSON(), out);
      default -> throw new IllegalArgumentException("no printed format " + format);
    }
  }

  private static void stream(Dataset<String> lines, PrintStream out) {
    // Row by row, a partition at a time: a large result never sits whole in the driver.
    Iterator<String> it = SqlQuery.asBadQuery(lines::toLocalIterator);
    SqlQuery.asBadQuery(() -> {
      it.forEachRemaining(out::println);
      return null;
    });
  }

  /** The first {@link #PRINTED_ROWS} rows as an aligned table, and a line if there are more. */
  static String aligned(Dataset<Row> result) {
    List<Row> rows = SqlQuery.asBadQuery(() -> result.limit(PRINTED_ROWS + 1).collectAsList());
    StructField[] fields = result.schema().fields();
    List<List<String>> cells = new ArrayList<>();
    for (Row row : rows.subList(0, Math.min(rows.size(), PRINTED_ROWS))) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        line.add(cell(row.get(i)));
      }
      cells.add(line);
    }
    String table = AlignedTable.format(Arrays.asList(result.columns()), cells,
        Arrays.stream(fields).map(f -> f.dataType() instanceof NumericType).toList());
    String count = rows.size() > PRINTED_ROWS
        ? "(first " + PRINTED_ROWS + " rows shown; --format csv or --output PATH gives them all)"
        : "(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)");
    return table + count + "\n";
  }

  /** A value as written: doubles in full, without an exponent (143.0, 0.0096), nulls as NULL. */
  static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
    }
    return String.valueOf(value);
  }

  private static String csvHeader(Dataset<Row> result) {
    List<String> names = new ArrayList<>();
    for (String name : result.columns()) {
      boolean quote = name.contains(",") || name.contains("\"") || name.contains("\n") || name.contains("\r");
      names.add(quote ? "\"" + name.replace("\"", "\"\"") + "\"" : name);
    }
    return String.join(",", names);
  }

  private static Column[] columns(Dataset<Row> result) {
    return Arrays.stream(result.columns()).map(c -> col("`" + c.replace("`", "``") + "`")).toArray(Column[]::new);
  }

  /**
   * Writes the whole result to the one file {@code output} in {@code format} (csv, json or
   * parquet), replacing it: Spark writes a directory beside it, whose one part file then takes
   * the name, so a reader never sees half a file under {@code output}.
   *
   * @return the path written, as a user would type it
   */
  public static String write(Dataset<Row> result, String format, String output) {
    Path target = new Path(output);
    try {
      FileSystem checked = target.getFileSystem(result.sparkSession().sparkContext().hadoopConfiguration());
      // Locally, without Hadoop's checksum layer, which would leave a .NAME.crc beside the file.
      FileSystem fs = checked instanceof LocalFileSystem local ? local.getRaw() : checked;
      target = fs.makeQualified(target);
      Path scratch = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
      try {
        DataFrameWriter<Row> plain = result.coalesce(1).write().mode(SaveMode.Overwrite);
        DataFrameWriter<Row> writer = switch (format) {
          case "csv" -> plain.options(CSV).format("csv");
          case "json" -> plain.format("json");
          case "parquet" -> plain.option("compression", Warehouse.COMPRESSION).format("parquet");
          default -> throw new IllegalArgumentException("no file format " + format);
        };
        String dir = scratch.toString();
        SqlQuery.asBadQuery(() -> {
          writer.save(dir);
          return null;
        });
        Path part = null;
        for (FileStatus file : fs.listStatus(scratch)) {
          if (file.getPath().getName().startsWith("part-")) {
            part = file.getPath();
          }
        }
        if (part == null) {
          // Spark writes no CSV or JSON part for an empty result: the file still says what it is.
          part = new Path(scratch, "empty");
          try (java.io.OutputStream stream = fs.create(part, true)) {
            stream.write("csv".equals(format)
                ? (csvHeader(result) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0]);
          }
        }
        fs.delete(target, false);
        if (!fs.rename(part, target)) {
          throw new IOException("cannot rename " + part + " to " + target);
        }
      } finally {
        fs.delete(scratch, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the query's result to " + output, e);
    }
    return Warehouse.display(target);
  }
}
