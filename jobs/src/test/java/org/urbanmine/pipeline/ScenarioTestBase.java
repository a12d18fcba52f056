package org.urbanmine.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.config.SettingsLoader;

/**
 * Runs on the small ingest fixture (src/test/resources/IngestJobTest/records: 6 accepted rows,
 * 7 rejected) into a temporary warehouse, with scenario files written to a temporary home, loaded
 * as {@code jobs/run --scenario NAME} would.
 */
public abstract class ScenarioTestBase extends SparkTestBase {
  protected static final String RECORDS = Path.of("src/test/resources/IngestJobTest/records").toAbsolutePath().toString();

  @TempDir
  protected Path warehouse;
  @TempDir
  protected Path home;

  /** Writes {@code conf/scenarios/NAME.conf} under the temporary home. */
  protected void scenario(String name, String hocon) throws IOException {
    scenario(home, name, hocon);
  }

  /** Writes {@code conf/scenarios/NAME.conf} under {@code home}. */
  public static void scenario(Path home, String name, String hocon) throws IOException {
    Files.createDirectories(home.resolve("conf/scenarios"));
    Files.writeString(home.resolve("conf/scenarios/" + name + ".conf"), hocon);
  }

  /** The settings of {@code scenario} (null: the baseline) on the fixture, with more {@code --set}s. */
  protected Settings load(String scenario, String... more) {
    return load(warehouse, home, scenario, more);
  }

  /** As {@link #load(String, String...)}, for a warehouse and a home of the caller's. */
  public static Settings load(Path warehouse, Path home, String scenario, String... more) {
    return load(warehouse, home, null, scenario, more);
  }

  /** ... with a configuration file ({@code --conf}: over the defaults, under the scenario). */
  public static Settings load(Path warehouse, Path home, Path conf, String scenario, String... more) {
    List<String> sets = new ArrayList<>(SAMPLE_INPUTS);
    sets.addAll(List.of(TWO_COUNTRIES_PUT_ON_MARKET, FEW_COUNTRIES_POPULATION,
        "urbanmine.input.recovery-records=" + RECORDS,
        "urbanmine.warehouse=" + warehouse,
        "urbanmine.quality.max-rejected-share=0.6"));
    sets.addAll(List.of(more));
    return new SettingsLoader(Map.of(), TEST_YEAR, home.toString()).load(conf == null ? null : conf.toString(),
        scenario, sets);
  }
}
