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
    // Set, it replaces every country's own rate (its meaning before rates per country): kept for old scenarios.
    Settings.RatePath collection = r.has(BASE + ".collection-rate") ? ratePath(r, BASE + ".collection-rate") : null;
    String rates = r.string(BASE + ".collection-rates");
    Settings.CollectionChange change = collectionChange(r, BASE + ".collection-change");
    Map<String, Double> spread = r.numberMap(BASE + ".collection-spread", 0, 5);
    ConfigReader.requireKeysIn(BASE + ".collection-spread", spread.keySet(), SPREAD_BASES, "a basis of a collection rate");
    for (String basis : SPREAD_BASES) {
      if (!spread.containsKey(basis)) {
        throw ConfigReader.invalid(BASE + ".collection-spread", "a spread for every basis " + SPREAD_BASES,
            spread.keySet().toString());
      }
    }
    Map<String, Distribution> content = new LinkedHashMap<>();
    for (String metal : r.childNames(CONTENT)) {
      content.put(metal, Distributions.read(r, ConfigReader.child(CONTENT, metal), 0, 1e6));
    }
    MetalsSection.requireKnown(CONTENT, content.keySet(), metalNames);
    Map<String, Settings.RatePath> preprocessing = ratePaths(r, "preprocessing-yield");
    Map<String, Settings.RatePath> smelter = ratePaths(r, "smelter-yield");
    MetalsSection.requireKnown(BASE + ".preprocessing-yield", preprocessing.keySet(), metalNames);
    MetalsSection.requireKnown(BASE + ".smelter-yield", smelter.keySet(), metalNames);
    // The yields are multiplied metal by metal: the model follows the metals that have both (a
    // scenario written when the defaults had palladium may still set its yields: they are unused).
    preprocessing.keySet().retainAll(smelter.keySet());
    smelter.keySet().retainAll(preprocessing.keySet());
    if (preprocessing.isEmpty()) {
      throw ConfigReader.invalid(BASE + ".preprocessing-yield", "at least one metal that "
          + BASE + ".smelter-yield has too", "none");
    }
    content.keySet().retainAll(preprocessing.keySet());
    double prior = r.doubleBetween(BASE + ".calibration-prior-sigma", 0, 5);
    String metalContent = r.string(BASE + ".metal-content");
    double contentPrior = r.doubleBetween(BASE + ".content-prior-sigma", 0, 5);
    // The route of hand dismantling: its yields for every followed metal, and the share it takes.
    Map<String, Settings.RatePath> manual = ratePaths(r, "manual-dismantling-yield");
    MetalsSection.requireKnown(BASE + ".manual-dismantling-yield", manual.keySet(), metalNames);
    for (String metal : preprocessing.keySet()) {
      if (!manual.containsKey(metal)) {
        throw ConfigReader.invalid(BASE + ".manual-dismantling-yield", "a yield for every metal the model follows "
            + preprocessing.keySet(), new TreeSet<>(manual.keySet()).toString());
      }
    }
    Settings.RatePath manualShare = ratePath(r, BASE + ".manual-dismantling-share");
    return new Settings.Drivers(file, growth, collection, content, preprocessing, smelter, rates, change, spread,
        prior, metalContent, contentPrior, manual, manualShare);
  }

  /** The bases of {@code reference.CollectionRates}, each with its own spread. */
  static final Set<String> SPREAD_BASES = new TreeSet<>(List.of("published", "converted", "regional-default",
      "world-default"));

  /** {@code { multiplier, add, toward { target, from-year, by-year [, until-year] }, cap }}, each optional. */
  private static Settings.CollectionChange collectionChange(ConfigReader r, String path) {
    Settings.CollectionChange none = Settings.CollectionChange.none();
    Settings.RatePath multiplier = r.has(path + ".multiplier")
        ? ratePath(r, path + ".multiplier", 0, 100) : none.multiplier();
    Settings.RatePath add = r.has(path + ".add") ? ratePath(r, path + ".add", -1, 1) : none.add();
    Settings.RatePath toward = null;
    if (r.has(path + ".toward")) {
      String t = path + ".toward";
      Distribution target = Distributions.read(r, t + ".target", 0, 1);
      int from = r.intBetween(t + ".from-year", 1900, 2200);
      int by = r.intBetween(t + ".by-year", 1900, 2200);
      ConfigReader.requireAfter(t + ".by-year", by, t + ".from-year", from);
      toward = new Settings.RatePath(new Distribution.Fixed(0), target, from, by, untilYear(r, t, by));
    }
    double cap = r.has(path + ".cap") ? r.doubleBetween(path + ".cap", 0, 1) : none.cap();
    return new Settings.CollectionChange(multiplier, add, toward, cap);
  }

  private static int untilYear(ConfigReader r, String path, int by) {
    if (!r.has(path + ".until-year")) {
      return 0;
    }
    int until = r.intBetween(path + ".until-year", 1900, 2200);
    ConfigReader.requireAtLeast(path + ".until-year", until, path + ".by-year", by);
    return until;
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
    return ratePath(r, path, 0, 1);
  }

  /** As {@link #ratePath(ConfigReader, String)}, for a quantity between {@code min} and {@code max}. */
  private static Settings.RatePath ratePath(ConfigReader r, String path, double min, double max) {
    // A distribution is an object too: only "value" tells a path from one.
    if (!r.isObject(path) || !r.has(path + ".value")) {
      return Settings.RatePath.constant(Distributions.read(r, path, min, max));
    }
    Distribution value = Distributions.read(r, path + ".value", min, max);
    if (!r.has(path + ".target")) {
      return Settings.RatePath.constant(value);
    }
    Distribution target = Distributions.read(r, path + ".target", min, max);
    int from = r.intBetween(path + ".from-year", 1900, 2200);
    int by = r.intBetween(path + ".by-year", 1900, 2200);
    ConfigReader.requireAfter(path + ".by-year", by, path + ".from-year", from);
    return new Settings.RatePath(value, target, from, by, untilYear(r, path, by));
  }
}
