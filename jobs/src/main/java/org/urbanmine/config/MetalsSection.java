package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code urbanmine.metals}: the metals every other section may name. */
final class MetalsSection {
  private static final String BASE = ROOT + ".metals";
  private static final Pattern NAME = Pattern.compile("[a-z]+");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z][a-z]?");

  private MetalsSection() {}

  /** Names, symbols and aliases are matched case-insensitively in records, so none may serve two metals. */
  static List<Settings.Metal> read(ConfigReader r) {
    List<Settings.Metal> metals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : r.childNames(BASE)) {
      String p = ConfigReader.child(BASE, name);
      ConfigReader.requireMatching(p, NAME, name, "named in lower-case letters");
      String symbol = r.string(p + ".symbol");
      ConfigReader.requireMatching(p + ".symbol", SYMBOL, symbol, "a chemical symbol such as Au");
      List<String> aliases = r.has(p + ".aliases") ? r.stringList(p + ".aliases") : List.of();
      List<String> names = new ArrayList<>(List.of(name, symbol));
      names.addAll(aliases);
      for (String n : names) {
        if (!seen.add(n.trim().toLowerCase(Locale.ROOT))) {
          throw ConfigReader.invalid(p, "named by a name, symbol or alias no other metal uses",
              "\"" + n + "\" twice");
        }
      }
      metals.add(new Settings.Metal(name, symbol, List.copyOf(aliases)));
    }
    if (metals.isEmpty()) {
      throw ConfigReader.invalid(BASE, "at least one metal", "none");
    }
    return List.copyOf(metals);
  }

  static Set<String> names(List<Settings.Metal> metals) {
    Set<String> names = new HashSet<>();
    metals.forEach(m -> names.add(m.name()));
    return names;
  }

  /** The maps of other sections (contents, yields, alloys) are keyed by the canonical names. */
  static void requireKnown(String path, Set<String> used, Set<String> metalNames) {
    ConfigReader.requireKeysIn(path, used, metalNames, "a metal from " + BASE);
  }
}
