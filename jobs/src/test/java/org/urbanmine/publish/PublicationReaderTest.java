package org.urbanmine.publish;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;

/**
 * Readers polling a table while new versions (1,000 rows "A", 1,500 rows "B") are published
 * underneath it, hundreds a second.
 *
 * <p>A reader that resolves the link first ({@code <warehouse>/<table>} to
 * {@code _versions/<table>/<run_id>}) always reads one whole version. A reader of the plain path
 * reads one whole version or fails, never part of one: every version is one file of the same
 * name, so Hadoop's local listing (names first, then each looked up again through the link)
 * always finds it; a file opened after a switch with the length listed before it fails its
 * footer check. The counts are printed; docs/design.md quotes them.
 */
class PublicationReaderTest extends SparkTestBase {
  @TempDir
  Path root;

  /** A staged table as the warehouse writes one: a single Parquet file. */
  private Path template(String runId, int rows) {
    Path dir = root.resolve("templates").resolve(runId);
    spark.range(rows).withColumn("run_id", lit(runId)).coalesce(1)
        .write().parquet(dir.toString());
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void pinnedReadersSeeWholeVersionsAndNoReaderSeesAMix() throws Exception {
    Path a = template("A", 1000);
    Path b = template("B", 1500);
    TableVersions versions = new TableVersions(root);
    copy(a, root.resolve("_staging/v000/t"));
    versions.publish("t", root.resolve("_staging/v000/t"), "v000");

    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger published = new AtomicInteger(1);
    CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
      // Bounded: at most 2,000 publications, 5 ms apart, or until the readers have finished.
      for (int i = 1; i < 2000 && reading.get(); i++) {
        String run = String.format("v%03d", i);
        Path staged = root.resolve("_staging").resolve(run).resolve("t");
        try {
          copy(i % 2 == 0 ? a : b, staged);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        versions.publish("t", staged, run);
        versions.prune("t", 3);
        published.incrementAndGet();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });

    int pinnedWhole = 0;
    int plainWhole = 0;
    int plainPartial = 0;
    int plainFailed = 0;
    java.util.Set<String> failures = new java.util.TreeSet<>();
    org.apache.spark.sql.types.StructType schema = spark.read().parquet(a.toString()).schema();
    try {
      for (int i = 0; i < 40; i++) {
        // Resolved first, then read: always one whole version.
        Path pinned = root.resolve("t").toRealPath();
        List<Row> counts = spark.read().parquet(pinned.toString()).groupBy("run_id").count().collectAsList();
        assertThat(counts).as("a pinned read is one version").hasSize(1);
        assertThat(counts.get(0).getLong(1)).isEqualTo(counts.get(0).getString(0).equals("A") ? 1000L : 1500L);
        pinnedWhole++;
        try {
          List<Row> plain = spark.read().schema(schema).parquet(root.resolve("t").toString())
              .groupBy("run_id").count().collectAsList();
          assertThat(plain).as("rows of two versions").hasSizeLessThanOrEqualTo(1);
          long full = plain.isEmpty() ? -1 : plain.get(0).getString(0).equals("A") ? 1000L : 1500L;
          if (!plain.isEmpty() && plain.get(0).getLong(1) == full) {
            plainWhole++;
          } else {
            plainPartial++;
          }
        } catch (Exception e) {
          String message = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
          assertThat(message).as("only a vanished or replaced file may stop a read")
              .containsAnyOf("FILE_NOT_EXIST", "FileNotFound", "NoSuchFile", "does not exist", "No such file",
                  "is not a Parquet file", "magic number", "EOF", "CANNOT_READ_FILE_FOOTER", "FAILED_READ_FILE");
          plainFailed++;
          Throwable root = e;
          while (root.getCause() != null) {
            root = root.getCause();
          }
          failures.add(root.getClass().getSimpleName());
        }
      }
    } finally {
      reading.set(false);
      publisher.get();
    }
    System.out.printf("pinned reads: %d whole; plain-path reads: %d whole, %d partial, %d failed %s;"
        + " %d publications%n", pinnedWhole, plainWhole, plainPartial, plainFailed, failures, published.get());
    assertThat(pinnedWhole).isEqualTo(40);
    assertThat(plainPartial).as("plain-path reads that got part of a version, or nothing").isZero();
    assertThat(plainWhole).as("plain-path reads that got a whole version").isPositive();
    assertThat(published.get()).as("publications happened while reading").isGreaterThan(10);
  }
}
