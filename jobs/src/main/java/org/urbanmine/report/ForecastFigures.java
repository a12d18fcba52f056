package org.urbanmine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.urbanmine.report.ReportData.ForecastPoint;
import org.urbanmine.report.SvgChart.Interval;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;

/**
 * The forecast section's figures, from metal_forecast's rows: for each scope (the world, a region
 * or a country with recorded years) a card per metal with each scenario's line and interval band,
 * and a table short enough to read beside the chart. An aggregate says how many countries it sums
 * and how much of its mass rests on recorded or calibrated countries; a country, what each of
 * its values rests on.
 */
final class ForecastFigures {
  /** The legend label of the observed years' dots. */
  static final String OBSERVED = "observed";
  /** Every how many years the tables show a value, besides the last observed year and the horizon. */
  static final int TABLE_YEAR_STEP = 5;
  /** The column of an aggregate's table giving recorded_share. */
  static final String RECORDED_SHARE = "recorded share";
  /** The column of a country's table giving basis. */
  static final String BASIS = "basis";

  private final List<String> scenarioOrder;
  private final Map<String, List<ForecastPoint>> byScope;
  private final Map<String, Integer> aggregateCountries;
  private final SeriesColours colours;

  ForecastFigures(ReportData data, SeriesColours colours) {
    this.scenarioOrder = data.scenarios();
    this.byScope = PageOrder.grouped(data.forecasts(), ForecastPoint::scope);
    this.aggregateCountries = data.aggregateCountries();
    this.colours = colours;
  }

  /** The section's scopes: the world, the regions by name, then the countries by code. */
  static List<String> scopes(ReportData data) {
    List<String> aggregates = new ArrayList<>(data.aggregateCountries().keySet());
    List<String> countries = data.forecasts().stream().filter(p -> !p.aggregate()).map(ForecastPoint::scope)
        .distinct().sorted().toList();
    aggregates.addAll(countries);
    return aggregates;
  }

  /** A scope as its heading gives it: an aggregate with how many countries it sums. */
  static String heading(ReportData data, String scope) {
    return label(scope, data.aggregateCountries().get(scope));
  }

  /** {@code World (190 countries)}; a country (no count given) is its code alone. */
  static String label(String scope, Integer countries) {
    if (countries == null) {
      return scope;
    }
    return scope + " (" + countries + (countries == 1 ? " country)" : " countries)");
  }

  /** A share as a percentage, {@code 18.1 %}; a dash where there is none. */
  static String share(Double share) {
    return share == null ? Figures.NONE : Figures.format(share * 100) + " %";
  }

  /**
   * What an aggregate's numbers rest on, in a sentence: how many countries it sums, and the share
   * of its mass at the horizon, per metal, that rests on recorded or calibrated countries (the rest
   * on the pooled model alone), under the first scenario; null for a country.
   */
  String summary(String scope) {
    Integer countries = aggregateCountries.get(scope);
    if (countries == null) {
      return null;
    }
    List<ForecastPoint> points = byScope.get(scope);
    String scenario = scenarioOrder.stream().filter(s -> points.stream().anyMatch(p -> p.scenario().equals(s)))
        .findFirst().orElse(points.get(0).scenario());
    List<ForecastPoint> shown = points.stream().filter(p -> p.scenario().equals(scenario)).toList();
    int horizon = shown.stream().mapToInt(ForecastPoint::year).max().orElseThrow();
    Map<String, ForecastPoint> atHorizon = shown.stream().filter(p -> p.year() == horizon)
        .collect(Collectors.toMap(ForecastPoint::metal, p -> p, (a, b) -> a));
    return "Sum of " + countries + (countries == 1 ? " country" : " countries") + ", draw by draw. Share of its "
        + horizon + " mass (" + scenario + ") from recorded or calibrated countries: "
        + PageOrder.metals(atHorizon.keySet()).stream()
            .map(m -> m + " " + share(atHorizon.get(m).recordedShare())).collect(Collectors.joining(", "))
        + " (the rest from pooled or estimated countries: the model alone).";
  }

  /** The scope's cards, one per metal. */
  List<Figure> cards(String scope) {
    Map<String, List<ForecastPoint>> byMetal = PageOrder.grouped(byScope.get(scope), ForecastPoint::metal);
    boolean aggregate = aggregateCountries.containsKey(scope);
    return PageOrder.metals(byMetal.keySet()).stream()
        .map(metal -> card(scope + " \u00b7 " + metal, byMetal.get(metal), aggregate)).toList();
  }

  private Figure card(String title, List<ForecastPoint> points, boolean aggregate) {
    Map<String, List<ForecastPoint>> byScenario = PageOrder.grouped(points, ForecastPoint::scenario);
    List<String> scenarios = scenarioOrder.stream().filter(byScenario::containsKey).toList();
    SvgChart.Builder chart = SvgChart.builder(title + ", kg").width(Figure.CARD_CHART_WIDTH);
    List<List<String>> body = new ArrayList<>();
    for (String scenario : scenarios) {
      List<ForecastPoint> series = byScenario.get(scenario);
      int lastObserved = series.stream().filter(p -> !p.forecast()).mapToInt(ForecastPoint::year).max()
          .orElse(Integer.MIN_VALUE);
      chart.series(Series.line(scenario, colours.scenario(scenario), series.stream()
          .map(p -> new Point(p.year(), p.kg())).toList()).withBand(band(series)));
      int horizon = series.stream().mapToInt(ForecastPoint::year).max().orElse(lastObserved);
      series.stream()
          .filter(p -> p.year() == lastObserved || p.year() == horizon
              || (p.year() > lastObserved && p.year() % TABLE_YEAR_STEP == 0))
          .sorted(Comparator.comparingInt(ForecastPoint::year))
          .forEach(p -> body.add(List.of(scenario, p.year() + (p.forecast() ? "" : " (observed)"),
              Figures.format(p.kg()), interval(p), aggregate ? share(p.recordedShare()) : basis(p))));
    }
    // Observed years are the same in every scenario: one set of dots, from the first. An
    // aggregate has them only where every one of its countries has a record: mostly none.
    scenarios.stream().findFirst()
        .map(first -> byScenario.get(first).stream().filter(p -> !p.forecast()).map(p -> new Point(p.year(), p.kg()))
            .toList())
        .filter(dots -> !dots.isEmpty())
        .ifPresent(dots -> chart.series(Series.markers(OBSERVED, SeriesColours.OBSERVED, dots)));
    return new Figure(title, chart.build(), new FigureTable(title + ", kg",
        List.of("scenario", "year", "kg", "interval", aggregate ? RECORDED_SHARE : BASIS), body));
  }

  /**
   * Every year with an interval: a recorded year's is its value itself, so the band narrows to
   * it. No band where no year has any width (observed years and a series carried forward flat).
   */
  private static List<Interval> band(List<ForecastPoint> series) {
    List<Interval> band = series.stream().filter(p -> p.lowerKg() != null && p.upperKg() != null)
        .map(p -> new Interval(p.year(), p.lowerKg(), p.upperKg())).toList();
    return band.stream().anyMatch(i -> i.upper() > i.lower()) ? band : List.of();
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

  private static String basis(ForecastPoint p) {
    return p.basis() == null ? Figures.NONE : p.basis();
  }
}
