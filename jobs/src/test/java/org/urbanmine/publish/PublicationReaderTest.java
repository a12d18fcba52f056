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
 * A reader polling a table while new versions are published underneath it sees a whole version
 * each time (all rows of one run, as many as that run wrote), or a "file not found" it would
 * retry; never rows of two versions.
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
  void readersSeeTheOldOrTheNewVersionNeverAMix() throws Exception {
    Path a = template("A", 1000, 4);
    Path b = template("B", 1500, 5);
    TableVersions versions = new TableVersions(root);
    copy(a, root.resolve("_staging/v000/t"));
    versions.publish("t", root.resolve("_staging/v000/t"), "v000");

    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger published = new AtomicInteger(1);
    CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
      // Bounded: at most 400 publications or until the reader has finished.
      for (int i = 1; i < 400 && reading.get(); i++) {
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
      }
    });

    int whole = 0;
    int retried = 0;
    try {
      for (int i = 0; i < 40; i++) {
        try {
          List<Row> counts = spark.read().parquet(root.resolve("t").toString())
              .groupBy("run_id").count().collectAsList();
          assertThat(counts).as("rows of exactly one version").hasSize(1);
          Row only = counts.get(0);
          assertThat(only.getLong(1)).isEqualTo(only.getString(0).equals("A") ? 1000L : 1500L);
          whole++;
        } catch (Exception e) {
          String message = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
          assertThat(message).as("only a vanished file may stop a read")
              .containsAnyOf("FILE_NOT_EXIST", "FileNotFound", "does not exist", "No such file");
          retried++;
        }
      }
    } finally {
      reading.set(false);
      publisher.get();
    }
    assertThat(published.get()).as("publications happened while reading").isGreaterThan(10);
    assertThat(whole).isGreaterThan(10);
    System.out.printf("reader: %d whole reads, %d retried; %d publications%n", whole, retried, published.get());
  }
}
