package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.urbanmine.uncertainty.Distribution;

/**
 * {@code urbanmine.drivers}: the assumptions of the {@code drivers} forecast, e-waste generated
 * times collection, content and yields. Each rate may be a distribution, and may change over time
 * ({@link Settings.RatePath}).
 */
final class DriversSection {
  private static final String BASE = ROOT + ".drivers";
  private static final String CONTENT = BASE + ".content-g-per-t";

  private DriversSection() {}

  static Settings.Drivers read(ConfigReader r, Set<String> metalNames) {
    String file = r.string(BASE + ".ewaste-generated");
    double growth = r.doubleBetween(BASE + ".ewaste-growth-per-year", -0.5, 1);
    Settings.RatePath collection = ratePath(r, BASE + ".collection-rate");
    Map<String, Distribution> content = new LinkedHashMap<>();
    for (String metal : r.childNames(CONTENT)) {
      content.put(metal, Distributions.read(r, ConfigReader.child(CONTENT, metal), 0, 1e6));
    }
    MetalsSection.requireKnown(CONTENT, content.keySet(), metalNames);
    Map<String, Settings.RatePath> preprocessing = ratePaths(r, "preprocessing-yield");
    Map<String, Settings.RatePath> smelter = ratePaths(r, "smelter-yield");
    // The three are multiplied metal by metal: each must have every metal the others have.
    for (String map : List.of("preprocessing-yield", "smelter-yield")) {
      Set<String> keys = map.equals("smelter-yield") ? smelter.keySet() : preprocessing.keySet();
      if (!keys.equals(content.keySet())) {
        throw ConfigReader.invalid(BASE + "." + map, "keyed by the same metals as " + CONTENT
            + " " + new TreeSet<>(content.keySet()), new TreeSet<>(keys).toString());
      }
    }
    return new Settings.Drivers(file, growth, collection, content, preprocessing, smelter);
  }

  /** A rate per metal, under {@code urbanmine.drivers.<name>}. */
  private static Map<String, Settings.RatePath> ratePaths(ConfigReader r, String name) {
    String path = BASE + "." + name;
    Map<String, Settings.RatePath> out = new LinkedHashMap<>();
    for (String metal : r.childNames(path)) {
      out.put(metal, ratePath(r, ConfigReader.child(path, metal)));
    }
    return out;
  }

  /** A rate: a number or distribution, or a path {@code { value, target, from-year, by-year [, until-year] }}. */
  private static Settings.RatePath ratePath(ConfigReader r, String path) {
    // A distribution is an object too: only "value" tells a path from one.
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
    ConfigReader.requireAfter(path + ".by-year", by, path + ".from-year", from);
    int until = 0;
    if (r.has(path + ".until-year")) {
      until = r.intBetween(path + ".until-year", 1900, 2200);
      ConfigReader.requireAtLeast(path + ".until-year", until, path + ".by-year", by);
    }
    return new Settings.RatePath(value, target, from, by, until);
  }
}
