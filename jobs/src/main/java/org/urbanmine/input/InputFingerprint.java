package org.urbanmine.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.publish.RunHistory;

/**
 * Path, size and SHA-256 of every input file, for the run history, to tell an unchanged rerun,
 * and to check that Spark later reads exactly these bytes. Read on the driver in one pass per
 * file: seconds for hundreds of megabytes.
 *
 * <p>A read must return as many bytes as the listing said. Object stores do not always fail
 * loudly: an S3 answer cut inside its headers reaches S3A as an empty body with no error, so a
 * short read is retried a few times and then fails the run.
 */
public final class InputFingerprint {
  private static final Logger LOG = LoggerFactory.getLogger(InputFingerprint.class);
  static final int READ_ATTEMPTS = 3;

  /**
   * One input file as the run first read it.
   *
   * @param header for a CSV file, its first non-blank line as read with the same bytes (so the
   *     parser needs no pass of its own to find it); null for other files, empty ones, and files
   *     not read because an earlier run's fingerprint was reused
   * @param sha256 the file's fingerprint; null for a file listed but not read yet
   * @param modifiedAt the modification time the listing gave, milliseconds since the epoch
   * @param etag the object's ETag where the storage gives one (S3), else null
   */
  public record InputFile(String path, String name, long sizeBytes, String sha256, CsvHeader header,
      long modifiedAt, String etag) {
    public InputFile(String path, String name, long sizeBytes, String sha256, CsvHeader header, long modifiedAt) {
      this(path, name, sizeBytes, sha256, header, modifiedAt, null);
    }

    /** The file as listed, not read: no fingerprint or header yet. */
    public static InputFile listed(FileStatus status) {
      return new InputFile(status.getPath().toString(), status.getPath().getName(), status.getLen(), null, null,
          status.getModificationTime(), status instanceof EtagSource source ? source.getEtag() : null);
    }

    /** This file with its fingerprint, as the tasks that read it took it. */
    public InputFile withSha256(String fingerprint) {
      return new InputFile(path, name, sizeBytes, fingerprint, header, modifiedAt, etag);
    }

    /** This file with its CSV header. */
    public InputFile withHeader(CsvHeader csvHeader) {
      return new InputFile(path, name, sizeBytes, sha256, csvHeader, modifiedAt, etag);
    }

    /** The run-history form: path, size_bytes, sha256, modified_at. */
    public Map<String, Object> asMap() {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", path);
      entry.put("size_bytes", sizeBytes);
      entry.put("sha256", sha256);
      entry.put(RunHistory.MODIFIED_AT, modifiedAt);
      return entry;
    }
  }

  /**
   * An earlier fingerprint of a file that may stand for reading it again, e.g. one the run
   * history recorded with the same size and modification time; empty to read the file.
   */
  public interface Known {
    Optional<InputFile> of(FileStatus status);

    Known NOTHING = status -> Optional.empty();
  }

  private InputFingerprint() {}


  /** As {@link #of(SparkSession, String)}; {@code key} is the setting named when nothing is there. */
  public static List<InputFile> of(SparkSession spark, String location, String key) {
    return of(spark, location, key, Known.NOTHING);
  }

  /** As above, taking {@code known} fingerprints instead of reading the files they stand for. */
  public static List<InputFile> of(SparkSession spark, String location, String key, Known known) {
    return of(spark.sparkContext().hadoopConfiguration(), location, key, known);
  }

  /** As above, through {@code hadoop}'s file systems: before, or without, a Spark session. */
  public static List<InputFile> of(Configuration hadoop, String location, String key, Known known) {
    List<InputFile> files = new ArrayList<>();
    for (FileStatus status : InputFiles.list(hadoop, location, key)) {
      files.add(known.of(status).orElseGet(() -> read(hadoop, status)));
    }
    return files;
  }

  /** As above, reading every file. */
  public static List<InputFile> of(Configuration hadoop, String location, String key) {
    return of(hadoop, location, key, Known.NOTHING);
  }

  /**
   * The files at {@code location} with the fingerprints {@code known} has for them, and for the
   * others only what the listing says: read by no one yet (their tasks fingerprint them).
   */
  public static List<InputFile> listed(Configuration hadoop, String location, String key, Known known) {
    List<InputFile> files = new ArrayList<>();
    for (FileStatus status : InputFiles.list(hadoop, location, key)) {
      files.add(known.of(status).orElseGet(() -> InputFile.listed(status)));
    }
    return files;
  }

