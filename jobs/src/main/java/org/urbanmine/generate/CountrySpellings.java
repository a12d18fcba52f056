package org.urbanmine.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.urbanmine.config.Settings;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.reference.ReferenceText;

/**
 * Every way a record may write each country that the ingest resolves to that country: ISO
 * alpha-3 and alpha-2 codes, the ISO name and its short form, aliases and IOC codes, in upper,
 * lower and as-published case, with and without accents.
 *
 * <p>Spellings are kept only where {@link CountryResolver} would resolve them to the same country
 * (same lookup key, same priorities), so a generated clean row is never rejected as an unknown
 * country; "Korea", claimed by two countries, is left out. The generator test checks this
 * against the real resolver.
 */
final class CountrySpellings {
  private record Claim(String code, int priority) {}

  private final List<String> codes;
  private final Map<String, List<String>> byCode;

  private CountrySpellings(List<String> codes, Map<String, List<String>> byCode) {
    this.codes = codes;
    this.byCode = byCode;
  }

  /** The spellings of the configured reference tables (read without Spark). */
  static CountrySpellings load(Configuration hadoop, Settings.Reference reference) {
    return of(ReferenceText.rows(hadoop, reference.countries()), ReferenceText.rows(hadoop, reference.countryAliases()));
  }

  /**
   * @param iso rows of the ISO table: name, alpha-2, alpha-3 (as in the bundled CSV)
   * @param aliases rows of the alias table: alias, alpha-3
   */
  static CountrySpellings of(List<String[]> iso, List<String[]> aliases) {
    // Same names and priorities as CountryResolver.of: lower wins, a tie between countries loses.
    List<String[]> names = new ArrayList<>();
    for (String[] row : iso) {
      String name = row[0];
      names.add(new String[] {row[2], row[2], "1"});
      names.add(new String[] {row[2], row[1], "2"});
      names.add(new String[] {row[2], name, "3"});
      names.add(new String[] {row[2], name.split("[(,]", 2)[0], "5"});
    }
    for (String[] row : aliases) {
      names.add(new String[] {row[1], row[0], "4"});
    }
    Map<String, Claim> best = new HashMap<>();
    Map<String, Boolean> contested = new HashMap<>();
    for (String[] n : names) {
      String key = lookupKey(n[1]);
      if (key.isEmpty()) {
        continue;
      }
      Claim claim = new Claim(n[0], Integer.parseInt(n[2]));
      Claim held = best.get(key);
      if (held == null || claim.priority() < held.priority()) {
        best.put(key, claim);
        contested.put(key, false);
      } else if (claim.priority() == held.priority() && !claim.code().equals(held.code())) {
        contested.put(key, true);
      }
    }
    Map<String, List<String>> byCode = new LinkedHashMap<>();
    for (String[] n : names) {
      String key = lookupKey(n[1]);
      Claim held = best.get(key);
      if (held == null || contested.get(key) || !held.code().equals(n[0])) {
        continue;
      }
      List<String> spellings = byCode.computeIfAbsent(n[0], c -> new ArrayList<>());
      for (String variant : List.of(n[1].trim(), n[1].trim().toUpperCase(Locale.ROOT),
          n[1].trim().toLowerCase(Locale.ROOT), withoutAccents(n[1].trim()))) {
        if (!spellings.contains(variant) && lookupKey(variant).equals(key)) {
          spellings.add(variant);
        }
      }
    }
    return new CountrySpellings(List.copyOf(byCode.keySet()), byCode);
  }

  /** The alpha-3 codes that have at least one spelling, in the order of the ISO table. */
  List<String> codes() {
    return codes;
  }

  List<String> spellings(String code) {
    return byCode.get(code);
  }

  /** CountryResolver.lookupKey, in plain Java. */
  static String lookupKey(String raw) {
    String lowered = raw.trim().toLowerCase(Locale.ROOT);
    StringBuilder folded = new StringBuilder(lowered.length());
    for (char c : lowered.toCharArray()) {
      int i = CountryResolver.ACCENTED.indexOf(c);
      folded.append(i >= 0 ? CountryResolver.PLAIN.charAt(i) : c);
    }
    String s = folded.toString().replace("æ", "ae").replace("œ", "oe").replace("ß", "ss")
        .replace("&", " and ");
    return s.replaceAll("^the\\s+|[^a-z0-9]", "");
  }

  private static String withoutAccents(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }
}
