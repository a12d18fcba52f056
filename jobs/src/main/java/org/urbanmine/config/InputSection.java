package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

/** {@code urbanmine.input} and {@code urbanmine.reference}: what a run reads. */
final class InputSection {
  private static final String BASE = ROOT + ".input";

  private InputSection() {}

  /** @param currentYear what {@code max-year = "current"} stands for, so runs need no yearly edit */
  static Settings.Input read(ConfigReader r, int currentYear) {
    String records = r.string(BASE + ".recovery-records");
    int minYear = r.intBetween(BASE + ".min-year", 1900, 2200);
    String maxPath = BASE + ".max-year";
    int maxYear;
    if (r.has(maxPath) && "current".equals(r.string(maxPath))) {
      maxYear = currentYear;
    } else {
      maxYear = r.intBetween(maxPath, 1900, 2200);
    }
    ConfigReader.requireAtLeast(maxPath, maxYear, BASE + ".min-year", minYear);
    String split = BASE + ".split-bytes";
    return new Settings.Input(records, minYear, maxYear, r.has(split) ? r.intBetween(split, 0, Integer.MAX_VALUE) : 0);
  }

  static Settings.Reference reference(ConfigReader r) {
    return new Settings.Reference(
        r.string(ROOT + ".reference.countries"), r.string(ROOT + ".reference.country-aliases"));
  }
}
