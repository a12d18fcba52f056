package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.HashSet;
import java.util.List;

/**
 * {@code urbanmine.quality} and {@code urbanmine.aggregate}: how many recovery records a run may
 * reject, and which source wins where several report the same figure.
 */
final class QualitySection {
  private QualitySection() {}

  static Settings.Quality read(ConfigReader r) {
    return new Settings.Quality(r.doubleBetween(ROOT + ".quality.max-rejected-share", 0, 1));
  }

  /** A source listed twice would make its rank depend on which entry is looked at. */
  static Settings.Aggregate aggregate(ConfigReader r) {
    String path = ROOT + ".aggregate.source-priority";
    List<String> priority = r.stringList(path);
    if (new HashSet<>(priority).size() != priority.size()) {
      throw ConfigReader.invalid(path, "a list without repeats", priority.toString());
    }
    return new Settings.Aggregate(List.copyOf(priority), SourcesSection.read(r));
  }
}
