package org.urbanmine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;

/**
 * How each line of the page's charts looks. A country looks the same in every chart, recovered
 * and coverage alike, so a reader can follow it from one chart to the next; a scenario likewise
 * keeps one colour in every forecast chart.
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
  /** Dash patterns of the countries beyond the palette's first round of colours, one per round. */
  static final List<String> COUNTRY_DASHES = List.of("8 4", "2 3", "8 3 2 3");

  private final Map<String, Integer> countryIndex = new LinkedHashMap<>();
  private final Map<String, String> scenarioColours = new LinkedHashMap<>();

  /**
   * Each country's place in the palette, by code over every country of the page, so it is the
   * same in every chart; each scenario's colour in the order the page lists the scenarios.
   */
  SeriesColours(ReportData data) {
    TreeSet<String> countries = new TreeSet<>();
    data.recovered().forEach(r -> countries.add(r.country()));
    data.coverage().forEach(c -> countries.add(c.country()));
    countries.forEach(c -> countryIndex.put(c, countryIndex.size()));
    for (String scenario : data.scenarios()) {
      scenarioColours.put(scenario, SCENARIOS.get(scenarioColours.size() % SCENARIOS.size()));
    }
  }

  /** Past the palette's colours, lines are dashed as well, so no two countries look alike. */
  Series countryLine(String label, String country, List<Point> points) {
    int index = countryIndex.get(country);
    Series line = Series.line(label, SvgChart.colour(index), points);
    return index < SvgChart.PALETTE.size() ? line : line.withDash(COUNTRY_DASHES.get(
        (index / SvgChart.PALETTE.size() - 1) % COUNTRY_DASHES.size()));
  }

  String scenario(String scenario) {
    return scenarioColours.get(scenario);
  }
}
