package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvHeader;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.MetalCatalog;
import org.urbanmine.stage.RunContext;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;

/**
 * Fixture: src/test/resources/IngestJobTest/records, two record files (13 input rows: 7 CSV
 * data lines, one blank line and a header aside, and 6 JSON lines) and notes.txt, which is not
 * an input. The expected verdict of each row is worked out by hand below.
 */
class IngestJobTest extends SparkTestBase {
  private static final String RECORDS = fixture("records");
  private static Map<String, Row> verdicts;

  static String fixture(String name) {
    try {
      return Path.of(IngestJobTest.class.getResource("/IngestJobTest/" + name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void classify() {
    Settings settings = settings();
    Dataset<Row> lines = RawRecordReader.readLines(spark, InputFingerprint.of(spark, RECORDS, RawRecordReader.RECORDS_KEY));
    Dataset<Row> checked = IngestJob.classify(lines,
        CountryResolver.load(spark, settings.reference()), new MetalCatalog(settings.metals()), settings.input());
    verdicts = new HashMap<>();
    for (Row r : checked.collectAsList()) {
      verdicts.put(r.getString(r.fieldIndex("source_file")) + ":" + r.getInt(r.fieldIndex("line_number")), r);
    }
  }

  private static String code(String at) {
    Row r = verdicts.get(at);
    assertThat(r).as(at).isNotNull();
    return r.getString(r.fieldIndex(RecordNormalizer.REASON_CODE));
  }

  private static Object value(String at, String column) {
    Row r = verdicts.get(at);
    return r.get(r.fieldIndex(column));
  }

  @Test
  void theHeadReadFindsEachCsvHeaderWhereTheParserWould(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bom.csv"), "\uFEFF\r\n  \r\nCountry,amount\r\nJapan,1\r\n");
    Files.writeString(dir.resolve("plain.csv"), "country,amount\nJapan,1");
    Files.writeString(dir.resolve("blank.csv"), "\n  \n");
    Files.writeString(dir.resolve("r.jsonl"), "{\"country\": \"Japan\"}\n");
    java.util.List<InputFingerprint.InputFile> files = RawRecordReader.withHeads(
        spark.sparkContext().hadoopConfiguration(), InputFingerprint.listed(spark.sparkContext().hadoopConfiguration(),
            dir.toString(), RawRecordReader.RECORDS_KEY, InputFingerprint.Known.NOTHING),
        name -> Settings.Dialect.AUTO);
    Map<String, CsvHeader> fingerprinted = new HashMap<>();
    files.stream().filter(f -> f.header() != null).forEach(f -> fingerprinted.put(f.name(), f.header()));
    // After the byte-order mark, lines 1 and 2 are blank: the header is line 3, without its CR.
    assertThat(fingerprinted)
        .containsOnly(Map.entry("bom.csv", new CsvHeader(3, "Country,amount")),
            Map.entry("plain.csv", new CsvHeader(1, "country,amount")))
        .isEqualTo(RecordParser.headers(RawRecordReader.readLines(spark, files)));
  }

  @Test
  void onlyCsvAndJsonLinesFilesAreRead() {
    assertThat(RawRecordReader.inputStatuses(spark, RECORDS))
        .extracting(f -> f.getPath().getName())
        .containsExactly("a-reordered.csv", "b-records.jsonl");
  }

  @Test
  void everyInputRowGetsOneVerdict() {
    // 7 CSV data lines (2,3,5,6,7,8,9; line 1 is the header, line 4 blank) + 6 JSON lines.
    assertThat(verdicts).hasSize(13);
    assertThat(verdicts.keySet()).doesNotContain("a-reordered.csv:1", "a-reordered.csv:4");
  }

  @Test
  void cleanRecordsAreNormalisedToKilogramsAndIsoCodes() {
    assertThat(code("a-reordered.csv:2")).isNull();
    assertThat(value("a-reordered.csv:2", "country_code")).isEqualTo("JPN");
    assertThat(value("a-reordered.csv:2", "metal")).isEqualTo("gold");
    assertThat(value("a-reordered.csv:2", "mass_kg")).isEqualTo(143.0);
    assertThat(value("a-reordered.csv:2", "year")).isEqualTo(2014);
    // "1,112" t = 1,112,000 kg
    assertThat(value("a-reordered.csv:3", "mass_kg")).isEqualTo(1_112_000.0);
    // "1,000" troy oz = 1000 x 0.0311034768 kg = 31.1034768 kg; "Korea, Republic of" is KOR
    assertThat((Double) value("a-reordered.csv:5", "mass_kg")).isCloseTo(31.1034768, within(1e-9));
    assertThat(value("a-reordered.csv:5", "country_code")).isEqualTo("KOR");
    // 10 lb = 4.5359237 kg; no source given, so the file's name stands for it
    assertThat((Double) value("a-reordered.csv:6", "mass_kg")).isCloseTo(4.5359237, within(1e-12));
    assertThat(value("a-reordered.csv:6", "source")).isEqualTo("a-reordered");
    assertThat(value("a-reordered.csv:6", "country_code")).isEqualTo("USA");
    // "2,500" g = 2.5 kg, keys in any case
    assertThat(code("b-records.jsonl:1")).isNull();
    assertThat(value("b-records.jsonl:1", "mass_kg")).isEqualTo(2.5);
    assertThat(value("b-records.jsonl:1", "country_code")).isEqualTo("DEU");
    assertThat(value("b-records.jsonl:2", "country_code")).isEqualTo("DEU");
    assertThat(code("b-records.jsonl:2")).isNull();
  }

  @Test
  void badRowsCarryTheirReason() {
    assertThat(code("a-reordered.csv:7")).isEqualTo("malformed_row");
    assertThat(value("a-reordered.csv:7", "reason")).isEqualTo("6 fields where the header has 7");
    assertThat(code("a-reordered.csv:8")).isEqualTo("duplicate");
    assertThat(value("a-reordered.csv:8", "reason")).isEqualTo("duplicate of a-reordered.csv:2");
    assertThat(code("a-reordered.csv:9")).isEqualTo("unknown_country");
    assertThat(value("a-reordered.csv:9", "reason")).isEqualTo("unknown country: 'Narnia'");
    assertThat(code("b-records.jsonl:3")).isEqualTo("malformed_row");
    assertThat(code("b-records.jsonl:4")).isEqualTo("bad_amount");
    assertThat(value("b-records.jsonl:4", "reason")).isEqualTo("amount is negative: '-1'");
    assertThat(code("b-records.jsonl:5")).isEqualTo("year_out_of_range");
    assertThat(value("b-records.jsonl:5", "reason"))
        .isEqualTo("year 1989 is outside 1990..2026 (urbanmine.input.min-year/max-year)");
    assertThat(code("b-records.jsonl:6")).isEqualTo("conflicting_record_id");
    assertThat((String) value("b-records.jsonl:6", "reason")).startsWith("record_id 'de-2' of source 'de-stats'");
  }

  @Test
  void runStagesBothTablesAndConservesRows(@TempDir Path warehouse) {
    Settings settings = settings("urbanmine.input.recovery-records=" + RECORDS,
        "urbanmine.quality.max-rejected-share=0.6");
    RunContext context = new RunContext(settings, "run-1", new Warehouse(spark, warehouse.toString(), "run-1"));
    var report = new IngestJob().run(spark, context);
    // 13 rows in: 6 accepted (csv 2,3,5,6 and json 1,2) + 7 rejected.
    assertThat(report.read().values()).containsExactly(13L);
    assertThat(report.written()).containsEntry("recovery_records", 6L).containsEntry("rejected_records", 7L);
    Dataset<Row> rejected = context.warehouse().read(RejectedRecordsTable.TABLE);
    assertThat(rejected.filter(col("raw").equalTo("[1, 2, 3]")).count()).isEqualTo(1);
    assertThat(rejected.filter(col("run_id").notEqual("run-1")).count()).isZero();
    assertThat(context.warehouse().read(RecoveryRecordsTable.TABLE).schema()).isEqualTo(RecoveryRecordsTable.TABLE.schema());
  }

  @Test
  void tooManyRejectsFailTheRunAndSayWhereTheyAre(@TempDir Path warehouse) {
    Settings settings = settings("urbanmine.input.recovery-records=" + RECORDS);
    RunContext context = new RunContext(settings, "run-2", new Warehouse(spark, warehouse.toString(), "run-2"));
    // 7 of 13 = 53.8 % > 5 %
    assertThatThrownBy(() -> new IngestJob().run(spark, context))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("7 of 13 input rows rejected (53.8 %)")
        .hasMessageContaining(warehouse.resolve("_staging/run-2/rejected_records").toString());
    assertThat(Files.exists(warehouse.resolve("_staging/run-2/rejected_records"))).isTrue();
  }

  @Test
  void aDirectoryWithoutRecordFilesFailsTheRun(@TempDir Path empty) throws java.io.IOException {
    Files.writeString(empty.resolve("readme.txt"), "no records here");
    Settings settings = settings("urbanmine.input.recovery-records=" + empty);
    RunContext context = new RunContext(settings, "run-3", new Warehouse(spark, empty.resolve("wh").toString(), "run-3"));
    assertThatThrownBy(() -> new IngestJob().run(spark, context))
        .isInstanceOf(RunFailedException.class)
        .hasMessage("no *.csv or *.jsonl files in " + empty + " (urbanmine.input.recovery-records)");
  }

  @Test
  void missingInputIsAConfigurationError() {
    assertThatThrownBy(() -> RawRecordReader.inputStatuses(spark, "/no/such/dir"))
        .hasMessage("urbanmine.input.recovery-records must name an existing file or directory, got \"/no/such/dir\"");
    assertThat(RawRecordReader.inputStatuses(spark, RECORDS + "/b-records.jsonl"))
        .extracting(f -> f.getPath().getName()).containsExactly("b-records.jsonl");
  }
}
