package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HOCON layers of {@link SettingsLoader}, merged so that a later one wins: defaults,
 * {@code --conf}, {@code --scenario}, the environment, each {@code --set}. Nothing here is
 * validated beyond what is needed to find and parse a layer; the section readers do the rest.
 */
final class ConfigLayers {
  static final String BUNDLED_DEFAULTS = "urbanmine/application.conf";
  static final String BUNDLED_SCENARIOS = "urbanmine/scenarios/";

  private final Map<String, String> env;
  private final String home;

  /** @param home the checkout whose {@code conf/} to read, or null for the copies bundled in the jar */
  ConfigLayers(Map<String, String> env, String home) {
    this.env = env;
    this.home = home;
  }

  Config merged(String confFile, String scenario, List<String> sets) {
    Config config = defaults();
    if (confFile != null) {
      File file = new File(confFile);
      if (!file.isFile()) {
        throw new ConfigurationException("--conf " + confFile + ": no such file");
      }
      config = parseFile(file).withFallback(config);
    }
    if (scenario != null) {
      config = scenario(scenario).withFallback(config);
    }
    String warehouse = env.get(SettingsLoader.WAREHOUSE_ENV);
    if (warehouse != null && !warehouse.isBlank()) {
      config = ConfigValueFactory.fromAnyRef(warehouse)
          .atPath(ROOT + ".warehouse").withFallback(config);
    }
    for (String set : sets) {
      config = parseSet(set).withFallback(config);
    }
    return config;
  }

  private Config defaults() {
    if (home != null) {
      File file = new File(home, "conf/application.conf");
      if (file.isFile()) {
        return parseFile(file);
      }
    }
    return ConfigFactory.parseResources(
        ConfigLayers.class.getClassLoader(), BUNDLED_DEFAULTS,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private Config scenario(String name) {
    if (!SettingsLoader.isScenarioName(name)) {
      throw new ConfigurationException(
          "--scenario must be a name of lower-case letters, digits, '-' or '_', got \"" + name + "\"");
    }
    if (home != null) {
      File file = new File(home, "conf/scenarios/" + name + ".conf");
      if (file.isFile()) {
        return onlyScenarioKeys(parseFile(file), file.toString());
      }
      File dir = new File(home, "conf/scenarios");
      Set<String> known = new TreeSet<>();
      String[] names = dir.list((d, n) -> n.endsWith(".conf"));
      if (names != null) {
        for (String n : names) {
          known.add(n.substring(0, n.length() - ".conf".length()));
        }
      }
      throw new ConfigurationException("--scenario " + name + ": no file " + file
          + "; scenarios available: " + known);
    }
    Config bundled = ConfigFactory.parseResources(ConfigLayers.class.getClassLoader(),
        BUNDLED_SCENARIOS + name + ".conf");
    if (bundled.isEmpty() && ConfigLayers.class.getClassLoader()
        .getResource(BUNDLED_SCENARIOS + name + ".conf") == null) {
      throw new ConfigurationException("--scenario " + name + ": no scenario of that name"
          + " (looked for " + BUNDLED_SCENARIOS + name + ".conf in the jar)");
    }
    return onlyScenarioKeys(bundled, BUNDLED_SCENARIOS + name + ".conf");
  }

  /** A scenario file may set keys under {@link SettingsLoader#SCENARIO_SECTIONS} only. */
  static Config onlyScenarioKeys(Config scenario, String where) {
    List<String> sections = SettingsLoader.SCENARIO_SECTIONS;
    for (Map.Entry<String, ConfigValue> e : scenario.entrySet()) {
      String key = e.getKey();
      boolean allowed = sections.stream().anyMatch(s -> key.startsWith(ROOT + "." + s + "."));
      if (!allowed) {
        throw new ConfigurationException(where + " sets " + key + "; a scenario may set only keys under "
            + sections.stream().map(s -> ROOT + "." + s).toList()
            + " (the tables all scenarios share must not depend on the scenario; use --conf or --set"
            + " for other keys)");
      }
    }
    return scenario;
  }

  private static Config parseFile(File file) {
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigurationException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code key=value}. A value starting with '[', '{' or '"' is HOCON (lists, objects, quoted
   * strings); anything else is taken as a literal string, so that paths such as
   * {@code s3a://bucket/x} are not cut at "//". Typed reads convert "0.1" or "2040" as needed.
   */
  static Config parseSet(String set) {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      throw new ConfigurationException("--set must be key=value, got \"" + set + "\"");
    }
    String key = set.substring(0, eq).trim();
    String value = set.substring(eq + 1).trim();
    if (!key.startsWith(ROOT + ".")) {
      throw new ConfigurationException(
          "--set key must start with \"" + ROOT + ".\", got \"" + key + "\"");
    }
    try {
      if (value.startsWith("[") || value.startsWith("{") || value.startsWith("\"")) {
        return ConfigFactory.parseString(key + " = " + value);
      }
      return ConfigValueFactory.fromAnyRef(value).atPath(key);
    } catch (ConfigException e) {
      throw new ConfigurationException("--set " + set + ": " + e.getMessage(), e);
    }
  }
}
