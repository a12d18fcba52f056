package org.urbanmine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.urbanmine.report.ReportData.ForecastPoint;
import org.urbanmine.report.SvgChart.Interval;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;
import org.urbanmine.tables.RecoveryByRegionYearTable;

/**
 * The forecast section's figures, from metal_forecast's rows: for each scope (the world or a
 * country) a card per metal with each scenario's line and interval band, and a table short
 * enough to read beside the chart.
 */
final class ForecastFigures {
  /** The legend label of the observed years' dots. */
  static final String OBSERVED = "observed";
  /** Every how many years the tables show a value, besides the last observed year and the horizon. */
  static final int TABLE_YEAR_STEP = 5;

  private final List<String> scenarioOrder;
  private final Map<String, List<ForecastPoint>> byScope;
  private final SeriesColours colours;

  ForecastFigures(ReportData data, SeriesColours colours) {
    this.scenarioOrder = data.scenarios();
    this.byScope = PageOrder.grouped(data.forecasts(), ForecastPoint::scope);
    this.colours = colours;
  }

  /** The section's scopes: the world first, then the countries by code. */
  static List<String> scopes(ReportData data) {
    return data.forecasts().stream().map(ForecastPoint::scope).distinct()
        .sorted(Comparator.comparing((String scope) -> !scope.equals(RecoveryByRegionYearTable.WORLD_SCOPE))
            .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /** The scope's cards, one per metal. */
  List<Figure> cards(String scope) {
    Map<String, List<ForecastPoint>> byMetal = PageOrder.grouped(byScope.get(scope), ForecastPoint::metal);
    return PageOrder.metals(byMetal.keySet()).stream()
        .map(metal -> card(scope + " \u00b7 " + metal, byMetal.get(metal))).toList();
  }

  private Figure card(String title, List<ForecastPoint> points) {
    Map<String, List<ForecastPoint>> byScenario = PageOrder.grouped(points, ForecastPoint::scenario);
    List<String> scenarios = scenarioOrder.stream().filter(byScenario::containsKey).toList();
    SvgChart.Builder chart = SvgChart.builder(title + ", kg").width(Figure.CARD_CHART_WIDTH);
    List<List<String>> body = new ArrayList<>();
    for (String scenario : scenarios) {
      List<ForecastPoint> series = byScenario.get(scenario);
      int lastObserved = series.stream().filter(p -> !p.forecast()).mapToInt(ForecastPoint::year).max()
          .orElse(Integer.MIN_VALUE);
      // The band starts at the last observed year, where the interval is that year's value itself.
      List<Interval> band = series.stream()
          .filter(p -> p.lowerKg() != null && p.upperKg() != null && (p.forecast() || p.year() == lastObserved))
          .map(p -> new Interval(p.year(), p.lowerKg(), p.upperKg())).toList();
      chart.series(Series.line(scenario, colours.scenario(scenario), series.stream()
          .map(p -> new Point(p.year(), p.kg())).toList()).withBand(band.size() > 1 ? band : List.of()));
      int horizon = series.stream().mapToInt(ForecastPoint::year).max().orElse(lastObserved);
      series.stream()
          .filter(p -> p.year() == lastObserved || p.year() == horizon
              || (p.forecast() && p.year() % TABLE_YEAR_STEP == 0))
          .sorted(Comparator.comparingInt(ForecastPoint::year))
          .forEach(p -> body.add(List.of(scenario, p.year() + (p.forecast() ? "" : " (observed)"),
              Figures.format(p.kg()), interval(p))));
    }
    // Observed years are the same in every scenario: one set of dots, from the first.
    scenarios.stream().findFirst().ifPresent(first -> chart.series(Series.markers(OBSERVED, SeriesColours.OBSERVED,
        byScenario.get(first).stream().filter(p -> !p.forecast()).map(p -> new Point(p.year(), p.kg())).toList())));
    return new Figure(title, chart.build(),
        new FigureTable(title + ", kg", List.of("scenario", "year", "kg", "interval"), body));
  }

  /** Blank for an observed year, which has no interval to give; a dash where the method gives none. */
  private static String interval(ForecastPoint p) {
    if (!p.forecast()) {
      return "";
    }
    if (p.lowerKg() == null || p.upperKg() == null) {
      return Figures.NONE;
    }
    return Figures.format(p.lowerKg()) + " \u2013 " + Figures.format(p.upperKg());
  }
}
