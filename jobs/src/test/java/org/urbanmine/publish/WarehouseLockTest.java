package org.urbanmine.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseLockTest {
  @TempDir
  Path root;

  @Test
  void aSecondRunIsToldWhoHoldsTheWarehouse() {
    try (WarehouseLock first = WarehouseLock.acquire(root, "run-a", Duration.ZERO)) {
      assertThat(first.tookOverFrom()).isNull();
      assertThatThrownBy(() -> WarehouseLock.acquire(root, "run-b", Duration.ofSeconds(1)))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("is in use by run run-a (process " + ProcessHandle.current().pid());
    }
    // Released: the next run gets it at once.
    try (WarehouseLock next = WarehouseLock.acquire(root, "run-c", Duration.ZERO)) {
      assertThat(root.resolve("_lock")).content().contains("run_id=run-c");
    }
    assertThat(root.resolve("_lock")).doesNotExist();
  }

  @Test
  void theLockOfAKilledProcessIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(root.resolve("_lock"), "run_id=run-killed\npid=" + gone.pid() + "\nhost="
        + InetAddress.getLocalHost().getHostName() + "\nstarted_at=2026-01-01T00:00:00Z\n");
    try (WarehouseLock lock = WarehouseLock.acquire(root, "run-d", Duration.ZERO)) {
      assertThat(lock.tookOverFrom()).isEqualTo("run-killed");
    }
  }
}
