package org.urbanmine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.config.ConfigurationException;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.ScenariosTable;
import org.urbanmine.tables.TableSpec;

/**
 * Scenario partitions: a run of one scenario replaces its own partitions and no other, and the
 * {@code scenarios} table records what each scenario assumed. On the small ingest fixture
 * (src/test/resources/IngestJobTest/records) with scenario files written to a temporary home.
 */
class ScenarioPartitionTest extends ScenarioTestBase {

  @BeforeEach
  void scenarioFiles() throws IOException {
    scenario("half-share", "urbanmine.medals.available-share = 0.5\nurbanmine.forecast.horizon = 2035\n");
    scenario("moves-input", "urbanmine { forecast.horizon = 2035, input.min-year = 2000 }\n");
    scenario("typo", "urbanmine.drivers.colection-rate = 0.3\n");
    scenario("above-one", "urbanmine.drivers.collection-rate = 1.2\n");
    scenario("upside-down", "urbanmine.drivers.content-g-per-t.gold { distribution = uniform, min = 400, max = 300 }\n");
  }

  /**
   * Every file of a scenario's partitions, with the SHA-256 of its bytes, by path (Hadoop's
   * hidden .crc checksums aside).
   */
  private Map<String, String> partitionFiles(String scenario) throws Exception {
    Map<String, String> files = new TreeMap<>();
    for (TableSpec table : Command.NIGHTLY.outputs()) {
      if (!table.isPartitioned()) {
        continue;
      }
      Path dir = warehouse.resolve(table.name()).resolve("scenario=" + scenario);
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
            .toList()) {
          files.put(warehouse.relativize(f).toString(), HexFormat.of().formatHex(
              MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        }
      }
    }
    return files;
  }

  @Test
  void aScenarioRunReplacesOnlyItsOwnPartitions() throws Exception {
    Settings baseline = load(null);
    UrbanMine.run(spark, Command.NIGHTLY, baseline);
    Map<String, String> baselineFiles = partitionFiles("baseline");
    // Eighteen partitioned tables (four of e-waste, ten of forecast, three of the outlook, and
    // scenarios): one Parquet file each.
    assertThat(baselineFiles.keySet()).filteredOn(k -> k.endsWith(".parquet")).hasSize(18);

    // The scenario's own stages only, as two commands: each publishes and carries the rest forward.
    Settings half = load("half-share");
    UrbanMine.run(spark, Command.FORECAST, half);
    UrbanMine.run(spark, Command.OUTLOOK, half);
    assertThat(partitionFiles("baseline")).as("baseline partitions, byte for byte")
        .containsExactlyInAnyOrderEntriesOf(baselineFiles);

    // available_kg = recovered x available-share, so every half-share value is the baseline's
    // times 0.5 / 0.0591028 (the baseline's share, a Tokyo-scale campaign: 39,492.5 t a year /
    // 668,200 t) for the same Games, scope, metal and year; its horizon stops at 2035.
    double ratio = 0.5 / (39_492.5 / 668_200);
    spark.read().parquet(warehouse.resolve("medal_outlook").toString()).createOrReplaceTempView("outlook_view");
    List<Row> pairs = spark.sql(
            "SELECT b.available_kg AS b, h.available_kg AS h FROM outlook_view b JOIN outlook_view h"
                + " USING (games_id, scope_level, scope, metal, year)"
                + " WHERE b.scenario = 'baseline' AND h.scenario = 'half-share'").collectAsList();
    assertThat(pairs).isNotEmpty();
    for (Row r : pairs) {
      assertThat(r.getDouble(1)).isCloseTo(r.getDouble(0) * ratio, within(1e-9 * Math.max(1, r.getDouble(1))));
    }
    assertThat(spark.read().parquet(warehouse.resolve("metal_forecast").toString())
        .groupBy("scenario").max("year").orderBy("scenario").collectAsList())
        .extracting(r -> r.getString(0) + " " + r.getInt(1))
        .containsExactly("baseline 2040", "half-share 2035");

    // Each scenario's exact assumptions, traceable by hash and run.
    List<Row> scenarios = spark.read().parquet(warehouse.resolve(ScenariosTable.TABLE.name()).toString())
        .orderBy("scenario").collectAsList();
    assertThat(scenarios).extracting(r -> r.getString(r.fieldIndex("scenario")) + " "
            + r.getString(r.fieldIndex("config_hash")))
        .containsExactly("baseline " + baseline.configHash(), "half-share " + half.configHash());
    assertThat(scenarios.get(1).getString(scenarios.get(1).fieldIndex("config_json")))
        .isEqualTo(half.resolvedJson()).contains("\"available-share\":0.5");

    // And back: a new baseline run leaves half-share's partitions as they were.
    Map<String, String> halfFiles = partitionFiles("half-share");
    UrbanMine.run(spark, Command.FORECAST, load(null, "urbanmine.forecast.horizon=2038"));
    UrbanMine.run(spark, Command.OUTLOOK, load(null, "urbanmine.forecast.horizon=2038"));
    assertThat(partitionFiles("half-share")).containsExactlyInAnyOrderEntriesOf(halfFiles);
  }

  /** Bad scenario files stop the run while loading, before any Spark work, naming the key. */
  @Test
  void badScenarioFilesFailNamingTheKey() {
    assertThatThrownBy(() -> load("typo")).isInstanceOf(ConfigurationException.class)
        .hasMessage("unknown configuration key urbanmine.drivers.colection-rate (see the README's configuration table)");
    assertThatThrownBy(() -> load("above-one")).isInstanceOf(ConfigurationException.class)
        .hasMessage("urbanmine.drivers.collection-rate must be between 0 and 1, got 1.2");
    assertThatThrownBy(() -> load("upside-down")).isInstanceOf(ConfigurationException.class)
        .hasMessage("urbanmine.drivers.content-g-per-t.gold must be a distribution with min <= max, got min 400, max 300");
  }

  @Test
  void aScenarioFileMaySetOnlyScenarioAssumptions() {
    assertThatThrownBy(() -> load("moves-input"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sets urbanmine.input.min-year")
        .hasMessageContaining("[urbanmine.forecast, urbanmine.drivers, urbanmine.ewaste, urbanmine.uncertainty, urbanmine.medals]");
  }
}
