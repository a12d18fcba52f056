package org.urbanmine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.ingest.IngestJob;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;

/** Storage that cannot be written and inputs that are not records: a clear failure, nothing published. */
class BadStorageAndInputTest extends SparkTestBase {
  @TempDir
  Path dir;

  @Test
  void aWarehouseThatCannotBeCreatedFailsTheRunWithItsPath() throws Exception {
    // A regular file where the warehouse's parent directory should be: no one, root included, can
    // create a directory under it.
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
    Path warehouse = blocker.resolve("warehouse");
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.INGEST, settings(
            "urbanmine.input.recovery-records=" + Path.of("../sample-data/recovery-records").toAbsolutePath(),
            "urbanmine.warehouse=" + warehouse)))
        .hasMessageContaining(warehouse.toString());
  }

  @Test
  void aFileThatIsNotTextIsRejectedRowByRowAndFailsTheRun() throws Exception {
    Path input = Files.createDirectories(dir.resolve("input"));
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Files.write(input.resolve("photo.csv"), noise);
    Path warehouse = dir.resolve("warehouse");
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.INGEST, settings(
            "urbanmine.input.recovery-records=" + input, "urbanmine.warehouse=" + warehouse)))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("input rows rejected (100.0 %)")
        .hasMessageContaining("nothing was published");
    assertThat(warehouse.resolve("recovery_records")).doesNotExist();
    assertThat(warehouse.resolve("runs")).isDirectory();
  }

  /** A run context and an ingest that has listed a copy of the Nikkei file. */
  private record StartedIngest(IngestJob job, RunContext context, Path file) {}

  private StartedIngest listed(String name) throws Exception {
    Path input = Files.createDirectories(dir.resolve(name));
    Path nikkei = Files.copy(Path.of("../sample-data/recovery-records/japan-2014-nikkei.csv"),
        input.resolve("japan-2014-nikkei.csv"));
    Settings settings = settings("urbanmine.input.recovery-records=" + input,
        "urbanmine.warehouse=" + dir.resolve("wh-" + name));
    String runId = RunContext.newRunId(Instant.now());
    RunContext context = new RunContext(settings, runId, new Warehouse(spark, settings.warehouse(), runId));
    IngestJob ingest = new IngestJob();
    ingest.inputFiles(spark.sparkContext().hadoopConfiguration(), context);
    return new StartedIngest(ingest, context, nikkei);
  }

  /**
   * An input file rewritten between the run's listing and Spark's read is not ingested as
   * something else: the task's check fails the run. The Nikkei file is 430 bytes; with the
   * 20-byte line "Japan,2014,Au,1,kg\r\n" (18 characters, then CR LF) appended it is 450.
   */
  @Test
  void anInputChangedAfterTheRunListedItFailsTheRun() throws Exception {
    StartedIngest started = listed("changing");
    Files.writeString(started.file(), "Japan,2014,Au,1,kg\r\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> started.job().run(spark, started.context()))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("japan-2014-nikkei.csv changed during the run: listed as 430 bytes")
        .hasMessageContaining("when the run started, 450 bytes");
  }

  /** An input file deleted after the fingerprint: the read fails naming it; nothing is staged as if it were empty. */
  @Test
  void anInputThatDisappearsMidRunFailsTheRunNamingIt() throws Exception {
    StartedIngest started = listed("vanishing");
    Files.delete(started.file());
    assertThatThrownBy(() -> started.job().run(spark, started.context()))
        .hasMessageContaining(started.file().toString());
    assertThat(started.context().warehouse().isPublished(org.urbanmine.tables.RecoveryRecordsTable.TABLE)).isFalse();
  }
}
