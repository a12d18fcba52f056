package org.urbanmine.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    try (InputStream in = open(spark, location);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference table " + location, e);
    }
  }

  private static InputStream open(SparkSession spark, String location) throws IOException {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String name = location.substring(CLASSPATH_PREFIX.length());
      InputStream in = ReferenceText.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IOException("no resource " + name + " in the jar");
      }
      return in;
    }
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.open(path);
  }
}
