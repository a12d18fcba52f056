package org.urbanmine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Path, size and SHA-256 of every input file, for the run history and to tell an unchanged
 * rerun. Read on the driver in one pass per file: seconds for hundreds of megabytes.
 */
public final class InputFingerprint {
  private InputFingerprint() {}

  public static List<Map<String, Object>> of(SparkSession spark, String location) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (String file : RawRecordReader.inputFiles(spark, location)) {
      Path path = new Path(file);
      try {
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = new DigestInputStream(fs.open(path), sha)) {
          byte[] buffer = new byte[1 << 16];
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            size += n;
          }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", file);
        entry.put("size_bytes", size);
        entry.put("sha256", HexFormat.of().formatHex(sha.digest()));
        files.add(entry);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read input file " + file, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    }
    return files;
  }
}
