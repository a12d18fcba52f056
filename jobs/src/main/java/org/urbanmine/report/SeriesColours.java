package org.urbanmine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;
import org.urbanmine.tables.MetalForecastTable;

/**
 * How each line of the page's charts looks. A scope (a country, a region or the world) looks the
 * same in every chart, recovered and coverage alike, so a reader can follow it from one chart to
 * the next; a scenario likewise keeps one colour in every forecast chart.
 */
final class SeriesColours {
  /**
   * Scenario lines (ColorBrewer's Dark2): other hues than the countries' {@link SvgChart#PALETTE},
   * so a scenario is never mistaken for a country.
   */
  static final List<String> SCENARIOS = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a",
      "#66a61e", "#e6ab02", "#a6761d");
  /** Observed years on the forecast charts; black, which no text on the page is (#222). */
  static final String OBSERVED = "#000000";
  /** Dash patterns of the scopes beyond the palette's first round of colours, one per round. */
  static final List<String> SCOPE_DASHES = List.of("8 4", "2 3", "8 3 2 3");

  private final Map<String, Integer> scopeIndex = new LinkedHashMap<>();
  private final Map<String, String> scenarioColours = new LinkedHashMap<>();

  /**
   * Each scope's place in the palette, so it is the same in every chart: the countries of the
   * page by code, then the world and the regions ({@link PageOrder#AGGREGATES_FIRST}); countries
   * first, so the recovered chart's few countries keep solid lines. Each scenario's colour in the
   * order the page lists the scenarios.
   */
  SeriesColours(ReportData data) {
    TreeSet<String> countries = new TreeSet<>();
    TreeSet<String> aggregates = new TreeSet<>(PageOrder.AGGREGATES_FIRST);
    data.recovered().forEach(r -> countries.add(r.country()));
    data.coverage().forEach(c -> (MetalForecastTable.COUNTRY_LEVEL.equals(c.scopeLevel()) ? countries : aggregates)
        .add(c.scope()));
    countries.forEach(c -> scopeIndex.put(c, scopeIndex.size()));
    aggregates.forEach(a -> scopeIndex.putIfAbsent(a, scopeIndex.size()));
    for (String scenario : data.scenarios()) {
      scenarioColours.put(scenario, SCENARIOS.get(scenarioColours.size() % SCENARIOS.size()));
    }
  }

  /** Past the palette's colours, lines are dashed as well, so no two scopes look alike. */
  Series scopeLine(String label, String scope, List<Point> points) {
    int index = scopeIndex.get(scope);
    Series line = Series.line(label, SvgChart.colour(index), points);
    return index < SvgChart.PALETTE.size() ? line : line.withDash(SCOPE_DASHES.get(
        (index / SvgChart.PALETTE.size() - 1) % SCOPE_DASHES.size()));
  }

  String scenario(String scenario) {
    return scenarioColours.get(scenario);
  }
}
