package org.urbanmine.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.ReferenceText;
import org.urbanmine.stage.SmallInputMode;

/**
 * {@code jobs/run report}: renders the published tables as one self-contained HTML page
 * ({@link ReportPage}) and writes it, by default beside the tables as
 * {@code <warehouse>/report.html}. Readers never see half a page: locally the page is written to
 * a temporary file in the same directory and moved over the old one in one step; on S3 an
 * object becomes visible only when its upload completes, on close.
 */
public final class ReportJob {
  public static final String FILE_NAME = "report.html";
  /** The country table bundled in the jar, urbanmine.reference.countries' default. */
  static final String BUNDLED_COUNTRIES = ReferenceText.CLASSPATH_PREFIX + "reference/iso3166-countries-m49.csv";
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  private ReportJob() {}

  /**
   * Renders and writes the page, with Spark sized by what the page reads
   * ({@link SmallInputMode}): a night's sums and forecasts, thousands of rows even when its input
   * was millions, and the run history. A dozen small queries would otherwise each compile code
   * (about 50 classes, 1 s of the sample night) for a few kilobytes.
   */
  public static String write(SparkSession spark, Warehouse warehouse, String output, Settings settings) {
    long bytes = ReportData.TABLES.stream().mapToLong(warehouse::bytes).sum() + warehouse.bytes(RunHistory.TABLE);
    try (SmallInputMode small = SmallInputMode.forStage(spark, "report", List.of(), bytes, settings.smallInputMb(),
        settings.sparkConf())) {
      return write(spark, warehouse, output, settings.reference().countries());
    }
  }

  /** As {@link #write(SparkSession, Warehouse, String, Settings)}, with the bundled country table. */
  public static String write(SparkSession spark, Warehouse warehouse, String output) {
    return write(spark, warehouse, output, BUNDLED_COUNTRIES);
  }

  /**
   * @param output where to write the page (a local path or a Hadoop URI such as s3a://), or
   *     null for {@code <warehouse root>/report.html}; an existing directory gets report.html
   *     inside it
   * @return the path written, as {@link Warehouse#display} shows it
   */
  private static String write(SparkSession spark, Warehouse warehouse, String output, String countries) {
    ReportData data = ReportData.read(warehouse, Instant.now(),
        CountryResolver.regions(spark.sparkContext().hadoopConfiguration(), countries));
    String html = ReportPage.html(data);
    Path target = output == null ? new Path(warehouse.root(), FILE_NAME) : new Path(output);
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      target = fs.makeQualified(target);
      if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
        target = new Path(target, FILE_NAME);
      }
      byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
      if ("file".equals(target.toUri().getScheme())) {
        writeLocal(java.nio.file.Path.of(target.toUri()), bytes);
      } else {
        try (FSDataOutputStream out = fs.create(target, true)) {
          out.write(bytes);
        }
      }
      LOG.info("report written to {} ({} bytes; tables not published: {})", Warehouse.display(target), bytes.length,
          data.unpublished().isEmpty() ? "none" : String.join(", ", data.unpublished()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + Warehouse.display(target), e);
    }
    return Warehouse.display(target);
  }

  private static void writeLocal(java.nio.file.Path target, byte[] bytes) throws IOException {
    java.nio.file.Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    java.nio.file.Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(bytes);
      }
      // A temporary file is private (rw-------); a report is for anyone who can read the warehouse.
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
