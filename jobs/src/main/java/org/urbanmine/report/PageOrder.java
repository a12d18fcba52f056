package org.urbanmine.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order the page lists metals and countries in, the same in every section, so a reader
 * finds each at the same place in every legend and table.
 */
final class PageOrder {
  /** Metals the page shows first, in this order; any others follow by name. */
  static final List<String> LEADING_METALS = List.of("gold", "silver", "copper");

  private PageOrder() {}

  /** Gold, silver, copper, then any other metal by name. */
  static List<String> metals(Collection<String> metals) {
    List<String> out = new ArrayList<>(LEADING_METALS.stream().filter(metals::contains).toList());
    new TreeSet<>(metals).stream().filter(m -> !LEADING_METALS.contains(m)).forEach(out::add);
    return out;
  }

  /** The countries by code, the Games' host first: it is the country a reader looks for. */
  static List<String> hostFirst(String host, Collection<String> countries) {
    List<String> out = new ArrayList<>(new TreeSet<>(countries));
    if (host != null && out.remove(host)) {
      out.add(0, host);
    }
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
