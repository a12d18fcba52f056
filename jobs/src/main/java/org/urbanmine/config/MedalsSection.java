package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.urbanmine.uncertainty.Distribution;

/** {@code urbanmine.medals}: what medals are made of, and the Games whose demand is compared. */
final class MedalsSection {
  private static final String BASE = ROOT + ".medals";
  private static final Set<String> MEDAL_TYPES = Set.of("gold", "silver", "bronze");
  private static final Set<String> SEASONS = Set.of("summer", "winter");

  private MedalsSection() {}

  static Settings.Medals read(ConfigReader r, Set<String> metalNames) {
    Distribution share = Distributions.read(r, BASE + ".available-share", 0, 1);
    Map<String, Settings.MedalComposition> composition = new LinkedHashMap<>();
    for (String type : r.childNames(BASE + ".composition")) {
      String p = ConfigReader.child(BASE + ".composition", type);
      requireMedalType(p, type);
      composition.put(type, composition(r, p, metalNames));
    }
    // Games count medals of every type, and each type counted needs a composition to become metal.
    if (!composition.keySet().equals(MEDAL_TYPES)) {
      throw ConfigReader.invalid(BASE + ".composition", "one entry for each of " + new TreeSet<>(MEDAL_TYPES),
          composition.keySet().toString());
    }
    List<Settings.Games> games = new ArrayList<>();
    for (String id : r.childNames(BASE + ".games")) {
      games.add(games(r, ConfigReader.child(BASE + ".games", id), id, metalNames));
    }
    if (games.isEmpty()) {
      throw ConfigReader.invalid(BASE + ".games", "at least one Games", "none");
    }
    return new Settings.Medals(share, composition, List.copyOf(games));
  }

  private static Settings.MedalComposition composition(ConfigReader r, String p, Set<String> metalNames) {
    Map<String, Double> plating = r.numberMap(p + ".plating-g", 0, 1000);
    Map<String, Double> alloy = r.numberMap(p + ".alloy", 0, 1);
    MetalsSection.requireKnown(p + ".plating-g", plating.keySet(), metalNames);
    MetalsSection.requireKnown(p + ".alloy", alloy.keySet(), metalNames);
    double sum = alloy.values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum > 1 + 1e-9) {
      throw ConfigReader.invalid(p + ".alloy", "shares adding up to at most 1", alloy + " (sum " + sum + ")");
    }
    return new Settings.MedalComposition(plating, alloy);
  }

  private static Settings.Games games(ConfigReader r, String p, String id, Set<String> metalNames) {
    String name = r.string(p + ".name");
    int year = r.intBetween(p + ".year", 1896, 2200);
    String host = r.string(p + ".host-country");
    ConfigReader.requireMatching(p + ".host-country", ConfigReader.ALPHA3, host, "an ISO 3166-1 alpha-3 code such as GBR");
    String season = r.oneOf(p + ".season", SEASONS);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String type : r.childNames(p + ".medal-count")) {
      requireMedalType(p + ".medal-count", type);
      counts.put(type, r.intBetween(ConfigReader.child(p + ".medal-count", type), 0, 1_000_000));
    }
    Map<String, Double> mass = r.numberMap(p + ".medal-mass-g", 0, 10_000);
    mass.keySet().forEach(t -> requireMedalType(p + ".medal-mass-g", t));
    Map<String, Double> published = r.numberMap(p + ".published-kg", 0, 1e9);
    MetalsSection.requireKnown(p + ".published-kg", published.keySet(), metalNames);
    // Without published totals metal is derived from count x mass: a missing mass would count only the plating.
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
    ConfigReader.requireKeysIn(path, List.of(type), MEDAL_TYPES, "medal type");
  }
}
