package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.ConfigurationException;

/**
 * Reads recovery-record files as numbered lines: {@code source_file, format, line_number, line}.
 *
 * <p>Each file is read whole ({@code wholetext}) and split here, because line numbers must
 * survive for the rejects table and Spark's line reader does not keep them. A quoted CSV field
 * may therefore not span lines: such a record shows up as malformed rows, never lost.
 */
public final class RawRecordReader {
  public static final String SOURCE_FILE = "source_file";
  public static final String FORMAT = "format";
  public static final String LINE_NUMBER = "line_number";
  public static final String LINE = "line";
  public static final String CSV = "csv";
  public static final String JSONL = "jsonl";

  private RawRecordReader() {}

  /** The {@code *.csv} and {@code *.jsonl} files at {@code location} (a file or a directory). */
  public static List<String> inputFiles(SparkSession spark, String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        throw new ConfigurationException("urbanmine.input.recovery-records must name an existing"
            + " file or directory, got \"" + location + "\"");
      }
      List<String> files = new ArrayList<>();
      FileStatus[] candidates = status.isDirectory() ? fs.listStatus(path) : new FileStatus[] {status};
      for (FileStatus candidate : candidates) {
        if (candidate.isFile() && formatOf(candidate.getPath().getName()) != null) {
          files.add(candidate.getPath().toString());
        }
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
  }

  static String formatOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".jsonl")) {
      return JSONL;
    }
    return null;
  }

  /** Non-blank lines of the files, numbered from 1 as an editor shows them. */
  public static Dataset<Row> readLines(SparkSession spark, List<String> files) {
    Dataset<Row> whole = spark.read()
        .option("wholetext", "true")
        .text(files.toArray(new String[0]))
        .select(col("_metadata.file_name").as(SOURCE_FILE), col("value"));
    return splitLines(whole);
  }

  /** {@code source_file, value} (one row per whole file) to numbered non-blank lines. */
  public static Dataset<Row> splitLines(Dataset<Row> wholeFiles) {
    Column noBom = regexp_replace(col("value"), "^\uFEFF", "");
    Column name = lower(col(SOURCE_FILE));
    return wholeFiles
        .select(col(SOURCE_FILE),
            when(name.endsWith(".jsonl"), JSONL).otherwise(CSV).as(FORMAT),
            posexplode(split(noBom, "\r?\n", -1)))
        .select(col(SOURCE_FILE), col(FORMAT),
            col("pos").plus(1).cast("int").as(LINE_NUMBER),
            col("col").as(LINE))
        .filter(org.apache.spark.sql.functions.trim(col(LINE)).notEqual(""));
  }
}
