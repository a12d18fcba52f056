package org.urbanmine.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.ingest.IngestJob;
import org.urbanmine.ingest.RawRecordReader;
import org.urbanmine.ingest.RecordNormalizer;
import org.urbanmine.ingest.RecordParser;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.MetalCatalog;
import org.urbanmine.tables.RejectReason;

/**
 * The generator against the real ingest: what it says it wrote (its manifest, worked out from the
 * numbers as it wrote them) is what the ingest finds, row for row and kilogram for kilogram.
 */
class SyntheticRecordsTest extends SparkTestBase {
  private static final long ROWS = 12_000;
  private static final int ROWS_PER_FILE = 2_000;
  private static final long SEED = 42;

  @TempDir
  static Path temp;
  private static Settings settings;
  private static SyntheticRecords.Manifest manifest;
  private static Dataset<Row> checked;

  @BeforeAll
  static void generateAndIngest() {
    settings = settings();
    manifest = write(temp.resolve("a"), SEED);
    String location = temp.resolve("a").toString();
    Dataset<Row> lines = RawRecordReader.readLines(spark, InputFingerprint.of(spark, location, RawRecordReader.RECORDS_KEY));
    checked = IngestJob.classify(lines, CountryResolver.load(spark, settings.reference()),
        new MetalCatalog(settings.metals()), settings.input()).cache();
  }

  private static SyntheticRecords.Manifest write(Path dir, long seed) {
    return SyntheticRecords.write(dir, ROWS, seed, settings,
        CountrySpellings.load(new Configuration(), settings.reference()), ROWS_PER_FILE);
  }

  @Test
  void everyRowEndsWhereTheGeneratorMeantIt() {
    // 12,000 rows in files of 2,000: six files, the fifth JSON Lines.
    assertThat(manifest.files()).isEqualTo(6);
    assertThat(temp.resolve("a/generated-00005.jsonl")).exists();
    assertThat(temp.resolve("a/generated-00001.csv")).exists();
    assertThat(checked.count()).isEqualTo(ROWS);

    Map<String, Long> rejected = new HashMap<>();
    checked.filter(col(RecordNormalizer.REASON_CODE).isNotNull())
        .groupBy(RecordNormalizer.REASON_CODE).agg(count("*"))
        .collectAsList().forEach(r -> rejected.put(r.getString(0), r.getLong(1)));
    Map<String, Long> expected = new HashMap<>(manifest.rejectedRows());
    expected.values().removeIf(n -> n == 0);
    assertThat(rejected).isEqualTo(expected);
    // Every kind of reject but bad_encoding (the files are UTF-8 text) is there, and about 1 % of
    // rows in all (120 of 12,000 expected).
    assertThat(rejected.keySet()).hasSize(RejectReason.values().length - 1).doesNotContain("bad_encoding");
    long bad = rejected.values().stream().mapToLong(Long::longValue).sum();
    assertThat(bad).isBetween(84L, 156L);
    assertThat(ROWS - bad).isEqualTo(manifest.cleanRows());
  }

  @Test
  void theCleanMassPerMetalIsWhatWasWritten() {
    Map<String, Double> found = new HashMap<>();
    checked.filter(col(RecordNormalizer.REASON_CODE).isNull())
        .groupBy(RecordNormalizer.METAL).agg(sum(RecordNormalizer.MASS_KG))
        .collectAsList().forEach(r -> found.put(r.getString(0), r.getDouble(1)));
    assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(manifest.cleanMassKg().keySet());
    // Each row's kilograms are the same double both ways (the number as written times the unit);
    // only the order of the additions differs.
    manifest.cleanMassKg().forEach((metal, kg) ->
        assertThat(found.get(metal)).as(metal).isCloseTo(kg, org.assertj.core.data.Percentage.withPercentage(1e-9)));
  }

  @Test
  void countriesComeInManySpellings() {
    Dataset<Row> lines = RawRecordReader.readLines(spark, InputFingerprint.of(spark, temp.resolve("a").toString(), RawRecordReader.RECORDS_KEY));
    Row spellings = RecordParser.parse(lines).agg(countDistinct(RecordParser.field("country"))).first();
    Row countries = checked.agg(countDistinct(col(CountryResolver.COUNTRY_CODE))).first();
    // 249 ISO countries, each with its codes, names and aliases in several cases.
    assertThat(countries.getLong(0)).isGreaterThan(240);
    assertThat(spellings.getLong(0)).isGreaterThan(4 * countries.getLong(0));
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws IOException {
    write(temp.resolve("b"), SEED);
    write(temp.resolve("c"), SEED + 1);
    for (String name : List.of("generated-00001.csv", "generated-00005.jsonl", SyntheticRecords.MANIFEST)) {
      assertThat(Files.mismatch(temp.resolve("a").resolve(name), temp.resolve("b").resolve(name))).as(name).isEqualTo(-1);
      assertThat(Files.mismatch(temp.resolve("a").resolve(name), temp.resolve("c").resolve(name))).as(name).isNotEqualTo(-1);
    }
  }

  @Test
  void refusesADirectoryThatHoldsFiles() throws IOException {
    Path used = Files.createDirectories(temp.resolve("used"));
    Files.writeString(used.resolve("old.csv"), "country\n");
    assertThatThrownBy(() -> write(used, SEED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--output must be a new or empty directory");
    try (Stream<Path> files = Files.list(used)) {
      assertThat(files).hasSize(1);
    }
  }
}
