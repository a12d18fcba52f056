package org.urbanmine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;
import org.urbanmine.tables.TableSpec;

/**
 * A night whose only new input is one small file reads that file alone: the others' checked rows
 * come from the ingest cache. To prove no old file is read again, each is overwritten with
 * garbage of the same size and given back its modification time before the second run; reading
 * any of them would change the published rows.
 */
class IncrementalIngestTest extends SparkTestBase {
  @TempDir
  Path temp;

  @Test
  void aNightWithOneNewFileReadsOnlyThatFile() throws Exception {
    Path input = Files.createDirectories(temp.resolve("records"));
    List<Path> old;
    try (Stream<Path> sample = Files.list(Path.of(sample("recovery-records")))) {
      old = sample.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".jsonl"))
          .map(p -> copy(p, input.resolve(p.getFileName()))).toList();
    }
    String warehouse = temp.resolve("warehouse").toString();
    Settings settings = settings("urbanmine.input.recovery-records=" + input, "urbanmine.warehouse=" + warehouse);
    UrbanMine.run(spark, Command.INGEST, settings);
    Set<String> records = published(warehouse, RecoveryRecordsTable.TABLE);
    Set<String> rejects = published(warehouse, RejectedRecordsTable.TABLE);
    // The sample: 490 rows in 5 files, 474 accepted and 16 rejected (README, "Sample data").
    assertThat(records).hasSize(474);
    assertThat(rejects).hasSize(16);

    for (Path file : old) {
      FileTime modified = Files.getLastModifiedTime(file);
      Files.write(file, "x".repeat((int) Files.size(file)).getBytes());
      Files.setLastModifiedTime(file, modified);
    }
    Files.writeString(input.resolve("new-2015.csv"), "country,year,metal,amount,unit,source,record_id\n"
        + "Japan,2015,gold,150,kg,test-new,n-1\n"
        + "Atlantis,2015,gold,1,kg,test-new,n-2\n");
    List<StageReport> second = UrbanMine.run(spark, Command.INGEST, settings);

    assertThat(second.get(0).read()).containsEntry("input rows in 6 file(s), 1 read and 5 from the ingest cache", 492L);
    Set<String> recordsAfter = published(warehouse, RecoveryRecordsTable.TABLE);
    Set<String> added = new HashSet<>(recordsAfter);
    added.removeAll(records);
    assertThat(recordsAfter).containsAll(records).hasSize(475);
    assertThat(added).singleElement().asString()
        .contains("n-1", "test-new", "new-2015.csv", "JPN", "2015", "gold", "150.0");
    Set<String> rejectsAfter = published(warehouse, RejectedRecordsTable.TABLE);
    assertThat(rejectsAfter).containsAll(rejects).hasSize(17);

    // Other rules (here min-year) are another key: every file is read again, so the garbage is
    // found. The CSV files' garbage is a header line alone; each JSON Lines file's, one malformed row.
    Settings otherRules = settings("urbanmine.input.recovery-records=" + input, "urbanmine.warehouse=" + warehouse,
        "urbanmine.input.min-year=1991", "urbanmine.quality.max-rejected-share=1");
    List<StageReport> third = UrbanMine.run(spark, Command.INGEST, otherRules);
    assertThat(third.get(0).read()).containsEntry("input rows in 6 file(s), 6 read and 0 from the ingest cache", 4L);
    assertThat(published(warehouse, RecoveryRecordsTable.TABLE)).singleElement().asString().contains("n-1");
    // Only the current files' keys are kept: all six, the CSVs that are a header alone too (with no
    // rows), so that no night reads them again.
    try (Stream<Path> keys = Files.list(temp.resolve("warehouse").resolve(IngestCache.DIR))) {
      assertThat(keys.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(IngestCache.KEY)))
          .hasSize(6);
    }
  }

  private static Path copy(Path from, Path to) {
    try {
      return Files.copy(from, to);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The table's rows as text, without the run id, which differs by run. */
  private static Set<String> published(String warehouse, TableSpec table) {
    return new Warehouse(spark, warehouse, "read").read(table).drop("run_id").collectAsList().stream()
        .map(Row::toString).collect(Collectors.toSet());
  }
}
