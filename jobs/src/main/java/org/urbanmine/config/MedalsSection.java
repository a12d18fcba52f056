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
    Settings.Campaign campaign = campaign(r, BASE + ".campaign");
    String sharePath = BASE + ".available-share";
    boolean derived = !r.isObject(sharePath) && Settings.Campaign.DERIVED.equals(r.string(sharePath));
    Distribution share = derived ? new Distribution.Fixed(campaign.share()) : Distributions.read(r, sharePath, 0, 1);
    String shareRule = derived ? campaign.rule() : "set in " + sharePath + ": " + share.describe();
    Map<String, Settings.MedalComposition> composition = compositions(r, BASE + ".composition", metalNames);
    // Games count medals of every type, and each type counted needs a composition to become metal.
    if (!composition.keySet().equals(MEDAL_TYPES)) {
      throw ConfigReader.invalid(BASE + ".composition", "one entry for each of " + new TreeSet<>(MEDAL_TYPES),
          composition.keySet().toString());
    }
    Map<String, Settings.Games> declared = new LinkedHashMap<>();
    for (String id : r.childNames(BASE + ".games")) {
      declared.put(id, games(r, ConfigReader.child(BASE + ".games", id), id, metalNames));
    }
    if (declared.isEmpty()) {
      throw ConfigReader.invalid(BASE + ".games", "at least one Games", "none");
    }
    Map<String, Settings.Games> resolved = new LinkedHashMap<>();
    for (String id : declared.keySet()) {
      resolve(id, declared, resolved, new ArrayList<>());
    }
    List<Settings.Games> games = new ArrayList<>();
    for (String id : declared.keySet()) {
      Settings.Games g = resolved.get(id);
      requireMassesWithoutPublishedTotals(ConfigReader.child(BASE + ".games", id), g);
      games.add(g);
    }
    Settings.Production production = production(r, BASE + ".production", resolved, metalNames);
    return new Settings.Medals(share, shareRule, production, composition, List.copyOf(games), campaign);
  }

  /** {@code campaign}: a medal campaign's tonnes a year against the national stream it draws on. */
  private static Settings.Campaign campaign(ConfigReader r, String p) {
    double collected = r.doubleBetween(p + ".collected-t", Double.MIN_VALUE, 1e12);
    double years = r.doubleBetween(p + ".years", Double.MIN_VALUE, 100);
    double national = r.doubleBetween(p + ".national-collected-t", Double.MIN_VALUE, 1e12);
    // A campaign cannot take more than the stream it is part of.
    if (collected / years > national) {
      throw ConfigReader.invalid(p + ".national-collected-t", "at least " + p + ".collected-t / " + p
          + ".years (" + ConfigReader.fmt(collected / years) + " t)", ConfigReader.fmt(national));
    }
    // The stream it draws on (collection categories) and the route that stream takes.
    List<String> stream = r.stringList(p + ".stream");
    if (stream.isEmpty()) {
      throw ConfigReader.invalid(p + ".stream", "at least one collection category of " + Settings.Campaign.CATEGORIES,
          "none");
    }
    for (String category : stream) {
      if (!Settings.Campaign.CATEGORIES.contains(category)) {
        throw ConfigReader.invalid(p + ".stream", "collection categories of " + Settings.Campaign.CATEGORIES, category);
      }
    }
    String route = r.string(p + ".route");
    if (!Settings.Campaign.ROUTES.contains(route)) {
      throw ConfigReader.invalid(p + ".route", "one of " + Settings.Campaign.ROUTES, route);
    }
    return new Settings.Campaign(collected, years, national, List.copyOf(stream), route);
  }

  /**
   * {@code production}: metal obtained per metal in the medals. The reference Games must be one
   * of {@code games}; each metal's factor is set, or derived from what the reference obtained.
   */
  private static Settings.Production production(ConfigReader r, String p, Map<String, Settings.Games> games,
      Set<String> metalNames) {
    String reference = r.string(p + ".reference-games");
    if (!games.containsKey(reference)) {
      throw ConfigReader.invalid(p + ".reference-games", "the id of a Games in " + BASE + ".games "
          + new TreeSet<>(games.keySet()), "\"" + reference + "\"");
    }
    Map<String, Double> obtained = r.numberMap(p + ".obtained-kg", 0, 1e9);
    MetalsSection.requireKnown(p + ".obtained-kg", obtained.keySet(), metalNames);
    Map<String, Double> factor = r.numberMap(p + ".factor", 1, 100);
    MetalsSection.requireKnown(p + ".factor", factor.keySet(), metalNames);
    return new Settings.Production(games.get(reference), obtained, factor);
  }

  /** The medal types given under {@code p}, each with its composition (none given: an empty map). */
  private static Map<String, Settings.MedalComposition> compositions(ConfigReader r, String p, Set<String> metalNames) {
    Map<String, Settings.MedalComposition> out = new LinkedHashMap<>();
    for (String type : r.childNames(p)) {
      String tp = ConfigReader.child(p, type);
      requireMedalType(p, type);
      out.put(type, composition(r, tp, metalNames));
    }
    return out;
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

  /**
   * A Games as its configuration gives it. One with {@code derived-from} may leave out its counts,
   * masses, composition and published totals: {@link #resolve} copies them from its source.
   */
  private static Settings.Games games(ConfigReader r, String p, String id, Set<String> metalNames) {
    String name = r.string(p + ".name");
    int year = r.intBetween(p + ".year", 1896, 2200);
    String host = r.string(p + ".host-country");
    ConfigReader.requireMatching(p + ".host-country", ConfigReader.ALPHA3, host, "an ISO 3166-1 alpha-3 code such as GBR");
    String season = r.oneOf(p + ".season", SEASONS);
    String derivedFrom = r.optionalString(p + ".derived-from", "");
    Map<String, Integer> counts = new LinkedHashMap<>();
    // A Games of its own must say how many medals it made; a derived one may take its source's.
    if (derivedFrom.isEmpty() || r.has(p + ".medal-count")) {
      for (String type : r.childNames(p + ".medal-count")) {
        requireMedalType(p + ".medal-count", type);
        counts.put(type, r.intBetween(ConfigReader.child(p + ".medal-count", type), 0, 1_000_000));
      }
    }
    Map<String, Double> mass = r.numberMap(p + ".medal-mass-g", 0, 10_000);
    mass.keySet().forEach(t -> requireMedalType(p + ".medal-mass-g", t));
    Map<String, Double> published = r.numberMap(p + ".published-kg", 0, 1e9);
    MetalsSection.requireKnown(p + ".published-kg", published.keySet(), metalNames);
    Map<String, Settings.MedalComposition> composition =
        r.has(p + ".composition") ? compositions(r, p + ".composition", metalNames) : Map.of();
    boolean estimate = r.optionalBoolean(p + ".is-estimate", false);
    String note = r.optionalString(p + ".note", "");
    return new Settings.Games(id, name, year, host, season, counts, mass, published, estimate, note,
        composition, derivedFrom);
  }

  /**
   * {@code id} with its {@code derived-from} resolved, into {@code resolved}: counts, masses and
   * published totals it does not give are its source's, its composition is the source's with its
   * own types replacing the source's, and it is an estimate. A source derived in turn is resolved
   * first; {@code chain} holds the Games being resolved, so that a cycle is reported.
   */
  private static Settings.Games resolve(String id, Map<String, Settings.Games> declared,
      Map<String, Settings.Games> resolved, List<String> chain) {
    Settings.Games done = resolved.get(id);
    if (done != null) {
      return done;
    }
    Settings.Games g = declared.get(id);
    if (g.derivedFrom().isEmpty()) {
      resolved.put(id, g);
      return g;
    }
    String key = ConfigReader.child(ConfigReader.child(BASE + ".games", id), "derived-from");
    String from = g.derivedFrom();
    if (from.equals(id)) {
      throw ConfigReader.invalid(key, "the id of a Games other than itself", "\"" + from + "\"");
    }
    if (!declared.containsKey(from)) {
      throw ConfigReader.invalid(key, "the id of another Games in " + BASE + ".games "
          + new TreeSet<>(declared.keySet()), "\"" + from + "\"");
    }
    chain.add(id);
    if (chain.contains(from)) {
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(from), chain.size()));
      cycle.add(from);
      throw ConfigReader.invalid(key, "the id of a Games not derived from " + id
          + ", directly or through others (" + String.join(" -> ", cycle) + ")", "\"" + from + "\"");
    }
    Settings.Games source = resolve(from, declared, resolved, chain);
    chain.remove(chain.size() - 1);

    List<String> copied = new ArrayList<>();
    Map<String, Integer> counts = copiedUnlessGiven(g.medalCounts(), source.medalCounts(), "medal counts", copied);
    Map<String, Double> mass = copiedUnlessGiven(g.medalMassGrams(), source.medalMassGrams(), "medal masses", copied);
    Map<String, Settings.MedalComposition> composition = new LinkedHashMap<>(source.composition());
    composition.putAll(g.composition());
    if (!source.composition().isEmpty() && !g.composition().keySet().containsAll(source.composition().keySet())) {
      copied.add("composition");
    }
    Map<String, Double> published =
        copiedUnlessGiven(g.publishedKg(), source.publishedKg(), "published totals", copied);
    String what = copied.isEmpty() ? "nothing copied, every figure given here"
        : "its " + listed(copied) + " taken for these Games, an estimate";
    String note = "Derived from " + source.name() + ": " + what + "." + (g.note().isEmpty() ? "" : " " + g.note());
    Settings.Games out = new Settings.Games(g.id(), g.name(), g.year(), g.hostCountry(), g.season(),
        counts, mass, published, true, note, composition, from);
    resolved.put(id, out);
    return out;
  }

  private static <V> Map<String, V> copiedUnlessGiven(Map<String, V> own, Map<String, V> source, String what,
      List<String> copied) {
    if (!own.isEmpty()) {
      return own;
    }
    if (!source.isEmpty()) {
      copied.add(what);
    }
    return source;
  }

  /** "a", "a and b", "a, b and c". */
  private static String listed(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** Without published totals metal is derived from count x mass: a missing mass would count only the plating. */
  private static void requireMassesWithoutPublishedTotals(String p, Settings.Games g) {
    if (!g.publishedKg().isEmpty()) {
      return;
    }
    for (Map.Entry<String, Integer> count : g.medalCounts().entrySet()) {
      if (count.getValue() > 0 && !g.medalMassGrams().containsKey(count.getKey())) {
        throw ConfigReader.invalid(p + ".medal-mass-g." + count.getKey(),
            "set (grams per medal) when " + p + ".published-kg is absent", "nothing");
      }
    }
  }

  private static void requireMedalType(String path, String type) {
    ConfigReader.requireKeysIn(path, List.of(type), MEDAL_TYPES, "medal type");
  }
}
