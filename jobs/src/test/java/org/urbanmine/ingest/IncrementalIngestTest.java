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

  /**
   * Each file's rows are kept as pieces of the two tables, and a night writes only the pieces of
   * its new files and of the old files whose keys they repeat; the tables it publishes equal,
   * row for row and in order, those of a first night on the same files. Worked out by hand:
   * <ul>
   *   <li>night 1, a.csv (k-1, k-2) and m.csv (k-3; Atlantis): 3 accepted, m.csv:3 unknown_country;
   *   <li>night 2, + z.csv repeating k-3 with its values (a duplicate of m.csv:2, which sorts
   *       first) and k-5: 4 accepted, 2 rejected; m.csv shares a key with it and is written
   *       again, a.csv is not;
   *   <li>night 3, + 0.csv with k-1 as a.csv has it: 0.csv sorts first, so a.csv:2 becomes the
   *       duplicate of 0.csv:2: 4 accepted, 3 rejected; only 0.csv and a.csv written;
   *   <li>night 4, 0.csv deleted: a.csv:2 is the first k-1 again (every piece written): night 2's rows.
   * </ul>
   */
  @Test
  void aNightWritesThePiecesOfNewFilesAndOfTheFilesTheyRepeat() throws Exception {
    Path input = Files.createDirectories(temp.resolve("pieces"));
    String header = "country,year,metal,amount,unit,source,record_id\n";
    Files.writeString(input.resolve("a.csv"), header + "Japan,2014,gold,100,kg,s,k-1\nJapan,2015,gold,110,kg,s,k-2\n");
    Files.writeString(input.resolve("m.csv"), header + "France,2014,silver,5,t,s,k-3\nAtlantis,2014,gold,1,kg,s,k-4\n");
    String warehouse = temp.resolve("pieces-warehouse").toString();
    Settings settings = settings("urbanmine.input.recovery-records=" + input, "urbanmine.warehouse=" + warehouse,
        "urbanmine.quality.max-rejected-share=1");

    UrbanMine.run(spark, Command.INGEST, settings);
    String night1 = runOf(warehouse);
    assertSameAsAFirstNight(input, warehouse, 3, 1);

    Files.writeString(input.resolve("z.csv"), header + "France,2014,silver,5,t,s,k-3\nItaly,2016,copper,7,kg,s,k-5\n");
    UrbanMine.run(spark, Command.INGEST, settings);
    String night2 = runOf(warehouse);
    assertSameAsAFirstNight(input, warehouse, 4, 2);
    assertThat(rejectReasons(warehouse)).containsEntry("z.csv:2", "duplicate of m.csv:2");
    assertThat(pieceRuns(warehouse, night2)).containsExactly(night1, night2, night2);
    // The rows of a.csv, whose piece was taken as it was, keep the run that wrote it.
    assertThat(runIdsOf(warehouse, "a.csv")).containsOnly(night1);

    Files.writeString(input.resolve("0.csv"), header + "Japan,2014,gold,100,kg,s,k-1\n");
    UrbanMine.run(spark, Command.INGEST, settings);
    String night3 = runOf(warehouse);
    assertSameAsAFirstNight(input, warehouse, 4, 3);
    assertThat(rejectReasons(warehouse)).containsEntry("a.csv:2", "duplicate of 0.csv:2");
    assertThat(pieceRuns(warehouse, night3)).containsExactly(night3, night3, night2, night2);

    Files.delete(input.resolve("0.csv"));
    UrbanMine.run(spark, Command.INGEST, settings);
    String night4 = runOf(warehouse);
    assertSameAsAFirstNight(input, warehouse, 4, 2);
    assertThat(rejectReasons(warehouse)).doesNotContainKey("a.csv:2");
    assertThat(pieceRuns(warehouse, night4)).containsExactly(night4, night4, night4);
    // Kept: the pieces this night's manifest and the published one (night 3's) name. Night 1's
    // are gone: the only one of its pieces still used, a.csv's, was replaced in night 3.
    try (Stream<Path> runs = Files.list(Path.of(warehouse, IngestCache.DIR, IngestPieces.DIR))) {
      assertThat(runs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("run=" + night2, "run=" + night3, "run=" + night4);
    }
  }

  /** Both tables as published equal a first night's on the same files, row for row in order. */
  private void assertSameAsAFirstNight(Path input, String warehouse, int accepted, int rejected) {
    String fresh = temp.resolve("fresh-" + System.nanoTime()).toString();
    UrbanMine.run(spark, Command.INGEST, settings("urbanmine.input.recovery-records=" + input,
        "urbanmine.warehouse=" + fresh, "urbanmine.quality.max-rejected-share=1"));
    assertThat(rows(warehouse, RecoveryRecordsTable.TABLE)).hasSize(accepted)
        .containsExactlyElementsOf(rows(fresh, RecoveryRecordsTable.TABLE));
    assertThat(rows(warehouse, RejectedRecordsTable.TABLE)).hasSize(rejected)
        .containsExactlyElementsOf(rows(fresh, RejectedRecordsTable.TABLE));
  }

  private static List<String> rows(String warehouse, TableSpec table) {
    return new Warehouse(spark, warehouse, "read").read(table).drop("run_id").collectAsList().stream()
        .map(Row::toString).toList();
  }

  /** The run whose recovery_records is published. */
  private static String runOf(String warehouse) {
    return new Warehouse(spark, warehouse, "read").versions().current(RecoveryRecordsTable.TABLE.name()).orElseThrow();
  }

  /** "file:line" to reason, of the published rejects. */
  private static java.util.Map<String, String> rejectReasons(String warehouse) {
    return new Warehouse(spark, warehouse, "read").read(RejectedRecordsTable.TABLE).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("source_file") + ":" + r.getAs("line_number"), r -> r.getAs("reason")));
  }

  private static Set<String> runIdsOf(String warehouse, String file) {
    return new Warehouse(spark, warehouse, "read").read(RecoveryRecordsTable.TABLE)
        .filter(org.apache.spark.sql.functions.col("source_file").equalTo(file)).collectAsList().stream()
        .map(r -> (String) r.getAs("run_id")).collect(Collectors.toSet());
  }

  /** The run holding each file's pieces, by the manifest of {@code run}, in the order of the files' names. */
  private static List<String> pieceRuns(String warehouse, String run) throws java.io.IOException {
    Path dir = Path.of(warehouse, IngestCache.DIR, IngestPieces.DIR, "run=" + run);
    return Files.readAllLines(dir.resolve(IngestPieces.MANIFEST))
        .stream().map(l -> l.split(" ")[1]).toList();
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
