package org.urbanmine.input;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A tabular input named by a setting (put-on-market data, population, the published e-waste
 * figures): a CSV file, or a directory whose {@code *.csv} files are all read, so that a
 * SOURCES or README file kept beside the data is not taken for data. The files are the ones
 * {@link InputFingerprint} records for the run. Read with a header, {@code NA} as the missing
 * value, and the given schema; a malformed row fails the read.
 */
public final class CsvInput {
  private CsvInput() {}

  /** @param key the setting that names {@code location}, named when nothing is there */
  public static Dataset<Row> read(SparkSession spark, String location, String key, StructType schema) {
    String[] files = InputFiles.list(spark, location, key).stream()
        .filter(s -> InputFiles.CSV.equals(InputFiles.formatOf(s.getPath().getName())))
        .map(FileStatus::getPath).map(Object::toString).toArray(String[]::new);
    if (files.length == 0) {
      throw new org.urbanmine.config.ConfigurationException(key + " must name a CSV file or a directory with"
          + " *.csv files, got \"" + location + "\"");
    }
    return spark.read().option("header", "true").option("mode", "FAILFAST").option("nullValue", "NA")
        .schema(schema).csv(files);
  }
}
