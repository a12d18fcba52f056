package org.urbanmine.reference;

import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.urbanmine.config.Settings;

/** Metal names, symbols and aliases from the configuration, to canonical lower-case names. */
public final class MetalCatalog {
  private final Map<String, String> byKey;

  public MetalCatalog(List<Settings.Metal> metals) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Settings.Metal metal : metals) {
      m.put(key(metal.name()), metal.name());
      m.put(key(metal.symbol()), metal.name());
      metal.aliases().forEach(a -> m.put(key(a), metal.name()));
    }
    this.byKey = Map.copyOf(m);
  }

  private static String key(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  /** The canonical name ("gold") for "Gold", "AU", " au ", or null when the metal is unknown. */
  public Column canonical(Column raw) {
    return try_element_at(UnitConverter.literalMapOf(byKey), lower(trim(raw)));
  }
}
