package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;

/**
 * Input files read in splits, each by its own task: line numbers across split boundaries (splits
 * of a few bytes, so that boundaries fall inside lines, quoted fields and CR LF pairs), quoted CSV
 * fields that span lines, the fingerprint of a file of several blocks against one computed here,
 * and a file that changes between two splits.
 */
class SplitReadTest extends SparkTestBase {
  @TempDir
  Path temp;

  private static final String HEADER = "record_id,country,year,metal,amount,unit,note";

  /**
   * 30 lines, CR LF: line 1 the header, line 2 blank, then records whose record_id is "r" and
   * their own line number, a few with quoted fields; line 17 a blank line of spaces.
   */
  private static String thirtyLines() {
    StringBuilder text = new StringBuilder(HEADER).append("\r\n\r\n");
    for (int line = 3; line <= 30; line++) {
      if (line == 17) {
        text.append("   \r\n");
        continue;
      }
      String note = line % 4 == 0 ? "\"a note, with a comma and \"\"quotes\"\"\"" : "plain";
      text.append("r").append(line).append(",Japan,2014,gold,").append(line).append(",kg,").append(note)
          .append("\r\n");
    }
    return text.toString();
  }


  private Path write(String name, String text) throws Exception {
    Path dir = Files.createDirectories(temp.resolve(name + "-in"));
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static List<InputFingerprint.InputFile> listed(Path file) {
    return InputFingerprint.listed(spark.sparkContext().hadoopConfiguration(), file.toString(),
        RawRecordReader.RECORDS_KEY, InputFingerprint.Known.NOTHING);
  }

  /** line_number -> line, from {@link RawRecordReader#readLines} in splits of at most {@code splitBytes}. */
  private static Map<Integer, String> numbered(Path file, long splitBytes) {
    Map<Integer, String> lines = new TreeMap<>();
    for (Row r : RawRecordReader.readLines(spark, listed(file), splitBytes).collectAsList()) {
      assertThat(lines.put(r.getInt(r.fieldIndex("line_number")), r.getString(r.fieldIndex("line")))).isNull();
    }
    return lines;
  }

  @Test
  void everyLineKeepsItsNumberWhereverTheSplitsFall() throws Exception {
    Path file = write("thirty.csv", thirtyLines());
    // 28 non-blank lines: the header (1) and records on lines 3..30 but 17. Each record line holds
    // "r<its line number>", so every number can be checked against the text it labels.
    Map<Integer, String> whole = numbered(file, 0);
    assertThat(whole).hasSize(28).containsEntry(1, HEADER).doesNotContainKeys(2, 17);
    whole.forEach((n, line) -> assertThat(n == 1 || line.startsWith("r" + n + ","))
        .as("line %d: %s", n, line).isTrue());
    long size = Files.size(file);
    for (long bytes : new long[] {5, 7, 13, 37, 101}) {
      Map<Integer, String> split = numbered(file, bytes);
      assertThat(split).as("splits of %d bytes (%d of them)", bytes, (size + bytes - 1) / bytes).isEqualTo(whole);
    }
  }

  /**
   * The record on line 4 has a note spanning lines 4 to 6; line 8 opens a quote that never closes
   * (a stray quote): it stands alone, and lines 9 and 10 are records of their own.
   */
  private static final String MULTI_LINE = HEADER + "\n"
      + "m2,Japan,2014,gold,2,kg,plain\n"
      + "m3,Japan,2014,gold,3,kg,plain\n"
      + "m4,Japan,2014,gold,4,kg,\"first line,\n"
      + "second line\n"
      + "third \"\"quoted\"\" line\"\n"
      + "m7,Japan,2014,gold,7,kg,plain\n"
      + "m8,Japan,2014,gold,8,kg,\"stray\n"
      + "m9,Japan,2014,gold,9,kg,plain\n"
      + "m10,Japan,2014,gold,10,kg,plain\n";

  @Test
  void aQuotedFieldSpanningLinesIsOneRecordNumberedByItsFirstLine() throws Exception {
    Path file = write("multi.csv", MULTI_LINE);
    Map<Integer, String> whole = numbered(file, 0);
    assertThat(whole.keySet()).containsExactly(1, 2, 3, 4, 7, 8, 9, 10);
    assertThat(whole.get(4))
        .isEqualTo("m4,Japan,2014,gold,4,kg,\"first line,\nsecond line\nthird \"\"quoted\"\" line\"");
    assertThat(whole.get(8)).isEqualTo("m8,Japan,2014,gold,8,kg,\"stray");
    // In splits, a split may start inside the note (then the file is read again whole), or not.
    for (long bytes : new long[] {9, 31, 77, 100, 150}) {
      assertThat(numbered(file, bytes)).as("splits of %d bytes", bytes).isEqualTo(whole);
    }
    // The header is bytes 0-45, m2 46-75, m3 76-105 and m4's record 106-177 (lines 4 to 6, starting
    // at 106, 143 and 155). Splits of 100 bytes: the second, [100, 200), owns all three lines and
    // joins them itself. Splits of 150: the first owns lines 4 and 5 (starting before 150) and
    // joins line 6 past its end, so the second starts inside the record: the file is read again.
    assertThat(readWhole(file, 100)).isEmpty();
    assertThat(readWhole(file, 150)).containsExactly("multi.csv");
  }

  /**
   * Stray quotes, in splits of 7 bytes: line 9's opens a field that nothing closes; lines 14 and
   * 15 each end with a quote inside their last field (as `generate` writes a malformed row), which
   * opens no field, though together they balance and would make a record of the header's width.
   * Each line stands alone, and nothing is read twice.
   */
  @Test
  void strayQuotesCostOneRowEachAndNoSecondRead() throws Exception {
    Path file = write("stray.csv", thirtyLines()
        .replace("r9,Japan,2014,gold,9,kg,plain", "r9,Japan,2014,gold,9,kg,\"plain")
        .replace("r14,Japan,2014,gold,14,kg,plain", "r14,Japan,2014,gold,14,kg,plain\"")
        .replace("r15,Japan,2014,gold,15,kg,plain", "r15,Japan,2014,gold,15,kg,plain\""));
    Map<Integer, String> lines = numbered(file, 0);
    assertThat(lines).hasSize(28).containsEntry(9, "r9,Japan,2014,gold,9,kg,\"plain")
        .containsEntry(14, "r14,Japan,2014,gold,14,kg,plain\"")
        .containsEntry(15, "r15,Japan,2014,gold,15,kg,plain\"");
    assertThat(lines.get(10)).startsWith("r10,");
    assertThat(numbered(file, 7)).isEqualTo(lines);
    assertThat(readWhole(file, 7)).isEmpty();
  }

  /** The files {@link RawRecordReader#read} read a second time, whole, in splits of {@code splitBytes}. */
  private static java.util.Set<String> readWhole(Path file, long splitBytes) {
    List<InputFingerprint.InputFile> files = listed(file);
    return RawRecordReader.read(spark, RawRecordReader.withHeads(spark.sparkContext().hadoopConfiguration(), files,
        name -> Settings.Dialect.AUTO), splitBytes, Dataset::count).readWhole();
  }

  /**
   * The nightly ingest, in splits of 16 bytes (urbanmine.input.split-bytes), of two files:
   * multi.csv (read again whole, for its quotes) with Atlantis on line 9, and the thirty lines
   * (read in splits only, their numbers completed from the ingest cache) with Atlantis on line 20.
   */
  @Test
  void theIngestNumbersRejectsAndRecordsAcrossSplits() throws Exception {
    Path file = write("multi.csv", MULTI_LINE.replace("m9,Japan", "m9,Atlantis"));
    Files.writeString(file.resolveSibling("thirty.csv"), thirtyLines().replace("r20,Japan", "r20,Atlantis"));
    String warehouse = temp.resolve("wh").toString();
    UrbanMine.run(spark, Command.INGEST, settings("urbanmine.input.recovery-records=" + file.getParent(),
        "urbanmine.warehouse=" + warehouse, "urbanmine.quality.max-rejected-share=1",
        "urbanmine.input.split-bytes=16"));
    Warehouse wh = new Warehouse(spark, warehouse, "read");
    Map<String, String> rejected = new TreeMap<>();
    for (Row r : wh.read(RejectedRecordsTable.TABLE).collectAsList()) {
      rejected.put(r.getString(r.fieldIndex("source_file")) + ":" + r.getInt(r.fieldIndex("line_number")),
          r.getString(r.fieldIndex("reason_code")));
    }
    // multi.csv: line 8's stray quote is malformed, line 9's Atlantis no country; thirty.csv: line 20.
    assertThat(rejected).containsExactly(Map.entry("multi.csv:8", "malformed_row"),
        Map.entry("multi.csv:9", "unknown_country"), Map.entry("thirty.csv:20", "unknown_country"));
    Dataset<Row> records = wh.read(RecoveryRecordsTable.TABLE);
    Map<String, String> accepted = new TreeMap<>();
    for (Row r : records.collectAsList()) {
      accepted.put(r.getString(r.fieldIndex("source_file")) + ":" + r.getInt(r.fieldIndex("line_number")),
          r.getString(r.fieldIndex("record_id")));
    }
    // multi.csv: m2, m3, m4 (lines 4-6), m7, m10; thirty.csv: r<n> on line n, 3..30 but 17 (blank) and 20.
    Map<String, String> expected = new TreeMap<>(Map.of("multi.csv:2", "m2", "multi.csv:3", "m3", "multi.csv:4", "m4",
        "multi.csv:7", "m7", "multi.csv:10", "m10"));
    for (int n = 3; n <= 30; n++) {
      if (n != 17 && n != 20) {
        expected.put("thirty.csv:" + n, "r" + n);
      }
    }
    assertThat(accepted).isEqualTo(expected);
    assertThat(records.filter(col("record_id").equalTo("m4")).first().<String>getAs("note"))
        .isEqualTo("first line,\nsecond line\nthird \"quoted\" line");
    // The run history records the file's fingerprint: its SHA-256, the file being one block.
    Row run = spark.read().parquet(warehouse + "/runs").first();
    assertThat(run.<String>getAs("inputs")).contains(sha256(Files.readAllBytes(file)));
  }

  @Test
  void aFileOfSeveralBlocksIsFingerprintedByItsBlocksWhateverTheSplits() throws Exception {
    // 10 MiB + 5 bytes: blocks of 4 MiB, 4 MiB and 2 MiB + 5 bytes.
    byte[] line = "r,Japan,2014,gold,1,kg,x\n".getBytes(StandardCharsets.US_ASCII);
    int size = 10 * (1 << 20) + 5;
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = line[i % line.length];
    }
    Path file = temp.resolve("big-in").resolve("big.csv");
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    int block = (int) BlockDigest.BLOCK_BYTES;
    MessageDigest all = MessageDigest.getInstance("SHA-256");
    for (int from = 0; from < size; from += block) {
      byte[] blockBytes = Arrays.copyOfRange(bytes, from, Math.min(size, from + block));
      all.update(MessageDigest.getInstance("SHA-256").digest(blockBytes));
    }
    String expected = HexFormat.of().formatHex(all.digest());
    for (long splitBytes : new long[] {BlockDigest.BLOCK_BYTES, 3 << 20, 128L << 20}) {
      RawRecordReader.Read<Long> read = RawRecordReader.read(spark, listed(file), splitBytes, Dataset::count);
      assertThat(read.sha256()).as("splits of %d bytes", splitBytes).containsExactly(Map.entry("big.csv", expected));
      // Every line once: 10 MiB + 5 bytes of 25-byte lines is 419,430 whole lines and a part.
      assertThat(read.passes()).containsExactly(419_431L);
    }
  }

  @Test
  void aFileChangedBetweenTwoSplitsFailsTheSecond() throws Exception {
    Path file = write("changing.csv", thirtyLines());
    InputFingerprint.InputFile listed = listed(file).get(0);
    FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
    List<InputSplit> splits = InputSplit.of(0, listed.path(), listed.name(), "csv", listed.sizeBytes(),
        listed.modifiedAt(), null, 1, 7, "UTF-8", ',', 200);
    assertThat(splits).hasSizeGreaterThan(1);
    List<SplitReader.Result> results = new ArrayList<>();
    SplitReader first = new SplitReader(fs, splits.get(0), results::add);
    first.forEachRemaining(r -> { });
    assertThat(results).hasSize(1);
    Files.writeString(file, "r31,Japan,2014,gold,31,kg,late\r\n", StandardOpenOption.APPEND);
    SplitReader second = new SplitReader(fs, splits.get(1), results::add);
    assertThatThrownBy(second::hasNext).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("changing.csv changed during the run: listed as " + listed.sizeBytes() + " bytes");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
