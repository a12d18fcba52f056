package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.urbanmine.uncertainty.Lifespan;

/** {@code urbanmine.ewaste}: the sales-lifespan model of e-waste generated. */
final class EwasteSection {
  private static final String BASE = ROOT + ".ewaste";
  private static final Pattern UNU_KEY = Pattern.compile("\\d{4}");


  private EwasteSection() {}

  static Settings.Ewaste read(ConfigReader r) {
    Map<String, Lifespan> lifespans = lifespans(r, BASE + ".lifespans");
    String byCountryPath = BASE + ".country-lifespans";
    Map<String, Map<String, Lifespan>> byCountry = new LinkedHashMap<>();
    for (String country : r.childNames(byCountryPath)) {
      String p = ConfigReader.child(byCountryPath, country);
      ConfigReader.requireMatching(p, ConfigReader.ALPHA3, country, "keyed by ISO 3166-1 alpha-3 codes such as NLD");
      byCountry.put(country, lifespans(r, p));
    }
    return new Settings.Ewaste(r.string(BASE + ".put-on-market"), r.string(BASE + ".population"),
        r.string(BASE + ".purchasing-power"), r.string(BASE + ".strata"),
        r.oneOf(BASE + ".method-version", Set.of(Settings.Ewaste.METHOD_1_1, Settings.Ewaste.METHOD_1_2)),
        r.doubleBetween(BASE + ".outliers.mad-threshold", 1, 100), r.intBetween(BASE + ".outliers.min-values", 3, 1000),
        r.oneOf(BASE + ".extension.method", Set.of(Settings.Ewaste.EXTENSION_AS_PUBLISHED, "trend", "per-person")),
        r.intBetween(BASE + ".extension.years", 2, 50), lifespans, byCountry,
        r.doubleBetween(BASE + ".max-relative-residual", 0, 0.01), r.doubleBetween(BASE + ".lifespan-log-sd", 0, 1));
  }

  /** {@code { "0306" { distribution = weibull, shape = 1.56, scale-years = 6.26 }, ... }}. */
  private static Map<String, Lifespan> lifespans(ConfigReader r, String path) {
    Map<String, Lifespan> out = new LinkedHashMap<>();
    for (String key : r.childNames(path)) {
      String p = ConfigReader.child(path, key);
      ConfigReader.requireMatching(p, UNU_KEY, key, "keyed by four-digit UNU keys such as \"0306\"");
      String kind = r.oneOf(p + ".distribution", Set.of("weibull", "fixed", "normal", "lognormal"));
      out.put(key, switch (kind) {
        case "weibull" -> new Lifespan.Weibull(r.doubleBetween(p + ".shape", 0.05, 50),
            r.doubleBetween(p + ".scale-years", 0.1, 200));
        case "fixed" -> new Lifespan.Fixed(r.intBetween(p + ".years", 0, 200));
        case "normal" -> new Lifespan.Normal(r.doubleBetween(p + ".mean-years", 0.1, 200),
            r.doubleBetween(p + ".sd-years", 0.01, 100));
        default -> new Lifespan.LogNormal(r.doubleBetween(p + ".mean-years", 0.1, 200),
            r.doubleBetween(p + ".sd-years", 0.01, 100));
      });
    }
    return out;
  }
}
