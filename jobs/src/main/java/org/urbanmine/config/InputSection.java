package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    Map<String, Settings.Dialect> byFile = new TreeMap<>();
    String files = BASE + ".file-dialects";
    if (r.has(files)) {
      for (String name : r.childNames(files)) {
        byFile.put(name, dialect(r, ConfigReader.child(files, name)));
      }
    }
    Settings.Dialect declared = r.has(BASE + ".dialect") ? dialect(r, BASE + ".dialect") : Settings.Dialect.AUTO;
    if (",".equals(declared.delimiter()) && ",".equals(declared.decimalMark())) {
      throw ConfigReader.invalid(BASE + ".dialect.decimal-mark", "not the delimiter", "\",\"");
    }
    return new Settings.Input(records, minYear, maxYear, r.has(split) ? r.intBetween(split, 0, Integer.MAX_VALUE) : 0,
        declared, byFile);
  }

  /** One dialect object: encoding, delimiter, decimal-mark, each "auto" (null) or a value. */
  private static Settings.Dialect dialect(ConfigReader r, String path) {
    return new Settings.Dialect(
        part(r, path + ".encoding", Set.of("auto", "utf-8", "utf-16le", "utf-16be", "windows-1252")),
        part(r, path + ".delimiter", Set.of("auto", ",", ";", "tab")),
        part(r, path + ".decimal-mark", Set.of("auto", ".", ",")));
  }

  private static String part(ConfigReader r, String path, Set<String> allowed) {
    if (!r.has(path)) {
      return null;
    }
    String value = r.oneOf(path, allowed);
    return "auto".equals(value) ? null : value;
  }

  static Settings.Reference reference(ConfigReader r) {
    return new Settings.Reference(
        r.string(ROOT + ".reference.countries"), r.string(ROOT + ".reference.country-aliases"));
  }
}