  /** The most bytes read from the start of a CSV file to find its header. */
  public static final int HEAD_LIMIT = 1 << 20;

  /**
   * A CSV file's header: its first non-blank line, read from the start of the file (at most
   * {@value #HEAD_LIMIT} bytes; null if there is none in them), checked as {@link #of} checks a
   * whole file's read: a short answer is read again.
   */
  public static CsvHeader header(Configuration hadoop, InputFile file) {
    Path path = new Path(file.path());
    long expected = Math.min(file.sizeBytes(), HEAD_LIMIT);
    for (int attempt = 1; ; attempt++) {
      String problem;
      IOException cause = null;
      try (InputStream in = path.getFileSystem(hadoop).open(path)) {
        HeaderScan scan = new HeaderScan();
        byte[] buffer = new byte[1 << 16];
        long read = 0;
        while (read < expected && scan.header == null) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, expected - read));
          if (n < 0) {
            break;
          }
          read += n;
          scan.accept(buffer, n);
        }
        if (scan.header != null || read == expected) {
          return read == file.sizeBytes() ? scan.header() : scan.header;
        }
        problem = String.format("read %,d bytes of input file %s, which is %,d bytes long", read, path,
            file.sizeBytes());
      } catch (IOException e) {
        problem = "reading input file " + path + " failed: " + e.getMessage();
        cause = e;
      }
      if (attempt == READ_ATTEMPTS) {
        throw new UncheckedIOException(new IOException(problem + " (" + READ_ATTEMPTS + " attempts): the file"
            + " is changing, or the storage is failing or cutting its answers short", cause));
      }
      LOG.warn("{}; reading it again", problem);
    }
  }

  private static InputFile read(Configuration hadoop, FileStatus status) {
    Path path = status.getPath();
    for (int attempt = 1; ; attempt++) {
      String problem;
      IOException cause = null;
      try {
        InputFile file = readOnce(hadoop, path, status.getModificationTime());
        if (file.sizeBytes() == status.getLen()) {
          return file;
        }
        problem = String.format("read %,d bytes of input file %s, which is %,d bytes long",
            file.sizeBytes(), path, status.getLen());
      } catch (IOException e) {
        problem = "reading input file " + path + " failed: " + e.getMessage();
        cause = e;
      }
      if (attempt == READ_ATTEMPTS) {
        throw new UncheckedIOException(new IOException(problem + " (" + READ_ATTEMPTS + " attempts): the file"
            + " is changing, or the storage is failing or cutting its answers short", cause));
      }
      LOG.warn("{}; reading it again", problem);
    }
  }

  private static InputFile readOnce(Configuration hadoop, Path path, long modifiedAt) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    long size = 0;
    HeaderScan header = InputFiles.CSV.equals(InputFiles.formatOf(path.getName())) ? new HeaderScan() : null;
    try (InputStream in = new DigestInputStream(fs.open(path), sha)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
        if (header != null) {
          header.accept(buffer, n);
        }
      }
    }
    return new InputFile(path.toString(), path.getName(), size, HexFormat.of().formatHex(sha.digest()),
        header == null ? null : header.header(), modifiedAt);
  }

  /** Finds the first non-blank line the way {@code ingest.RawRecordReader.splitLines} numbers lines. */
  private static final class HeaderScan {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int lineNumber = 1;
    private CsvHeader header;

    void accept(byte[] bytes, int length) {
      for (int i = 0; i < length && header == null; i++) {
        if (bytes[i] == '\n') {
          endLine(true);
        } else {
          line.write(bytes[i]);
        }
      }
    }

    CsvHeader header() {
      if (header == null && line.size() > 0) {
        endLine(false);
      }
      return header;
    }

    private void endLine(boolean newline) {
      String text = line.toString(StandardCharsets.UTF_8);
      if (lineNumber == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (newline && text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      // Blank as Spark's trim sees it: spaces only.
      if (!text.replace(" ", "").isEmpty()) {
        header = new CsvHeader(lineNumber, text);
      }
      lineNumber++;
      line.reset();
    }
  }
}
