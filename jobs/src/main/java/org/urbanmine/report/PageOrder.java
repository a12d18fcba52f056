package org.urbanmine.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.urbanmine.tables.RecoveryByRegionYearTable;

/**
 * The order the page lists metals and scopes in, the same in every section, so a reader finds
 * each at the same place in every legend and table: the world, the regions by name, then the
 * countries by code (a Games' host before all of them).
 */
final class PageOrder {
  /** Metals the page shows first, in this order; any others follow by name. */
  static final List<String> LEADING_METALS = List.of("gold", "silver", "copper");

  /** The world before any other scope, the others by name. */
  static final Comparator<String> AGGREGATES_FIRST =
      Comparator.comparing((String scope) -> !scope.equals(RecoveryByRegionYearTable.WORLD_SCOPE))
          .thenComparing(Comparator.naturalOrder());

  private PageOrder() {}

  /**
   * The host first, then the aggregates (the world, then the regions by name), then the
   * countries by code.
   */
  static List<String> scopes(String host, Collection<String> aggregates, Collection<String> countries) {
    List<String> out = new ArrayList<>(aggregates.stream().distinct().sorted(AGGREGATES_FIRST).toList());
    out.addAll(new TreeSet<>(countries));
    if (host != null && out.remove(host)) {
      out.add(0, host);
    }
    return out;
  }

  /** Gold, silver, copper, then any other metal by name. */
  static List<String> metals(Collection<String> metals) {
    List<String> out = new ArrayList<>(LEADING_METALS.stream().filter(metals::contains).toList());
    new TreeSet<>(metals).stream().filter(m -> !LEADING_METALS.contains(m)).forEach(out::add);
    return out;
  }

  /**
   * The rows by a key, each group in the order of the rows; the groups in the order their keys
   * first come, for the callers that keep the data's order rather than sorting.
   */
  static <T> Map<String, List<T>> grouped(List<T> rows, Function<T, String> key) {
    return rows.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
  }
}
