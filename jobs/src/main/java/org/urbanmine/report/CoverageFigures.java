package org.urbanmine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.urbanmine.report.ReportData.CoveragePoint;
import org.urbanmine.report.ReportData.FirstYear;
import org.urbanmine.report.ReportData.Games;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;
import org.urbanmine.tables.MetalForecastTable;

/**
 * The coverage section's figures for each Games, from medal_outlook and first_covered_year: what
 * its medals need, a chart per metal of the median coverage by the world, each region, the host
 * and each country with recorded years, and the first year each of them covers the need.
 */
final class CoverageFigures {
  private final ReportData data;
  private final SeriesColours colours;
  private final Map<String, List<CoveragePoint>> coverageByGames;
  private final Map<String, List<FirstYear>> firstYearsByGames;
  private final Map<String, Integer> aggregateCountries;

  CoverageFigures(ReportData data, SeriesColours colours) {
    this.data = data;
    this.colours = colours;
    this.coverageByGames = PageOrder.grouped(data.coverage(), CoveragePoint::gamesId);
    this.firstYearsByGames = PageOrder.grouped(data.firstYears(), FirstYear::gamesId);
    this.aggregateCountries = data.aggregateCountries();
  }

  /** A first-covered year, or that the need is not covered within the outlook. */
  static String firstYear(Integer year, Integer horizon) {
    if (year != null) {
      return String.valueOf(year);
    }
    return horizon == null ? "not by the horizon" : "not by " + horizon;
  }

  /** The Games in a sentence: season, year, host and what its medals need. */
  String summary(Games games) {
    StringBuilder line = new StringBuilder();
    line.append(games.season() == null ? "Games of " : capitalised(games.season()) + " Games of ").append(games.year());
    line.append(games.host() == null ? " (host unknown: medal_demand is not published)" : ", hosted by " + games.host());
    if (!games.neededKg().isEmpty()) {
      line.append(". For its medals the host must obtain ").append(PageOrder.metals(games.neededKg().keySet()).stream()
          .map(m -> m + " " + Figures.format(games.neededKg().get(m)) + " kg").collect(Collectors.joining(", ")));
    }
    line.append('.');
    // Otherwise a reader would look for the host's line in vain.
    if (games.host() != null && !charted(games).contains(games.host())) {
      line.append(" The host has no recovery data in medal_outlook, so it is not charted.");
    }
    return line.toString();
  }

  /**
   * A chart per metal, a line per scope with coverage, on a log scale around the line at 1
   * (where the need is covered); the host's line is wider, since a Games is about its host.
   */
  List<Figure> charts(Games games) {
    Map<String, List<CoveragePoint>> byMetal = PageOrder.grouped(points(games), CoveragePoint::metal);
    List<String> scopes = charted(games);
    List<Figure> charts = new ArrayList<>();
    for (String metal : PageOrder.metals(byMetal.keySet())) {
      Map<String, List<CoveragePoint>> byScope = PageOrder.grouped(byMetal.get(metal), CoveragePoint::scope);
      String title = games.name() + " \u00b7 " + metal + ": p50 coverage";
      SvgChart.Builder chart = SvgChart.builder(title).width(Figure.CARD_CHART_WIDTH).logY(true)
          .yLabel("coverage").reference(1, "coverage = 1");
      for (String scope : scopes) {
        if (byScope.containsKey(scope)) {
          Series line = colours.scopeLine(label(games, scope), scope,
              byScope.get(scope).stream().filter(p -> p.p50Coverage() != null)
                  .map(p -> new Point(p.year(), p.p50Coverage())).toList());
          chart.series(scope.equals(games.host()) ? line.asEmphasised() : line);
        }
      }
      charts.add(new Figure(title, chart.build(), null));
    }
    return charts;
  }

