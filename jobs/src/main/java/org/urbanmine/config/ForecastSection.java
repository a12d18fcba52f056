package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.Set;

/** {@code urbanmine.forecast}: how far, how sure, and by which method series are forecast. */
final class ForecastSection {
  private static final String BASE = ROOT + ".forecast";
  private static final Set<String> METHODS = Set.of("linear", "log-linear", "damped-trend", "drivers", "auto");
  private static final Set<String> METRICS = Set.of("mase", "smape");

  private ForecastSection() {}

  /** @param input the years the data may hold: a horizon inside them would forecast nothing */
  static Settings.Forecast read(ConfigReader r, Settings.Input input) {
    String horizonPath = BASE + ".horizon";
    int horizon = r.intBetween(horizonPath, 1900, 2200);
    ConfigReader.requireAtLeast(horizonPath, horizon, ROOT + ".input.max-year", input.maxYear(),
        "the last year the data may hold");
    double level = r.doubleBetween(BASE + ".interval-level", 0.5, 0.999);
    int minPoints = r.intBetween(BASE + ".min-points-for-trend", 3, 1000);
    String method = r.oneOf(BASE + ".method", METHODS);
    int holdout = r.intBetween(BASE + ".holdout-years", 1, 20);
    String metric = r.oneOf(BASE + ".selection-metric", METRICS);
    String firstPath = BASE + ".first-year";
    int first = r.intBetween(firstPath, 1900, 2200);
    ConfigReader.requireAtLeast(horizonPath, horizon, firstPath, first, "the first year forecast");
    return new Settings.Forecast(horizon, level, minPoints, method, holdout, metric, first);
  }
}
