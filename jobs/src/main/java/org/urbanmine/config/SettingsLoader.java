package org.urbanmine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds {@link Settings} from layered HOCON. Later layers win:
 *
 * <ol>
 *   <li>defaults: {@code conf/application.conf} (from {@code $URBANMINE_HOME} when the launcher
 *       sets {@code -Durbanmine.home}, else the copy bundled in the jar);
 *   <li>{@code --conf FILE};
 *   <li>{@code --scenario NAME}: {@code conf/scenarios/NAME.conf};
 *   <li>the environment: {@code URBANMINE_WAREHOUSE} replaces {@code urbanmine.warehouse};
 *   <li>each {@code --set key=value}, in order.
 * </ol>
 *
 * Each section is read by its own reader ({@link InputSection}, {@link DriversSection}, ...) through
 * one {@link ConfigReader}, which then knows every key asked for: any other key is a typo and stops
 * the run. Every problem is a {@link ConfigurationException} naming the key, the value and what is
 * allowed.
 */
public final class SettingsLoader {
  public static final String ROOT = "urbanmine";
  public static final String HOME_PROPERTY = "urbanmine.home";
  public static final String WAREHOUSE_ENV = "URBANMINE_WAREHOUSE";
  public static final String DEFAULT_SCENARIO = "baseline";

  private static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  /**
   * What a scenario file may change: the assumptions behind the scenario's own partitions. The
   * tables every scenario shares (records, totals) must not depend on which scenario ran last.
   */
  public static final List<String> SCENARIO_SECTIONS = List.of("forecast", "drivers", "ewaste", "uncertainty", "medals");
  static final String REDACTED = "*********(redacted)";

  private final ConfigLayers layers;
  private final int currentYear;

  /**
   * @param env the process environment (passed in so tests need not change the real one)
   * @param currentYear the year {@code max-year = "current"} stands for
   * @param home the checkout whose {@code conf/} to read, or null for the bundled copies
   */
  public SettingsLoader(Map<String, String> env, int currentYear, String home) {
    this.layers = new ConfigLayers(env, home);
    this.currentYear = currentYear;
  }

  /** Loads from the layers and validates; {@code scenario} may be null for the baseline. */
  public Settings load(String confFile, String scenario, List<String> sets) {
    Config merged = layers.merged(confFile, scenario, sets);
    Config resolved;
    try {
      resolved = merged.resolve();
    } catch (ConfigException e) {
      throw new ConfigurationException("configuration cannot be resolved: " + e.getMessage(), e);
    }
    String name = scenario == null ? DEFAULT_SCENARIO : scenario;
    return parse(resolved, name);
  }

  /** Whether {@code name} may name a scenario: lower-case letters, digits, '-' or '_', not starting with '-' or '_'. */
  public static boolean isScenarioName(String name) {
    return name != null && SCENARIO_NAME.matcher(name).matches();
  }

  Settings parse(Config config, String scenario) {
    ConfigReader r = new ConfigReader(config);
    if (!r.has(ROOT)) {
      throw new ConfigurationException("configuration has no \"" + ROOT + "\" section");
    }
    // Forecast needs the input years, drivers and medals the metals; otherwise the order only decides
    // which of several mistakes is reported first.
    Settings.Input input = InputSection.read(r, currentYear);
    String warehouse = StorageSection.warehouse(r);
    Settings.Reference reference = InputSection.reference(r);
    Settings.Quality quality = QualitySection.read(r);
    List<Settings.Metal> metals = MetalsSection.read(r);
    Set<String> metalNames = MetalsSection.names(metals);
    Settings.Aggregate aggregate = QualitySection.aggregate(r);
    Settings.Forecast forecast = ForecastSection.read(r, input);
    Settings.Drivers drivers = DriversSection.read(r, metalNames);
    Settings.Ewaste ewaste = EwasteSection.read(r);
    Settings.Uncertainty uncertainty = UncertaintySection.read(r);
    Settings.Medals medals = MedalsSection.read(r, metalNames);
    Settings.Publish publish = StorageSection.publish(r);
    Settings.S3 s3 = StorageSection.s3(r);
    SparkSection spark = SparkSection.read(r);
    List<String> unknown = r.unknownKeys(ROOT);
    if (!unknown.isEmpty()) {
      throw new ConfigurationException("unknown configuration key" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + " (see the README's configuration table)");
    }
    String json = spark.redact(config.getConfig(ROOT)).root().render(ConfigRenderOptions.concise());
    return new Settings(scenario, input, warehouse, reference, quality, metals, aggregate, forecast,
        drivers, ewaste, uncertainty, medals, publish, s3, spark.conf(), spark.smallInputMb(), json);
  }
}