  /**
   * The first year each scope covers each metal's need, at p50 and p5, under every scenario:
   * the charts show one scenario, this table compares them.
   */
  FigureTable firstYears(Games games) {
    List<FirstYear> rows = firstYearsByGames.getOrDefault(games.id(), List.of());
    List<String> metals = PageOrder.metals(rows.stream().map(FirstYear::metal).toList());
    List<String> head = new ArrayList<>(List.of("scope", "scenario"));
    metals.forEach(m -> {
      head.add(m + " p50");
      head.add(m + " p5");
    });
    Map<String, FirstYear> byKey = rows.stream()
        .collect(Collectors.toMap(r -> r.scope() + "|" + r.scenario() + "|" + r.metal(), r -> r, (a, b) -> a));
    List<List<String>> body = new ArrayList<>();
    for (String scope : PageOrder.scopes(games.host(),
        rows.stream().filter(r -> isAggregate(r.scopeLevel())).map(FirstYear::scope).toList(),
        rows.stream().filter(r -> !isAggregate(r.scopeLevel())).map(FirstYear::scope).toList())) {
      for (String scenario : data.scenarios()) {
        // A scenario with no row for the scope would be a row of dashes only.
        if (metals.stream().noneMatch(m -> byKey.containsKey(scope + "|" + scenario + "|" + m))) {
          continue;
        }
        List<String> row = new ArrayList<>(List.of(label(games, scope), scenario));
        Integer horizon = data.horizons().get(scenario);
        for (String metal : metals) {
          FirstYear f = byKey.get(scope + "|" + scenario + "|" + metal);
          row.add(f == null ? Figures.NONE : firstYear(f.firstYearP50(), horizon));
          row.add(f == null ? Figures.NONE : firstYear(f.firstYearP5(), horizon));
        }
        body.add(row);
      }
    }
    return new FigureTable(games.name() + ": first year each scope covers the medals' need", head, body, 2);
  }

  /**
   * The page's opening answer, in the scenario the charts show: for each Games from {@code fromYear}
   * on and each metal, the year from which the host, its region and the world cover what the host
   * must obtain for good, at P50 and at P5.
   */
  FigureTable answer(int fromYear) {
    String scenario = data.coverageScenario();
    Integer horizon = data.horizons().get(scenario);
    List<String> head = List.of("Games", "metal", "to obtain (kg)", "host p50", "host p5", "region p50", "region p5",
        "world p50", "world p5");
    List<List<String>> body = new ArrayList<>();
    for (Games games : data.games()) {
      if (games.year() < fromYear) {
        continue;
      }
      Map<String, FirstYear> byScopeAndMetal = firstYearsByGames.getOrDefault(games.id(), List.of()).stream()
          .filter(f -> f.scenario().equals(scenario))
          .collect(Collectors.toMap(f -> f.scope() + "|" + f.metal(), f -> f, (a, b) -> a));
      String name = games.name() + " (" + (games.host() == null ? "host unknown" : games.host())
          + (games.hostRegion() == null ? "" : ", " + games.hostRegion()) + ")";
      for (String metal : PageOrder.metals(games.neededKg().keySet())) {
        List<String> row = new ArrayList<>(List.of(name, metal, Figures.format(games.neededKg().get(metal))));
        for (String scope : java.util.Arrays.asList(games.host(), games.hostRegion(),
            org.urbanmine.tables.RecoveryByRegionYearTable.WORLD_SCOPE)) {
          FirstYear f = scope == null ? null : byScopeAndMetal.get(scope + "|" + metal);
          row.add(f == null ? Figures.NONE : coveredFrom(f.coveredFromP50(), f.throughoutP50(), horizon));
          row.add(f == null ? Figures.NONE : coveredFrom(f.coveredFromP5(), f.throughoutP5(), horizon));
        }
        body.add(row);
      }
    }
    return new FigureTable("From which year the need is covered for good (scenario " + scenario + ")", head, body, 2);
  }

  /** "from 2031", "throughout" (from the first year of data), or "not by 2040". */
  static String coveredFrom(Integer from, boolean throughout, Integer horizon) {
    if (throughout) {
      return "throughout";
    }
    if (from != null) {
      return "from " + from;
    }
    return horizon == null ? "not by the horizon" : "not by " + horizon;
  }

  private List<CoveragePoint> points(Games games) {
    return coverageByGames.getOrDefault(games.id(), List.of());
  }

  /** The scopes with coverage of the Games: the host, the world, the regions, then the countries. */
  private List<String> charted(Games games) {
    List<CoveragePoint> points = points(games);
    return PageOrder.scopes(games.host(),
        points.stream().filter(p -> isAggregate(p.scopeLevel())).map(CoveragePoint::scope).toList(),
        points.stream().filter(p -> !isAggregate(p.scopeLevel())).map(CoveragePoint::scope).toList());
  }

  private static boolean isAggregate(String scopeLevel) {
    return !MetalForecastTable.COUNTRY_LEVEL.equals(scopeLevel);
  }

  /**
   * The scope's name as the Games' charts and table give it: the host says so, an aggregate says
   * how many countries it sums.
   */
  private String label(Games games, String scope) {
    return scope.equals(games.host()) ? scope + " (host)" : ForecastFigures.label(scope, aggregateCountries.get(scope));
  }

  private static String capitalised(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
