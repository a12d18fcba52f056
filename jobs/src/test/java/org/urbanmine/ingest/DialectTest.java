package org.urbanmine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvDialect;
import org.urbanmine.publish.JsonText;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.tables.RecoveryRecordsTable;
import org.urbanmine.tables.RejectedRecordsTable;

/**
 * Record files in the dialects agencies deliver, ingested by the nightly ingest from one directory,
 * each file's dialect detected from its first bytes unless declared. Every expected figure is the
 * file's own, converted by hand below.
 */
class DialectTest extends SparkTestBase {
  @TempDir
  static Path temp;
  private static Settings settings;
  private static Map<String, Row> records;
  private static Map<String, Row> rejects;

  /** "Spain,2018,gold,2,kg,b-2" with its "a" written as the byte 0xFF, which is no UTF-8. */
  private static final byte[] BAD_LINE = bytes("Sp\u00ffin,2018,gold,2,kg,b-2", StandardCharsets.ISO_8859_1);

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }

  @BeforeAll
  static void ingest() throws Exception {
    Path in = Files.createDirectories(temp.resolve("in"));
    // Semicolons and decimal commas: 1.234,5 kg is 1234.5 kg; 12,25 t is 12,250 kg.
    Files.writeString(in.resolve("eu-semicolon.csv"), "country;year;metal;amount;unit;source;record_id\n"
        + "Germany;2014;gold;1.234,5;kg;eu;s-1\nFrance;2015;silver;12,25;t;eu;s-2\n");
    // Tabs, a UTF-8 byte-order mark, CR LF.
    Files.write(in.resolve("tabbed.csv"), bytes("\uFEFFcountry\tyear\tmetal\tamount\tunit\trecord_id\r\n"
        + "Japan\t2014\tgold\t143\tkg\tt-1\r\n", StandardCharsets.UTF_8));
    // Windows-1252: the o circumflex of Côte d'Ivoire is the one byte 0xF4.
    Files.write(in.resolve("cote-1252.csv"), bytes("country,year,metal,amount,unit,record_id\n"
        + "C\u00f4te d'Ivoire,2016,gold,5,kg,w-1\n", Charset.forName("windows-1252")));
    // UTF-16, little-endian with its byte-order mark, CR LF: 2 t of copper is 2,000 kg.
    Files.write(in.resolve("utf16.csv"), bytes("\uFEFFcountry,year,metal,amount,unit,record_id\r\n"
        + "Italy,2017,copper,2,t,u-1\r\n", StandardCharsets.UTF_16LE));
    // Declared UTF-8 (file-dialects), with one line that is not: that line is kept as its bytes.
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    bad.write(bytes("country,year,metal,amount,unit,record_id\nSpain,2018,gold,1,kg,b-1\n", StandardCharsets.UTF_8));
    bad.write(BAD_LINE);
    bad.write('\n');
    Files.write(in.resolve("bad-byte.csv"), bad.toByteArray());
    // Semicolons declared with a decimal point: "1,5" is then no number (a decimal comma is rejected).
    Files.writeString(in.resolve("declared.csv"), "country;year;metal;amount;unit;record_id\n"
        + "Greece;2019;gold;1,5;kg;d-1\nGreece;2019;silver;7;kg;d-2\n");
    settings = settings("urbanmine.input.recovery-records=" + in, "urbanmine.warehouse=" + temp.resolve("wh"),
        "urbanmine.quality.max-rejected-share=1",
        "urbanmine.input.file-dialects.\"bad-byte.csv\".encoding=utf-8",
        "urbanmine.input.file-dialects.\"declared.csv\".delimiter=\";\"",
        "urbanmine.input.file-dialects.\"declared.csv\".decimal-mark=\".\"",
        "urbanmine.input.file-dialects.\"declared.csv\".encoding=utf-8");
    UrbanMine.run(spark, Command.INGEST, settings);
    Warehouse warehouse = new Warehouse(spark, settings.warehouse(), "read");
    records = byRecordId(warehouse.read(RecoveryRecordsTable.TABLE).collectAsList());
    rejects = new TreeMap<>();
    for (Row r : warehouse.read(RejectedRecordsTable.TABLE).collectAsList()) {
      rejects.put(r.<String>getAs("source_file") + ":" + r.<Integer>getAs("line_number"), r);
    }
  }

  private static Map<String, Row> byRecordId(java.util.List<Row> rows) {
    Map<String, Row> out = new TreeMap<>();
    rows.forEach(r -> out.put(r.getAs("record_id"), r));
    return out;
  }

  private static void assertRecord(String id, String country, String metal, double kg) {
    Row r = records.get(id);
    assertThat(r).as(id).isNotNull();
    assertThat(r.<String>getAs("country_code")).isEqualTo(country);
    assertThat(r.<String>getAs("metal")).isEqualTo(metal);
    assertThat(r.<Double>getAs("mass_kg")).isEqualTo(kg);
  }

  @Test
  void everyDialectIsReadToTheSameRecords() {
    assertRecord("s-1", "DEU", "gold", 1234.5);
    assertRecord("s-2", "FRA", "silver", 12_250.0);
    assertRecord("t-1", "JPN", "gold", 143.0);
    assertRecord("w-1", "CIV", "gold", 5.0);
    assertRecord("u-1", "ITA", "copper", 2_000.0);
    assertRecord("b-1", "ESP", "gold", 1.0);
    assertRecord("d-2", "GRC", "silver", 7.0);
    assertThat(records).hasSize(7);
  }

  @Test
  void aLineThatIsNotTextKeepsItsBytes() {
    Row bad = rejects.get("bad-byte.csv:3");
    assertThat(bad).isNotNull();
    assertThat(bad.<String>getAs("reason_code")).isEqualTo("bad_encoding");
    assertThat(bad.<String>getAs("raw")).isNull();
    assertThat(Base64.getDecoder().decode(bad.<String>getAs("raw_base64"))).isEqualTo(BAD_LINE);
  }

  @Test
  void aDeclaredDialectWinsOverDetection() {
    // Detection would take "1,5" for 1.5; declared with a decimal point it is rejected.
    assertThat(rejects.get("declared.csv:2").<String>getAs("reason_code")).isEqualTo("bad_amount");
    assertThat(rejects).hasSize(2);
  }

  @Test
  void theRunRecordsEachFilesDialectAndANightWithNothingNewMatchesIt() {
    Row run = spark.read().parquet(settings.warehouse() + "/runs").first();
    String inputs = run.getAs("inputs");
    assertThat(inputs).contains("eu-semicolon.csv\",\"size_bytes\"")
        .contains("\"encoding\":\"UTF-8\",\"delimiter\":\";\",\"decimal_mark\":\",\",\"dialect\":\"detected\"")
        .contains("\"encoding\":\"windows-1252\",\"delimiter\":\",\"")
        .contains("\"encoding\":\"UTF-16LE\"")
        .contains("\"delimiter\":\"\\t\"")
        .contains("\"encoding\":\"UTF-8\",\"delimiter\":\";\",\"decimal_mark\":\".\",\"dialect\":\"configured\"");
    // The files unchanged: listed again, each takes the recorded fingerprint and dialect, so the
    // inputs are those of the run, and a nightly would have nothing to do.
    String runId = RunContext.newRunId(Instant.now());
    RunContext context = new RunContext(settings, runId, new Warehouse(spark, settings.warehouse(), runId));
    RunHistory.Entry entry = context.historyEntry(Command.INGEST.commandName());
    entry.inputs(JsonText.array(new IngestJob().inputFiles(spark.sparkContext().hadoopConfiguration(), context)));
    assertThat(RunHistory.lastIdentical(context.warehouse(), entry)).contains(run.<String>getAs("run_id"));
  }

  @Test
  void theSnifferTellsTheDialectFromTheFirstBytes() {
    byte[] semicolons = bytes("a;b;amount\n1;2;3,5\n", StandardCharsets.UTF_8);
    assertThat(CsvDialect.sniff(semicolons, semicolons.length, true, Settings.Dialect.AUTO).dialect())
        .isEqualTo(new CsvDialect("UTF-8", ';', ',', true));
    // A comma inside quotes is no delimiter; a cut sample's last line is not judged.
    byte[] quoted = bytes("a,b\n\"x;y\",1\n\"p;q\",2\n\"cut;", StandardCharsets.UTF_8);
    assertThat(CsvDialect.sniff(quoted, quoted.length, false, Settings.Dialect.AUTO).dialect().delimiter())
        .isEqualTo(',');
    byte[] be = bytes("\uFEFFa\tb\n", StandardCharsets.UTF_16BE);
    assertThat(CsvDialect.sniff(be, be.length, true, Settings.Dialect.AUTO).dialect())
        .isEqualTo(new CsvDialect("UTF-16BE", '\t', '.', true));
  }
}
