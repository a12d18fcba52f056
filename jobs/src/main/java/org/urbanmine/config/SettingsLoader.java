package org.urbanmine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.urbanmine.uncertainty.Lifespan;
import org.urbanmine.uncertainty.Distribution;

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
 * Every problem is a {@link ConfigurationException} naming the key, the value and what is allowed.
 */
public final class SettingsLoader {
  private static final String ASSUMED_ROLE_PROVIDER = "org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider";
  public static final String ROOT = "urbanmine";
  public static final String HOME_PROPERTY = "urbanmine.home";
  public static final String WAREHOUSE_ENV = "URBANMINE_WAREHOUSE";
  public static final String DEFAULT_SCENARIO = "baseline";
  static final String BUNDLED_DEFAULTS = "urbanmine/application.conf";
  static final String BUNDLED_SCENARIOS = "urbanmine/scenarios/";

  private static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern METAL_NAME = Pattern.compile("[a-z]+");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z][a-z]?");
  private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
  private static final Set<String> MEDAL_TYPES = Set.of("gold", "silver", "bronze");
  private static final Set<String> SEASONS = Set.of("summer", "winter");
  /**
   * What a scenario file may change: the assumptions behind the scenario's own partitions. The
   * tables every scenario shares (records, totals) must not depend on which scenario ran last.
   */
  public static final List<String> SCENARIO_SECTIONS = List.of("forecast", "drivers", "ewaste", "uncertainty", "medals");
  /** spark.conf keys whose values are not kept in the recorded configuration (Spark's own rule). */
  private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");
  static final String REDACTED = "*********(redacted)";

  private final Map<String, String> env;
  private final int currentYear;
  private final String home;

  /**
   * @param env the process environment (passed in so tests need not change the real one)
   * @param currentYear the year {@code max-year = "current"} stands for
   * @param home the checkout whose {@code conf/} to read, or null for the bundled copies
   */
  public SettingsLoader(Map<String, String> env, int currentYear, String home) {
    this.env = env;
    this.currentYear = currentYear;
    this.home = home;
  }

  /** Loads from the layers and validates; {@code scenario} may be null for the baseline. */
  public Settings load(String confFile, String scenario, List<String> sets) {
    Config merged = layered(confFile, scenario, sets);
    Config resolved;
    try {
      resolved = merged.resolve();
    } catch (ConfigException e) {
      throw new ConfigurationException("configuration cannot be resolved: " + e.getMessage(), e);
    }
    String name = scenario == null ? DEFAULT_SCENARIO : scenario;
    return parse(resolved, name);
  }

  Config layered(String confFile, String scenario, List<String> sets) {
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
    String warehouse = env.get(WAREHOUSE_ENV);
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
    Config bundled = ConfigFactory.parseResources(
        SettingsLoader.class.getClassLoader(), BUNDLED_DEFAULTS,
        ConfigParseOptions.defaults().setAllowMissing(false));
    return bundled;
  }

  /** Whether {@code name} may name a scenario: lower-case letters, digits, '-' or '_', not starting with '-' or '_'. */
  public static boolean isScenarioName(String name) {
    return name != null && SCENARIO_NAME.matcher(name).matches();
  }

  private Config scenario(String name) {
    if (!isScenarioName(name)) {
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
    Config bundled = ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(),
        BUNDLED_SCENARIOS + name + ".conf");
    if (bundled.isEmpty() && SettingsLoader.class.getClassLoader()
        .getResource(BUNDLED_SCENARIOS + name + ".conf") == null) {
      throw new ConfigurationException("--scenario " + name + ": no scenario of that name"
          + " (looked for " + BUNDLED_SCENARIOS + name + ".conf in the jar)");
    }
    return onlyScenarioKeys(bundled, BUNDLED_SCENARIOS + name + ".conf");
  }

  /** A scenario file may set keys under {@link #SCENARIO_SECTIONS} only. */
  static Config onlyScenarioKeys(Config scenario, String where) {
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : scenario.entrySet()) {
      String key = e.getKey();
      boolean allowed = SCENARIO_SECTIONS.stream().anyMatch(s -> key.startsWith(ROOT + "." + s + "."));
      if (!allowed) {
        throw new ConfigurationException(where + " sets " + key + "; a scenario may set only keys under "
            + SCENARIO_SECTIONS.stream().map(s -> ROOT + "." + s).toList()
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

  Settings parse(Config config, String scenario) {
    ConfigReader r = new ConfigReader(config);
    if (!r.has(ROOT)) {
      throw new ConfigurationException("configuration has no \"" + ROOT + "\" section");
    }
    Settings.Input input = input(r);
    String warehouse = r.string(ROOT + ".warehouse");
    Settings.Reference reference = new Settings.Reference(
        r.string(ROOT + ".reference.countries"), r.string(ROOT + ".reference.country-aliases"));
    Settings.Quality quality =
        new Settings.Quality(r.doubleBetween(ROOT + ".quality.max-rejected-share", 0, 1));
    List<Settings.Metal> metals = metals(r);
    Set<String> metalNames = new HashSet<>();
    metals.forEach(m -> metalNames.add(m.name()));
    Settings.Aggregate aggregate = aggregate(r);
    Settings.Forecast forecast = forecast(r, input);
    Settings.Drivers drivers = drivers(r, metalNames);
    Settings.Ewaste ewaste = ewaste(r);
    Settings.Uncertainty uncertainty = new Settings.Uncertainty(
        r.intBetween(ROOT + ".uncertainty.draws", 1, 100_000),
        r.intBetween(ROOT + ".uncertainty.seed", 0, Integer.MAX_VALUE));
    Settings.Medals medals = medals(r, metalNames);
    Settings.Publish publish = new Settings.Publish(
        r.intBetween(ROOT + ".publish.keep-versions", 1, 1000),
        r.intBetween(ROOT + ".publish.lock-wait-seconds", 0, 86_400));
    Settings.S3 s3 = new Settings.S3(r.optionalString(ROOT + ".s3.endpoint", ""),
        r.optionalString(ROOT + ".s3.region", ""),
        r.optionalBoolean(ROOT + ".s3.path-style-access", false));
    Map<String, String> sparkConf = r.stringMap(ROOT + ".spark.conf");
    int smallInputMb = r.intBetween(ROOT + ".spark.small-input-mb", 0, 1_000_000);
    for (String key : sparkConf.keySet()) {
      if (!key.startsWith("spark.")) {
        throw ConfigReader.invalid(ROOT + ".spark.conf", "a map of spark.* settings",
            "key \"" + key + "\"");
      }
      // S3A's provider keys (also per bucket) take class lists; this class needs the SDK bundle.
      if (key.startsWith("spark.hadoop.fs.s3a.") && key.endsWith("credentials.provider")
          && sparkConf.get(key).contains(ASSUMED_ROLE_PROVIDER)) {
        throw ConfigReader.invalid(ROOT + ".spark.conf.\"" + key + "\"",
            "a credentials provider that works without the AWS SDK bundle (" + ASSUMED_ROLE_PROVIDER
                + " loads the bundle's shaded HTTP client, which urbanmine does not ship; assume a"
                + " role through an AWS profile with role_arn, or web identity, and"
                + " software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider)",
            "\"" + sparkConf.get(key) + "\"");
      }
    }
    List<String> unknown = r.unknownKeys(ROOT);
    if (!unknown.isEmpty()) {
      throw new ConfigurationException("unknown configuration key" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + " (see the README's configuration table)");
    }
    Config recorded = config.getConfig(ROOT);
    for (String key : sparkConf.keySet()) {
      if (SECRET_KEY.matcher(key).find()) {
        recorded = recorded.withValue("spark.conf." + ConfigUtil.quoteString(key),
            ConfigValueFactory.fromAnyRef(REDACTED));
      }
    }
    String json = recorded.root().render(ConfigRenderOptions.concise());
    return new Settings(scenario, input, warehouse, reference, quality, metals, aggregate,
        forecast, drivers, ewaste, uncertainty, medals, publish, s3, sparkConf, smallInputMb, json);
  }

  private Settings.Input input(ConfigReader r) {
    String records = r.string(ROOT + ".input.recovery-records");
    int minYear = r.intBetween(ROOT + ".input.min-year", 1900, 2200);
    String maxPath = ROOT + ".input.max-year";
    int maxYear;
    if (r.has(maxPath) && "current".equals(r.string(maxPath))) {
      maxYear = currentYear;
    } else {
      maxYear = r.intBetween(maxPath, 1900, 2200);
    }
    if (maxYear < minYear) {
      throw ConfigReader.invalid(maxPath,
          "at least " + ROOT + ".input.min-year (" + minYear + ")", String.valueOf(maxYear));
    }
    return new Settings.Input(records, minYear, maxYear);
  }

  private static List<Settings.Metal> metals(ConfigReader r) {
    String path = ROOT + ".metals";
    List<Settings.Metal> metals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : r.childNames(path)) {
      String p = ConfigReader.child(path, name);
      if (!METAL_NAME.matcher(name).matches()) {
        throw ConfigReader.invalid(p, "named in lower-case letters", "\"" + name + "\"");
      }
      String symbol = r.string(p + ".symbol");
      if (!SYMBOL.matcher(symbol).matches()) {
        throw ConfigReader.invalid(p + ".symbol", "a chemical symbol such as Au", "\"" + symbol + "\"");
      }
      List<String> aliases = r.has(p + ".aliases") ? r.stringList(p + ".aliases") : List.of();
      List<String> names = new ArrayList<>(List.of(name, symbol));
      names.addAll(aliases);
      for (String n : names) {
        if (!seen.add(n.trim().toLowerCase(java.util.Locale.ROOT))) {
          throw ConfigReader.invalid(p, "named by a name, symbol or alias no other metal uses",
              "\"" + n + "\" twice");
        }
      }
      metals.add(new Settings.Metal(name, symbol, List.copyOf(aliases)));
    }
    if (metals.isEmpty()) {
      throw ConfigReader.invalid(path, "at least one metal", "none");
    }
    return List.copyOf(metals);
  }

  private static Settings.Aggregate aggregate(ConfigReader r) {
    String path = ROOT + ".aggregate.source-priority";
    List<String> priority = r.stringList(path);
    if (new HashSet<>(priority).size() != priority.size()) {
      throw ConfigReader.invalid(path, "a list without repeats", priority.toString());
    }
    return new Settings.Aggregate(List.copyOf(priority));
  }

  private static Settings.Forecast forecast(ConfigReader r, Settings.Input input) {
    String horizonPath = ROOT + ".forecast.horizon";
    int horizon = r.intBetween(horizonPath, 1900, 2200);
    if (horizon < input.maxYear()) {
      throw ConfigReader.invalid(horizonPath, "at least " + ROOT + ".input.max-year ("
          + input.maxYear() + "), the last year the data may hold", String.valueOf(horizon));
    }
    double level = r.doubleBetween(ROOT + ".forecast.interval-level", 0.5, 0.999);
    int minPoints = r.intBetween(ROOT + ".forecast.min-points-for-trend", 3, 1000);
    String method = r.oneOf(ROOT + ".forecast.method", java.util.Set.of("linear", "log-linear", "damped-trend", "drivers", "auto"));
    int holdout = r.intBetween(ROOT + ".forecast.holdout-years", 1, 20);
    String metric = r.oneOf(ROOT + ".forecast.selection-metric", java.util.Set.of("mase", "smape"));
    return new Settings.Forecast(horizon, level, minPoints, method, holdout, metric);
  }

  private static Settings.Drivers drivers(ConfigReader r, Set<String> metalNames) {
    String base = ROOT + ".drivers";
    String file = r.string(base + ".ewaste-generated");
    double growth = r.doubleBetween(base + ".ewaste-growth-per-year", -0.5, 1);
    Settings.RatePath collection = ratePath(r, base + ".collection-rate");
    Map<String, Distribution> content = new LinkedHashMap<>();
    for (String metal : r.childNames(base + ".content-g-per-t")) {
      content.put(metal, Distributions.read(r, ConfigReader.child(base + ".content-g-per-t", metal), 0, 1e6));
    }
    requireMetals(base + ".content-g-per-t", content.keySet(), metalNames);
    Map<String, Settings.RatePath> preprocessing = new LinkedHashMap<>();
    Map<String, Settings.RatePath> smelter = new LinkedHashMap<>();
    for (String metal : r.childNames(base + ".preprocessing-yield")) {
      preprocessing.put(metal, ratePath(r, ConfigReader.child(base + ".preprocessing-yield", metal)));
    }
    for (String metal : r.childNames(base + ".smelter-yield")) {
      smelter.put(metal, ratePath(r, ConfigReader.child(base + ".smelter-yield", metal)));
    }
    for (String map : List.of("preprocessing-yield", "smelter-yield")) {
      Set<String> keys = map.equals("smelter-yield") ? smelter.keySet() : preprocessing.keySet();
      if (!keys.equals(content.keySet())) {
        throw ConfigReader.invalid(base + "." + map, "keyed by the same metals as " + base
            + ".content-g-per-t " + new TreeSet<>(content.keySet()), new TreeSet<>(keys).toString());
      }
    }
    return new Settings.Drivers(file, growth, collection, content, preprocessing, smelter);
  }

  private static Settings.Ewaste ewaste(ConfigReader r) {
    String base = ROOT + ".ewaste";
    Map<String, Lifespan> lifespans = lifespans(r, base + ".lifespans");
    Map<String, Map<String, Lifespan>> byCountry = new LinkedHashMap<>();
    for (String country : r.childNames(base + ".country-lifespans")) {
      if (!country.matches("[A-Z]{3}")) {
        throw ConfigReader.invalid(ConfigReader.child(base + ".country-lifespans", country),
            "keyed by ISO 3166-1 alpha-3 codes such as NLD", "\"" + country + "\"");
      }
      byCountry.put(country, lifespans(r, ConfigReader.child(base + ".country-lifespans", country)));
    }
    return new Settings.Ewaste(r.string(base + ".put-on-market"), r.string(base + ".population"), r.string(base + ".strata"),
        r.doubleBetween(base + ".outliers.mad-threshold", 1, 100), r.intBetween(base + ".outliers.min-values", 3, 1000),
        r.oneOf(base + ".extension.method", Set.of("trend", "per-person")),
        r.intBetween(base + ".extension.years", 2, 50), lifespans, byCountry,
        r.doubleBetween(base + ".max-relative-residual", 0, 0.01));
  }

  /** {@code { "0306" { distribution = weibull, shape = 1.56, scale-years = 6.26 }, ... }}. */
  private static Map<String, Lifespan> lifespans(ConfigReader r, String path) {
    Map<String, Lifespan> out = new LinkedHashMap<>();
    for (String key : r.childNames(path)) {
      String p = ConfigReader.child(path, key);
      if (!key.matches("\\d{4}")) {
        throw ConfigReader.invalid(p, "keyed by four-digit UNU keys such as \"0306\"", "\"" + key + "\"");
      }
      String kind = r.oneOf(p + ".distribution", Set.of("weibull", "fixed", "normal", "lognormal"));
      out.put(key, switch (kind) {
        case "weibull" -> new Lifespan.Weibull(r.doubleBetween(p + ".shape", 0.05, 50),
            r.doubleBetween(p + ".scale-years", 0.1, 200));
        case "fixed" -> new Lifespan.Fixed(r.intBetween(p + ".years", 0, 200));
        case "normal" -> new Lifespan.Normal(r.doubleBetween(p + ".mean-years", 0.1, 200),
            r.doubleBetween(p + ".sd-years", 0.01, 100));
        default -> new Lifespan.LogNormal(r.doubleBetween(p + ".mean-years", 0.1, 200),
            r.doubleBetween(p + ".sd-years", 0.01, 100));
      });
    }
    return out;
  }

  /** A rate: a number or distribution, or a path {@code { value, target, from-year, by-year [, until-year] }}. */
  private static Settings.RatePath ratePath(ConfigReader r, String path) {
    if (!r.isObject(path) || !r.has(path + ".value")) {
      return Settings.RatePath.constant(Distributions.read(r, path, 0, 1));
    }
    Distribution value = Distributions.read(r, path + ".value", 0, 1);
    if (!r.has(path + ".target")) {
      return Settings.RatePath.constant(value);
    }
    Distribution target = Distributions.read(r, path + ".target", 0, 1);
    int from = r.intBetween(path + ".from-year", 1900, 2200);
    int by = r.intBetween(path + ".by-year", 1900, 2200);
    if (by <= from) {
      throw ConfigReader.invalid(path + ".by-year", "after " + path + ".from-year (" + from + ")", String.valueOf(by));
    }
    int until = 0;
    if (r.has(path + ".until-year")) {
      until = r.intBetween(path + ".until-year", 1900, 2200);
      if (until < by) {
        throw ConfigReader.invalid(path + ".until-year", "at least " + path + ".by-year (" + by + ")",
            String.valueOf(until));
      }
    }
    return new Settings.RatePath(value, target, from, by, until);
  }

  private static Settings.Medals medals(ConfigReader r, Set<String> metalNames) {
    String base = ROOT + ".medals";
    Distribution share = Distributions.read(r, base + ".available-share", 0, 1);
    Map<String, Settings.MedalComposition> composition = new LinkedHashMap<>();
    for (String type : r.childNames(base + ".composition")) {
      String p = ConfigReader.child(base + ".composition", type);
      requireMedalType(p, type);
      Map<String, Double> plating = r.numberMap(p + ".plating-g", 0, 1000);
      Map<String, Double> alloy = r.numberMap(p + ".alloy", 0, 1);
      requireMetals(p + ".plating-g", plating.keySet(), metalNames);
      requireMetals(p + ".alloy", alloy.keySet(), metalNames);
      double sum = alloy.values().stream().mapToDouble(Double::doubleValue).sum();
      if (sum > 1 + 1e-9) {
        throw ConfigReader.invalid(p + ".alloy", "shares adding up to at most 1", alloy + " (sum " + sum + ")");
      }
      composition.put(type, new Settings.MedalComposition(plating, alloy));
    }
    if (!composition.keySet().equals(MEDAL_TYPES)) {
      throw ConfigReader.invalid(base + ".composition", "one entry for each of " + new TreeSet<>(MEDAL_TYPES),
          composition.keySet().toString());
    }
    List<Settings.Games> games = new ArrayList<>();
    for (String id : r.childNames(base + ".games")) {
      games.add(games(r, ConfigReader.child(base + ".games", id), id, metalNames));
    }
    if (games.isEmpty()) {
      throw ConfigReader.invalid(base + ".games", "at least one Games", "none");
    }
    return new Settings.Medals(share, composition, List.copyOf(games));
  }

  private static Settings.Games games(ConfigReader r, String p, String id, Set<String> metalNames) {
    String name = r.string(p + ".name");
    int year = r.intBetween(p + ".year", 1896, 2200);
    String host = r.string(p + ".host-country");
    if (!ALPHA3.matcher(host).matches()) {
      throw ConfigReader.invalid(p + ".host-country", "an ISO 3166-1 alpha-3 code such as GBR", "\"" + host + "\"");
    }
    String season = r.oneOf(p + ".season", SEASONS);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String type : r.childNames(p + ".medal-count")) {
      requireMedalType(p + ".medal-count", type);
      counts.put(type, r.intBetween(ConfigReader.child(p + ".medal-count", type), 0, 1_000_000));
    }
    Map<String, Double> mass = r.numberMap(p + ".medal-mass-g", 0, 10_000);
    mass.keySet().forEach(t -> requireMedalType(p + ".medal-mass-g", t));
    Map<String, Double> published = r.numberMap(p + ".published-kg", 0, 1e9);
    requireMetals(p + ".published-kg", published.keySet(), metalNames);
    if (published.isEmpty()) {
      for (String type : counts.keySet()) {
        if (counts.get(type) > 0 && !mass.containsKey(type)) {
          throw ConfigReader.invalid(p + ".medal-mass-g." + type,
              "set (grams per medal) when " + p + ".published-kg is absent", "nothing");
        }
      }
    }
    boolean estimate = r.optionalBoolean(p + ".is-estimate", false);
    String note = r.optionalString(p + ".note", "");
    return new Settings.Games(id, name, year, host, season, counts, mass, published, estimate, note);
  }

  private static void requireMedalType(String path, String type) {
    if (!MEDAL_TYPES.contains(type)) {
      throw ConfigReader.invalid(path, "keyed by medal type " + new TreeSet<>(MEDAL_TYPES), "\"" + type + "\"");
    }
  }

  private static void requireMetals(String path, Set<String> used, Set<String> known) {
    for (String metal : used) {
      if (!known.contains(metal)) {
        throw ConfigReader.invalid(path, "keyed by a metal from " + ROOT + ".metals " + new TreeSet<>(known),
            "\"" + metal + "\"");
      }
    }
  }
}
