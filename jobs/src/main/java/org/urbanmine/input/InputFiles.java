package org.urbanmine.input;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.ConfigurationException;

/** Input files: which of a location's files are read, and in which format (told by the name's ending). */
public final class InputFiles {
  public static final String CSV = "csv";
  public static final String JSONL = "jsonl";

  private InputFiles() {}

  /** {@link #CSV}, {@link #JSONL}, or null for a file that is neither (not read). */
  public static String formatOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".jsonl")) {
      return JSONL;
    }
    return null;
  }

  /**
   * The {@code *.csv} and {@code *.jsonl} files at {@code location} (a file or a directory), with
   * their lengths as listed, sorted by path; {@code key} is the setting named when nothing is there.
   */
  public static List<FileStatus> list(SparkSession spark, String location, String key) {
    return list(spark.sparkContext().hadoopConfiguration(), location, key);
  }

  /** As above, through {@code hadoop}'s file systems: before, or without, a Spark session. */
  public static List<FileStatus> list(Configuration hadoop, String location, String key) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        throw new ConfigurationException(key + " must name an existing"
            + " file or directory, got \"" + location + "\"");
      }
      List<FileStatus> files = new ArrayList<>();
      FileStatus[] candidates = status.isDirectory() ? fs.listStatus(path) : new FileStatus[] {status};
      for (FileStatus candidate : candidates) {
        if (candidate.isFile() && formatOf(candidate.getPath().getName()) != null) {
          files.add(candidate);
        }
      }
      files.sort(Comparator.comparing(FileStatus::getPath));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
  }
}
