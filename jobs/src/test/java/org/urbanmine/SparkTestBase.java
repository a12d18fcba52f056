package org.urbanmine;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.config.SettingsLoader;

/**
 * One local SparkSession for every test in the JVM (surefire runs them in one fork): local[2],
 * two shuffle partitions, no UI, bound to loopback. It is stopped when the JVM exits.
 */
public abstract class SparkTestBase {
  /** A fixed "current year" so that tests do not change meaning with the calendar. */
  public static final int TEST_YEAR = 2026;

  protected static final SparkSession spark = session();

  /**
   * Columns that differ between two runs on the same input by design: the run's id, and the
   * time and configuration the scenarios table records (the configuration names the warehouse).
   */
  public static final String[] RUN_SPECIFIC_COLUMNS = {"run_id", "recorded_at", "config_json", "config_hash"};

  private static synchronized SparkSession session() {
    SparkSession s = SparkSession.builder()
        .master("local[2]")
        .appName("urbanmine-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
    return s;
  }

  /** The checkout's e-waste sample data: tests run in jobs/, the default path is relative to the root. */
  public static final String EWASTE_SET = "urbanmine.drivers.ewaste-generated="
      + java.nio.file.Path.of("../sample-data/ewaste-generated/ewaste-generated.csv").toAbsolutePath().normalize();

  /** The bundled defaults, with {@code --set} overrides, as the CLI would load them. */
  protected static Settings settings(String... sets) {
    return scenarioSettings(null, sets);
  }

  /** As {@link #settings}, with a scenario bundled in the jar ({@code conf/scenarios/NAME.conf}). */
  protected static Settings scenarioSettings(String scenario, String... sets) {
    List<String> all = new java.util.ArrayList<>(List.of(EWASTE_SET));
    all.addAll(List.of(sets));
    return new SettingsLoader(Map.of(), TEST_YEAR, null).load(null, scenario, all);
  }

  protected static Dataset<Row> rows(StructType schema, Object[]... values) {
    return spark.createDataFrame(java.util.Arrays.stream(values).map(RowFactory::create).toList(), schema);
  }
}
