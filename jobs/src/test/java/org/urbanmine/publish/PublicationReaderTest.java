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
 * Readers polling a table while new versions are published underneath it, hundreds a second.
 *
 * <p>A reader that resolves the link first ({@code <warehouse>/<table>} to
 * {@code _versions/<table>/<run_id>}) always reads one whole version. A reader of the plain path
 * never gets rows of two versions; but Hadoop's local listing lists a directory's names and then
 * looks each one up through the path, skipping names that have vanished, so a listing that
 * straddles a switch can return part of the old version, or nothing. This test measures that
 * rather than hiding it; the README says what it means for readers.
 */
class PublicationReaderTest extends SparkTestBase {
  @TempDir
  Path root;

  private Path template(String runId, int rows, int files) {
    Path dir = root.resolve("templates").resolve(runId);
    spark.range(rows).withColumn("run_id", lit(runId)).repartition(files)
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
    Path a = template("A", 1000, 4);
    Path b = template("B", 1500, 5);
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
          assertThat(message).as("only a vanished file may stop a read")
              .containsAnyOf("FILE_NOT_EXIST", "FileNotFound", "NoSuchFile", "does not exist", "No such file");
          plainFailed++;
        }
      }
    } finally {
      reading.set(false);
      publisher.get();
    }
    System.out.printf("pinned reads: %d whole; plain-path reads: %d whole, %d partial, %d failed;"
        + " %d publications%n", pinnedWhole, plainWhole, plainPartial, plainFailed, published.get());
    assertThat(pinnedWhole).isEqualTo(40);
    assertThat(published.get()).as("publications happened while reading").isGreaterThan(10);
  }
}
