package org.urbanmine.input;

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
 * Path, size and fingerprint of every input file, for the run history and to tell an unchanged
 * rerun. The small inputs of the later stages (put-on-market, population...) are read here, on
 * the driver, in one pass per file ({@link #of}). Recovery-record files are only listed here
 * ({@link #listed}) and their first bytes read for their dialect and header ({@link #head}): the
 * tasks that read them fingerprint them ({@code ingest.BlockDigest}).
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
   * @param header for a recovery-record CSV file, its first non-blank line as {@link #head}'s bytes
   *     give it ({@link #withHead}); null until then, and for other files and empty ones
   * @param sha256 the file's fingerprint; null for a file listed but not read yet
   * @param modifiedAt the modification time the listing gave, milliseconds since the epoch
   * @param etag the object's ETag where the storage gives one (S3), else null
   * @param dialect how a record file is written, as detected or declared; null where not known (yet)
   */
  public record InputFile(String path, String name, long sizeBytes, String sha256, CsvHeader header,
      long modifiedAt, String etag, CsvDialect dialect) {
    public InputFile(String path, String name, long sizeBytes, String sha256, CsvHeader header, long modifiedAt) {
      this(path, name, sizeBytes, sha256, header, modifiedAt, null, null);
    }

    /** The file as listed, not read: no fingerprint, header or dialect yet. */
    public static InputFile listed(FileStatus status) {
      return new InputFile(status.getPath().toString(), status.getPath().getName(), status.getLen(), null, null,
          status.getModificationTime(), status instanceof EtagSource source ? source.getEtag() : null, null);
    }

    /** This file with its fingerprint, as the tasks that read it took it. */
    public InputFile withSha256(String fingerprint) {
      return new InputFile(path, name, sizeBytes, fingerprint, header, modifiedAt, etag, dialect);
    }

    /** This file with its dialect and (CSV) header, from its first bytes. */
    public InputFile withHead(CsvDialect found, CsvHeader csvHeader) {
      return new InputFile(path, name, sizeBytes, sha256, csvHeader, modifiedAt, etag, found);
    }

    /** The run-history form: path, size_bytes, sha256, modified_at, then the dialect's keys if known. */
    public Map<String, Object> asMap() {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", path);
      entry.put("size_bytes", sizeBytes);
      entry.put("sha256", sha256);
      entry.put(RunHistory.MODIFIED_AT, modifiedAt);
      if (dialect != null) {
        entry.putAll(dialect.asMap());
      }
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

  /** The bytes read from the start of a record file to find its dialect and header: 64 KiB... */
  public static final int HEAD_BYTES = 1 << 16;
  /** ... or more, up to 1 MiB, until they hold a line break. */
  public static final int HEAD_LIMIT = 1 << 20;

  /** The first bytes of a file ({@code length} of them; {@code whole} if that is all of it). */
  public record Head(byte[] bytes, int length, boolean whole) {}

  /**
   * The first {@value #HEAD_BYTES} bytes of a record file, or more (up to {@value #HEAD_LIMIT})
   * until they hold a line break: what its dialect and header are found from. Checked as {@link
   * #of} checks a whole file's read: a short answer is read again.
   */
  public static Head head(Configuration hadoop, InputFile file) {
    Path path = new Path(file.path());
    int limit = (int) Math.min(file.sizeBytes(), HEAD_LIMIT);
    return readChecked(path, file.sizeBytes(), () -> {
      try (InputStream in = path.getFileSystem(hadoop).open(path)) {
        byte[] bytes = new byte[limit];
        int read = 0;
        boolean lineBreak = false;
        while (read < limit && (read < HEAD_BYTES || !lineBreak)) {
          int n = in.read(bytes, read, Math.min(HEAD_BYTES, limit - read));
          if (n < 0) {
            break;
          }
          for (int i = read; i < read + n && !lineBreak; i++) {
            lineBreak = bytes[i] == '\n';
          }
          read += n;
        }
        boolean whole = read == limit || read >= HEAD_BYTES && lineBreak;
        return new Attempt<>(whole ? new Head(bytes, read, read == file.sizeBytes()) : null, read);
      }
    });
  }

  private static InputFile read(Configuration hadoop, FileStatus status) {
    Path path = status.getPath();
    return readChecked(path, status.getLen(), () -> {
      InputFile file = readOnce(hadoop, path, status.getModificationTime());
      return new Attempt<>(file.sizeBytes() == status.getLen() ? file : null, file.sizeBytes());
    });
  }

  /** One read of a file: what it gave, or null where it got fewer bytes than it should ({@code read}). */
  private record Attempt<T>(T result, long read) {}

  private interface Reading<T> {
    Attempt<T> once() throws IOException;
  }

  /**
   * {@code reading}'s result, read again (up to {@value #READ_ATTEMPTS} times in all) where an
   * attempt got fewer bytes than it should or failed: a storage that cuts an answer short.
   */
  private static <T> T readChecked(Path path, long size, Reading<T> reading) {
    for (int attempt = 1; ; attempt++) {
      String problem;
      IOException cause = null;
      try {
        Attempt<T> got = reading.once();
        if (got.result() != null) {
          return got.result();
        }
        problem = String.format("read %,d bytes of input file %s, which is %,d bytes long", got.read(), path, size);
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
    try (InputStream in = new DigestInputStream(fs.open(path), sha)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
      }
    }
    return new InputFile(path.toString(), path.getName(), size, HexFormat.of().formatHex(sha.digest()), null,
        modifiedAt);
  }
}
