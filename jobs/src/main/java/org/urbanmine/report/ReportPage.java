package org.urbanmine.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.urbanmine.config.SettingsLoader;
import org.urbanmine.report.ReportData.CoveragePoint;
import org.urbanmine.report.ReportData.FirstYear;
import org.urbanmine.report.ReportData.ForecastPoint;
import org.urbanmine.report.ReportData.Games;
import org.urbanmine.report.ReportData.Recovered;
import org.urbanmine.report.SvgChart.Interval;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no scripts, fonts, images or
 * links, so it reads offline. Each chart has a table of the exact figures beside it. The page is
 * well-formed XML as well as HTML, and every text from data or configuration is escaped.
 *
 * <p>Numbers read as {@link Figures#format} writes them, e.g. {@code 143} kg, {@code 9.6} kg.
 */
public final class ReportPage {
  public static final String TITLE = "Urban mine: recovered metal, forecasts and Olympic medal coverage";
  /** Metals the page shows first, in this order; any others follow by name. */
  public static final List<String> LEADING_METALS = List.of("gold", "silver", "copper");
  /**
   * Scenario lines (ColorBrewer's Dark2): other hues than the countries' {@link SvgChart#PALETTE},
   * so a scenario is never mistaken for a country.
   */
  public static final List<String> SCENARIO_COLOURS = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a",
      "#66a61e", "#e6ab02", "#a6761d");
  /** Dash patterns of the countries beyond the palette's first round of colours, one per round. */
  static final List<String> COUNTRY_DASHES = List.of("8 4", "2 3", "8 3 2 3");
  /** Observed years on the forecast charts; black, which no text on the page is (#222). */
  public static final String OBSERVED_COLOUR = "#000000";
  public static final String OBSERVED = "observed";
  static final int CARD_CHART_WIDTH = SvgChart.DEFAULT_WIDTH;
  /** Every how many years the forecast tables show a value, besides the last observed year and the horizon. */
  static final int TABLE_YEAR_STEP = 5;

  private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private static final String STYLE = """
      body{font:14px/1.45 system-ui,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;background:#fff;\
      margin:0 auto;padding:16px 24px 40px;max-width:1240px}
      h1{font-size:24px;margin:8px 0}
      h2{font-size:20px;border-bottom:2px solid #ccc;margin-top:36px;padding-bottom:4px}
      h3{font-size:17px;margin:24px 0 8px}
      h4{font-size:14px;margin:0 0 4px}
      .meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
      .meta dt{font-weight:600}
      .meta dd{margin:0}
      .note{background:#f3f6fa;border-left:4px solid #5b7fa6;padding:8px 12px}
      .missing{background:#fff4e5;border-left:4px solid #e69500;padding:8px 12px}
      .figure{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin:8px 0 24px}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(590px,1fr));gap:16px;align-items:start}
      .card{border:1px solid #ddd;border-radius:4px;padding:8px;display:flex;flex-direction:column;gap:6px}
      .table-box{overflow-x:auto;max-width:100%}
      table{border-collapse:collapse;font-size:12px;font-variant-numeric:tabular-nums}
      caption{text-align:left;font-weight:600;padding-bottom:4px}
      th,td{padding:2px 8px;border-bottom:1px solid #e6e6e6;white-space:nowrap}
      thead th{border-bottom:1px solid #999;text-align:right}
      thead th.row-head,tbody th{text-align:left}
      tbody th{font-weight:600}
      td{text-align:right}
      .chart{display:block;background:#fff}
      .contents ul{margin:4px 0;padding-left:20px}
      .contents li li{display:inline;margin-right:10px}
      .contents li ul{display:inline;padding-left:4px}
      .chart text{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11px;fill:#333}
      .chart .legend-label{font-size:12px}
      .chart .axis-label{font-size:12px;fill:#555}
      """;

  private ReportPage() {}

  /** The whole page. */
  public static String html(ReportData data) {
    Map<String, Integer> countries = countryIndex(data);
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        .append("<title>").append(Markup.escape(TITLE)).append("</title>")
        .append("<style>\n").append(STYLE).append("</style></head>\n<body>\n");
    header(out, data);
    contents(out, data);
    recovered(out, data, countries);
    forecasts(out, data);
    coverage(out, data, countries);
    return out.append("</body></html>\n").toString();
  }

  /** A section of the page: its anchor and heading. */
  private record Part(String id, String heading) {}

  private static final Part RECOVERED = new Part("recovered", "Recovered metal by country");
  private static final Part FORECASTS = new Part("forecasts", "Forecasts");
  private static final Part COVERAGE = new Part("coverage", "Medal coverage");

  /** What a section shows when its table is missing. */
  public static String notPublished(TableSpec table) {
    return table.name() + " is not published yet: run jobs/run nightly";
  }

  /** A first-covered year, or that the need is not covered within the outlook. */
  public static String firstYear(Integer year, Integer horizon) {
    if (year != null) {
      return String.valueOf(year);
    }
    return horizon == null ? "not by the horizon" : "not by " + horizon;
  }

  private static void header(StringBuilder out, ReportData data) {
    out.append("<header><h1>").append(Markup.escape(TITLE)).append("</h1><dl class=\"meta\">");
    term(out, "Generated", GENERATED.format(data.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
    term(out, "Warehouse", data.warehouse());
    term(out, "Scenarios", data.scenarios().isEmpty() ? "none published" : String.join(", ", data.scenarios()));
    ReportData.LatestRun run = data.latestRun();
    term(out, "Latest run", run == null ? "no runs recorded" : run.runId() + " (" + run.command() + ", scenario "
        + run.scenario() + ", " + run.status()
        + (run.finishedAt() == null ? "" : ", finished " + GENERATED.format(run.finishedAt())) + ")");
    out.append("</dl><p class=\"note\">All figures are kilograms of metal, except coverage, which is the metal "
        + "available divided by what a Games' medals need (1 or more covers the need). Forecasts are "
        + "estimates, not measurements: shaded bands are prediction intervals, and each scenario makes its "
        + "own assumptions.</p>");
    if (ReportData.TABLES.stream().noneMatch(data::isPublished)) {
      out.append("<p class=\"missing\">No table the report needs is published in this warehouse yet: "
          + "run jobs/run nightly.</p>");
    }
    out.append("</header>\n");
  }

  /** Links to each section and to each scope and Games in it: the page runs long on a real warehouse. */
  private static void contents(StringBuilder out, ReportData data) {
    out.append("<nav class=\"contents\"><ul>");
    contentsEntry(out, RECOVERED, List.of());
    contentsEntry(out, FORECASTS, forecastScopes(data));
    contentsEntry(out, COVERAGE, data.games().stream().map(Games::name).toList());
    out.append("</ul></nav>\n");
  }

  private static void contentsEntry(StringBuilder out, Part part, List<String> subheadings) {
    out.append("<li><a href=\"#").append(part.id()).append("\">").append(Markup.escape(part.heading())).append("</a>");
    if (!subheadings.isEmpty()) {
      out.append(": <ul>");
      for (int i = 0; i < subheadings.size(); i++) {
        out.append("<li><a href=\"#").append(part.id()).append('-').append(i).append("\">")
            .append(Markup.escape(subheadings.get(i))).append("</a></li>");
      }
      out.append("</ul>");
    }
    out.append("</li>");
  }

  /** A heading within a part, anchored by its position (names from data make poor ids). */
  private static void subheading(StringBuilder out, Part part, int index, String text) {
    out.append("<h3 id=\"").append(part.id()).append('-').append(index).append("\">").append(Markup.escape(text))
        .append("</h3>");
  }

  /** The forecast section's scopes: the world first, then the countries by code. */
  private static List<String> forecastScopes(ReportData data) {
    return data.forecasts().stream().map(ForecastPoint::scope).distinct()
        .sorted(Comparator.comparing((String scope) -> !scope.equals(RecoveryByRegionYearTable.WORLD_SCOPE))
            .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  private static void term(StringBuilder out, String term, String definition) {
    out.append("<dt>").append(Markup.escape(term)).append("</dt><dd>").append(Markup.escape(definition)).append("</dd>");
  }

  /** Opens a section; false, after saying so, if the table it needs is not published. */
  private static boolean section(StringBuilder out, Part part, ReportData data, TableSpec needs) {
    out.append("<section id=\"").append(part.id()).append("\"><h2>").append(Markup.escape(part.heading()))
        .append("</h2>\n");
    if (!data.isPublished(needs)) {
      missing(out, needs);
      out.append("</section>\n");
      return false;
    }
    return true;
  }

  private static void missing(StringBuilder out, TableSpec table) {
    out.append("<p class=\"missing\">").append(Markup.escape(notPublished(table))).append("</p>\n");
  }

  private static void recovered(StringBuilder out, ReportData data, Map<String, Integer> countries) {
    if (!section(out, RECOVERED, data, RecoveryByCountryYearTable.TABLE)) {
      return;
    }
    out.append("<p>Metal recovered each year per country, from the source chosen for each country and year "
        + "(log scale: countries differ by orders of magnitude).</p>\n");
    sources(out, data.recovered());
    Map<String, List<Recovered>> byMetal = group(data.recovered(), Recovered::metal);
    for (String metal : metalOrder(byMetal.keySet())) {
      List<Recovered> rows = byMetal.get(metal);
      Map<String, List<Recovered>> byCountry = new TreeMap<>(group(rows, Recovered::country));
      SvgChart.Builder chart = SvgChart.builder(metal + " recovered by country, kg").logY(true);
      byCountry.forEach((country, points) -> chart.series(countryLine(country, countries.get(country),
          points.stream().map(p -> new Point(p.year(), p.kg())).toList()).withMarkers()));
      List<Integer> years = rows.stream().map(Recovered::year).distinct().sorted().toList();
      Map<String, Double> kg = rows.stream()
          .collect(Collectors.toMap(r -> r.country() + "|" + r.year(), Recovered::kg, Double::sum));
      List<String> head = new ArrayList<>(List.of("year"));
      head.addAll(byCountry.keySet());
      List<List<String>> body = years.stream().map(year -> {
        List<String> row = new ArrayList<>(List.of(String.valueOf(year)));
        byCountry.keySet().forEach(c -> row.add(Figures.format(kg.get(c + "|" + year))));
        return row;
      }).toList();
      out.append("<div class=\"figure\"><div><h3>").append(Markup.escape(metal)).append("</h3>")
          .append(chart.build().svg()).append("</div><div class=\"table-box\">")
          .append(table(metal + " recovered by country, kg", head, body)).append("</div></div>\n");
    }
    out.append("</section>\n");
  }

  /**
   * Which source each country's figures come from: the sample's EU figures are estimates, and
   * their source says so (estimate-...), so a reader can tell them from published totals.
   */
  private static void sources(StringBuilder out, List<Recovered> recovered) {
    Map<String, java.util.SortedSet<String>> countries = new TreeMap<>();
    Map<String, java.util.SortedSet<Integer>> years = new TreeMap<>();
    for (Recovered r : recovered) {
      countries.computeIfAbsent(r.source(), s -> new java.util.TreeSet<>()).add(r.country());
      years.computeIfAbsent(r.source(), s -> new java.util.TreeSet<>()).add(r.year());
    }
    out.append("<p class=\"sources\">Sources: ");
    List<String> parts = new ArrayList<>();
    countries.forEach((source, names) -> parts.add("<b>" + Markup.escape(source) + "</b> ("
        + Markup.escape(String.join(", ", names)) + "; " + years.get(source).first()
        + (years.get(source).size() > 1 ? "\u2013" + years.get(source).last() : "") + ")"));
    out.append(String.join("; ", parts)).append(". A source named estimate-\u2026 holds estimates, not "
        + "reported figures (see the source's note in recovery_records).</p>\n");
  }

  private static void forecasts(StringBuilder out, ReportData data) {
    if (!section(out, FORECASTS, data, MetalForecastTable.TABLE)) {
      return;
    }
    out.append("<p>The world and each country with observed years: each scenario's forecast as a line, its "
        + "prediction interval as a band of the same hue, observed years as dots. Series carried forward flat "
        + "have no interval. The tables give the last observed year, every ").append(TABLE_YEAR_STEP)
        .append("th year and the horizon.</p>\n");
    Map<String, String> colours = new LinkedHashMap<>();
    for (String scenario : data.scenarios()) {
      colours.put(scenario, SCENARIO_COLOURS.get(colours.size() % SCENARIO_COLOURS.size()));
    }
    Map<String, List<ForecastPoint>> byScope = group(data.forecasts(), ForecastPoint::scope);
    List<String> scopes = forecastScopes(data);
    for (int i = 0; i < scopes.size(); i++) {
      String scope = scopes.get(i);
      subheading(out, FORECASTS, i, scope);
      out.append("<div class=\"grid\">\n");
      Map<String, List<ForecastPoint>> byMetal = group(byScope.get(scope), ForecastPoint::metal);
      for (String metal : metalOrder(byMetal.keySet())) {
        forecastCard(out, scope + " \u00b7 " + metal, byMetal.get(metal), data.scenarios(), colours);
      }
      out.append("</div>\n");
    }
    out.append("</section>\n");
  }

  private static void forecastCard(StringBuilder out, String title, List<ForecastPoint> points,
      List<String> scenarioOrder, Map<String, String> colours) {
    Map<String, List<ForecastPoint>> byScenario = group(points, ForecastPoint::scenario);
    List<String> scenarios = scenarioOrder.stream().filter(byScenario::containsKey).toList();
    SvgChart.Builder chart = SvgChart.builder(title + ", kg").width(CARD_CHART_WIDTH);
    List<List<String>> body = new ArrayList<>();
    for (String scenario : scenarios) {
      List<ForecastPoint> series = byScenario.get(scenario);
      int lastObserved = series.stream().filter(p -> !p.forecast()).mapToInt(ForecastPoint::year).max()
          .orElse(Integer.MIN_VALUE);
      // The band starts at the last observed year, where the interval is that year's value itself.
      List<Interval> band = series.stream()
          .filter(p -> p.lowerKg() != null && p.upperKg() != null && (p.forecast() || p.year() == lastObserved))
          .map(p -> new Interval(p.year(), p.lowerKg(), p.upperKg())).toList();
      chart.series(Series.line(scenario, colours.get(scenario), series.stream()
          .map(p -> new Point(p.year(), p.kg())).toList()).withBand(band.size() > 1 ? band : List.of()));
      int horizon = series.stream().mapToInt(ForecastPoint::year).max().orElse(lastObserved);
      series.stream()
          .filter(p -> p.year() == lastObserved || p.year() == horizon
              || (p.forecast() && p.year() % TABLE_YEAR_STEP == 0))
          .sorted(Comparator.comparingInt(ForecastPoint::year))
          .forEach(p -> body.add(List.of(scenario, p.year() + (p.forecast() ? "" : " (observed)"),
              Figures.format(p.kg()), interval(p))));
    }
    scenarios.stream().findFirst().ifPresent(first -> chart.series(Series.markers(OBSERVED, OBSERVED_COLOUR,
        byScenario.get(first).stream().filter(p -> !p.forecast()).map(p -> new Point(p.year(), p.kg())).toList())));
    out.append("<div class=\"card\"><h4>").append(Markup.escape(title)).append("</h4>").append(chart.build().svg())
        .append("<div class=\"table-box\">")
        .append(table(title + ", kg", List.of("scenario", "year", "kg", "interval"), body))
        .append("</div></div>\n");
  }

  private static String interval(ForecastPoint p) {
    if (!p.forecast()) {
      return "";
    }
    if (p.lowerKg() == null || p.upperKg() == null) {
      return Figures.NONE;
    }
    return Figures.format(p.lowerKg()) + " \u2013 " + Figures.format(p.upperKg());
  }

  private static void coverage(StringBuilder out, ReportData data, Map<String, Integer> countryIndex) {
    if (!section(out, COVERAGE, data, MedalOutlookTable.TABLE)) {
      return;
    }
    String scenario = data.coverageScenario();
    out.append("<p>For each Games: the median (p50) coverage of its medals' need, per metal, by the host and by "
        + "every candidate country with data (log scale; the dashed line is coverage = 1, the host's line is "
        + "wider). The charts show scenario <strong>").append(Markup.escape(scenario)).append("</strong>")
        .append(SettingsLoader.DEFAULT_SCENARIO.equals(scenario) ? "" : " (no baseline is published; the first scenario)")
        .append(". The first-year tables list every scenario: p50 is the median estimate, p5 the year by which "
            + "19 draws in 20 cover the need.</p>\n");
    Map<String, List<CoveragePoint>> byGames = group(data.coverage(), CoveragePoint::gamesId);
    Map<String, List<FirstYear>> firstByGames = group(data.firstYears(), FirstYear::gamesId);
    for (int i = 0; i < data.games().size(); i++) {
      Games games = data.games().get(i);
      List<CoveragePoint> points = byGames.getOrDefault(games.id(), List.of());
      List<String> countries = hostFirst(games.host(), points.stream().map(CoveragePoint::country).toList());
      subheading(out, COVERAGE, i, games.name());
      out.append("<p>")
          .append(Markup.escape(gamesLine(games, countries))).append("</p>\n<div class=\"grid\">\n");
      Map<String, List<CoveragePoint>> byMetal = group(points, CoveragePoint::metal);
      for (String metal : metalOrder(byMetal.keySet())) {
        Map<String, List<CoveragePoint>> byCountry = group(byMetal.get(metal), CoveragePoint::country);
        String title = games.name() + " \u00b7 " + metal + ": p50 coverage";
        SvgChart.Builder chart = SvgChart.builder(title).width(CARD_CHART_WIDTH).logY(true)
            .yLabel("coverage").reference(1, "coverage = 1");
        for (String country : countries) {
          if (byCountry.containsKey(country)) {
            Series line = countryLine(country.equals(games.host()) ? country + " (host)" : country, countryIndex.get(country),
                byCountry.get(country).stream().filter(p -> p.p50Coverage() != null)
                    .map(p -> new Point(p.year(), p.p50Coverage())).toList());
            chart.series(country.equals(games.host()) ? line.asEmphasised() : line);
          }
        }
        out.append("<div class=\"card\"><h4>").append(Markup.escape(title)).append("</h4>")
            .append(chart.build().svg()).append("</div>\n");
      }
      out.append("</div>\n");
      if (data.isPublished(FirstCoveredYearTable.TABLE)) {
        out.append("<div class=\"table-box\">")
            .append(firstYearTable(games, firstByGames.getOrDefault(games.id(), List.of()), data)).append("</div>\n");
      } else {
        missing(out, FirstCoveredYearTable.TABLE);
      }
    }
    out.append("</section>\n");
  }

  private static String gamesLine(Games games, List<String> countries) {
    StringBuilder line = new StringBuilder();
    line.append(games.season() == null ? "Games of " : capitalised(games.season()) + " Games of ").append(games.year());
    line.append(games.host() == null ? " (host unknown: medal_demand is not published)" : ", hosted by " + games.host());
    if (!games.neededKg().isEmpty()) {
      line.append(". Medals need ").append(metalOrder(games.neededKg().keySet()).stream()
          .map(m -> m + " " + Figures.format(games.neededKg().get(m)) + " kg").collect(Collectors.joining(", ")));
    }
    line.append('.');
    if (games.host() != null && !countries.contains(games.host())) {
      line.append(" The host has no recovery data in medal_outlook, so it is not charted.");
    }
    return line.toString();
  }

  private static String firstYearTable(Games games, List<FirstYear> rows, ReportData data) {
    List<String> metals = metalOrder(rows.stream().map(FirstYear::metal).toList());
    List<String> head = new ArrayList<>(List.of("country", "scenario"));
    metals.forEach(m -> {
      head.add(m + " p50");
      head.add(m + " p5");
    });
    Map<String, FirstYear> byKey = rows.stream()
        .collect(Collectors.toMap(r -> r.country() + "|" + r.scenario() + "|" + r.metal(), r -> r, (a, b) -> a));
    List<List<String>> body = new ArrayList<>();
    for (String country : hostFirst(games.host(), rows.stream().map(FirstYear::country).toList())) {
      for (String scenario : data.scenarios()) {
        if (metals.stream().noneMatch(m -> byKey.containsKey(country + "|" + scenario + "|" + m))) {
          continue;
        }
        List<String> row = new ArrayList<>(List.of(country.equals(games.host()) ? country + " (host)" : country, scenario));
        Integer horizon = data.horizons().get(scenario);
        for (String metal : metals) {
          FirstYear f = byKey.get(country + "|" + scenario + "|" + metal);
          row.add(f == null ? Figures.NONE : firstYear(f.firstYearP50(), horizon));
          row.add(f == null ? Figures.NONE : firstYear(f.firstYearP5(), horizon));
        }
        body.add(row);
      }
    }
    return table(games.name() + ": first year each country covers the medals' need", head, body, 2);
  }

  /** A table whose first column heads its rows; every cell escaped. */
  private static String table(String caption, List<String> head, List<List<String>> body) {
    return table(caption, head, body, 1);
  }

  /** A table whose first {@code rowHeads} columns head its rows (text, aligned left), numbers in the rest. */
  private static String table(String caption, List<String> head, List<List<String>> body, int rowHeads) {
    StringBuilder out = new StringBuilder("<table><caption>").append(Markup.escape(caption)).append("</caption><thead><tr>");
    for (int i = 0; i < head.size(); i++) {
      out.append(i < rowHeads ? "<th scope=\"col\" class=\"row-head\">" : "<th scope=\"col\">")
          .append(Markup.escape(head.get(i))).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (List<String> row : body) {
      out.append("<tr>");
      row.subList(0, rowHeads).forEach(c -> out.append("<th scope=\"row\">").append(Markup.escape(c)).append("</th>"));
      row.subList(rowHeads, row.size()).forEach(c -> out.append("<td>").append(Markup.escape(c)).append("</td>"));
      out.append("</tr>");
    }
    return out.append("</tbody></table>").toString();
  }

  /** Gold, silver, copper, then any other metal by name. */
  public static List<String> metalOrder(Collection<String> metals) {
    List<String> out = new ArrayList<>(LEADING_METALS.stream().filter(metals::contains).toList());
    new TreeSet<>(metals).stream().filter(m -> !LEADING_METALS.contains(m)).forEach(out::add);
    return out;
  }

  private static List<String> hostFirst(String host, Collection<String> countries) {
    List<String> out = new ArrayList<>(new TreeSet<>(countries));
    if (host != null && out.remove(host)) {
      out.add(0, host);
    }
    return out;
  }

  /**
   * Each country's place in the page's palette, the same in every chart; past the palette's
   * colours, lines are dashed as well, so no two countries look alike.
   */
  private static Map<String, Integer> countryIndex(ReportData data) {
    TreeSet<String> countries = new TreeSet<>();
    data.recovered().forEach(r -> countries.add(r.country()));
    data.coverage().forEach(c -> countries.add(c.country()));
    Map<String, Integer> index = new LinkedHashMap<>();
    countries.forEach(c -> index.put(c, index.size()));
    return index;
  }

  private static Series countryLine(String label, int index, List<Point> points) {
    Series line = Series.line(label, SvgChart.colour(index), points);
    return index < SvgChart.PALETTE.size() ? line : line.withDash(COUNTRY_DASHES.get(
        (index / SvgChart.PALETTE.size() - 1) % COUNTRY_DASHES.size()));
  }

  private static <T> Map<String, List<T>> group(List<T> rows, Function<T, String> key) {
    return rows.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
  }

  private static String capitalised(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
