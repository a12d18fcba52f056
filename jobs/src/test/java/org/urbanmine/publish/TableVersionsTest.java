package org.urbanmine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, the link switch, pruning and rollback, on plain files (no Spark needed). */
class TableVersionsTest {
  @TempDir
  Path root;

  private Path staged(String runId, String content) throws IOException {
    Path dir = root.resolve("_staging").resolve(runId).resolve("t");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part-" + runId + ".parquet"), content);
    return dir;
  }

  private String readTable() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("t"))) {
      return Files.readString(files.findFirst().orElseThrow());
    }
  }

  @Test
  void publishSwitchesTheLinkAndKeepsTheNewestVersions() throws IOException {
    TableVersions versions = new TableVersions(root);
    for (String run : new String[] {"r1", "r2", "r3", "r4"}) {
      versions.publish("t", staged(run, "rows of " + run), run);
      versions.prune("t", 2);
    }
    // Within the readers' grace every version stays; an hour later only the newest two.
    try (Stream<Path> all = Files.list(root.resolve("_versions/t"))) {
      assertThat(all.count()).isEqualTo(4 + 1);
    }
    versions.prune("t", 2, java.time.Instant.now().plus(java.time.Duration.ofHours(1)));
    assertThat(Files.isSymbolicLink(root.resolve("t"))).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("t"))).isEqualTo(Path.of("_versions/t/r4"));
    assertThat(readTable()).isEqualTo("rows of r4");
    try (Stream<Path> kept = Files.list(root.resolve("_versions/t"))) {
      assertThat(kept.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r3", "r4", "_published");
    }
    assertThat(versions.history("t")).hasSize(4);
  }

  @Test
  void rollbackGoesBackOnePublicationAtATime() throws IOException {
    TableVersions versions = new TableVersions(root);
    for (String run : new String[] {"r1", "r2", "r3"}) {
      versions.publish("t", staged(run, "rows of " + run), run);
    }
    assertThat(versions.rollback("t")).contains("r2");
    assertThat(readTable()).isEqualTo("rows of r2");
    // A second rollback goes on to r1, not forward to r3.
    assertThat(versions.rollback("t")).contains("r1");
    assertThat(readTable()).isEqualTo("rows of r1");
    assertThat(versions.rollback("t")).isEmpty();
    assertThat(versions.current("t")).isEqualTo(Optional.of("r1"));
  }

  @Test
  void aPlainDirectoryFromBeforeVersioningIsAdopted() throws IOException {
    Files.createDirectories(root.resolve("t"));
    Files.writeString(root.resolve("t/part-old.parquet"), "old rows");
    TableVersions versions = new TableVersions(root);
    versions.publish("t", staged("r1", "new rows"), "r1");
    assertThat(readTable()).isEqualTo("new rows");
    assertThat(Files.readString(root.resolve("_versions/t/unversioned/part-old.parquet"))).isEqualTo("old rows");
  }

  @Test
  void versionsNoPublicationNamesAreRemoved() throws IOException {
    TableVersions versions = new TableVersions(root);
    versions.publish("t", staged("r1", "rows"), "r1");
    // What a run killed between moving its version in and switching the link leaves behind.
    Files.createDirectories(root.resolve("_versions/t/r0-killed"));
    versions.prune("t", 3, java.time.Instant.now().plus(java.time.Duration.ofHours(1)));
    assertThat(root.resolve("_versions/t/r0-killed")).doesNotExist();
    assertThat(root.resolve("_versions/t/r1")).isDirectory();
  }
}
