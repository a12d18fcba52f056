package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code urbanmine.sources}: what each source's records describe. Every record of a source shares
 * its scope (a country's whole e-waste, one collection channel, one product type) and its basis
 * (recorded, or an estimate), so they are set once per source, not per record.
 */
final class SourcesSection {
  private static final String BASE = ROOT + ".sources";
  private static final Set<String> SCOPES =
      Set.of(Settings.Source.WHOLE_STREAM, Settings.Source.CHANNEL, Settings.Source.PRODUCT);
  private static final Set<String> BASES = Set.of(Settings.Source.RECORDED, Settings.Source.ESTIMATE);

  private SourcesSection() {}

  static Map<String, Settings.Source> read(ConfigReader r) {
    Map<String, Settings.Source> sources = new LinkedHashMap<>();
    if (!r.has(BASE)) {
      return sources;
    }
    for (String id : r.childNames(BASE)) {
      String p = ConfigReader.child(BASE, id);
      String scope = r.oneOf(p + ".scope", SCOPES);
      Map<Integer, Double> collected = new TreeMap<>();
      if (r.has(p + ".collected-t")) {
        for (Map.Entry<String, Double> e : r.numberMap(p + ".collected-t", 1, 1e9).entrySet()) {
          ConfigReader.requireMatching(p + ".collected-t", YEAR, e.getKey(), "keyed by years such as \"2017\"");
          collected.put(Integer.parseInt(e.getKey()), e.getValue());
        }
        if (!Settings.Source.CHANNEL.equals(scope)) {
          throw ConfigReader.invalid(p + ".collected-t", "set only on a source of scope " + Settings.Source.CHANNEL
              + " (the tonnes its channel collected)", "scope " + scope);
        }
      }
      sources.put(id, new Settings.Source(id, scope, r.oneOf(p + ".basis", BASES),
          r.optionalString(p + ".describes", ""), collected));
    }
    return sources;
  }

  private static final Pattern YEAR = Pattern.compile("\\d{4}");
}
