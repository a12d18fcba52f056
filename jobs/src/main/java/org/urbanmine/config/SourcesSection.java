package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
      sources.put(id, new Settings.Source(id, r.oneOf(p + ".scope", SCOPES), r.oneOf(p + ".basis", BASES),
          r.optionalString(p + ".describes", "")));
    }
    return sources;
  }
}
