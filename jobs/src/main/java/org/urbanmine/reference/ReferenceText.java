package org.urbanmine.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Small reference tables (hundreds of rows) read on the driver from the jar
 * ({@code classpath:NAME}) or from any Hadoop file system, then parsed by Spark's own CSV reader.
 */
public final class ReferenceText {
  public static final String CLASSPATH_PREFIX = "classpath:";

  private ReferenceText() {}

  public static Dataset<Row> csv(SparkSession spark, String location, StructType schema) {
    List<String> lines = lines(spark, location);
    return spark.read()
        .option("header", "true")
        .option("enforceSchema", "false")
        .option("mode", "FAILFAST")
        .schema(schema)
        .csv(spark.createDataset(lines, Encoders.STRING()));
  }

  static List<String> lines(SparkSession spark, String location) {
    return lines(spark.sparkContext().hadoopConfiguration(), location);
  }

  /**
   * The rows of a reference CSV without Spark, header skipped, for code that runs before any
   * session (RFC 4180 quoting; a quoted field may not span lines).
   */
  public static List<String[]> rows(Configuration hadoop, String location) {
    List<String> lines = lines(hadoop, location);
    return lines.subList(1, lines.size()).stream().map(ReferenceText::fields).toList();
  }

  public static String[] fields(String line) {
    return fields(line, ',');
  }

  /** As above, the fields split at {@code delimiter} (a comma, semicolon or tab) outside quotes. */
  public static String[] fields(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == delimiter && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields.toArray(new String[0]);
  }

  private static List<String> lines(Configuration hadoop, String location) {
    try (InputStream in = open(hadoop, location);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference table " + location, e);
    }
  }

  private static InputStream open(Configuration hadoop, String location) throws IOException {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String name = location.substring(CLASSPATH_PREFIX.length());
      InputStream in = ReferenceText.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IOException("no resource " + name + " in the jar");
      }
      return in;
    }
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(hadoop);
    return fs.open(path);
  }
}
