package org.urbanmine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;

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
}
