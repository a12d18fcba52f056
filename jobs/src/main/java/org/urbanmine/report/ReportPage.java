package org.urbanmine.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.urbanmine.config.SettingsLoader;
import org.urbanmine.report.ReportData.Games;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no scripts, fonts, images or
 * links, so it reads offline. Each chart has a table of the exact figures beside it. The page is
 * well-formed XML as well as HTML, and every text from data or configuration is escaped.
 *
 * <p>This class is the page's template: its markup, style and sections. What the charts and
 * tables show is worked out from {@link ReportData} by {@link RecoveredFigures},
 * {@link ForecastFigures} and {@link CoverageFigures}, so the figures can change without
 * touching the markup and the other way round.
 *
 * <p>Numbers read as {@link Figures#format} writes them, e.g. {@code 143} kg, {@code 9.6} kg.
 */
public final class ReportPage {
  public static final String TITLE = "Urban mine: recovered metal, forecasts and Olympic medal coverage";
  /*
   * The colours and legend label a check of the drawn page looks for (ReportRenderingTest), under
   * the page's name; they are chosen where the series are made, in SeriesColours and ForecastFigures.
   */
  public static final List<String> SCENARIO_COLOURS = SeriesColours.SCENARIOS;
  public static final String OBSERVED_COLOUR = SeriesColours.OBSERVED;
  public static final String OBSERVED = ForecastFigures.OBSERVED;

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
    SeriesColours colours = new SeriesColours(data);
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        .append("<title>").append(Markup.escape(TITLE)).append("</title>")
        .append("<style>\n").append(STYLE).append("</style></head>\n<body>\n");
    header(out, data);
    contents(out, data);
    answer(out, data, colours);
    recovered(out, data, colours);
    forecasts(out, data, colours);
    coverage(out, data, colours);
    return out.append("</body></html>\n").toString();
  }

  /** A section of the page: its anchor and heading. */
  private record Part(String id, String heading) {}

  private static final Part ANSWER = new Part("answer", "From when: the coming Games' hosts, their regions and the world");
  private static final Part RECOVERED = new Part("recovered", "Recovered metal by country");
  private static final Part FORECASTS = new Part("forecasts", "Forecasts");
  private static final Part COVERAGE = new Part("coverage", "Medal coverage");

  /** What a section shows when its table is missing. */
  public static String notPublished(TableSpec table) {
    return table.name() + " is not published yet: run jobs/run nightly";
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
    contentsEntry(out, ANSWER, List.of());
    contentsEntry(out, RECOVERED, List.of());
    contentsEntry(out, FORECASTS, ForecastFigures.scopes(data).stream()
        .map(scope -> ForecastFigures.heading(data, scope)).toList());
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

  /**
   * The page's answer first: for each Games from the year the page is made on, from when its host,
   * the host's region and the world could make its medals from their urban mines, for good.
   */
  private static void answer(StringBuilder out, ReportData data, SeriesColours colours) {
    if (!section(out, ANSWER, data, FirstCoveredYearTable.TABLE)) {
      return;
    }
    int fromYear = data.generatedAt().atZone(ZoneOffset.UTC).getYear();
    FigureTable answer = new CoverageFigures(data, colours).answer(fromYear);
    out.append("<p>For each Games from ").append(fromYear).append(" on and each metal: the first year from which "
        + "the metal a medal campaign could take from the urban mine (available_kg: the recoverable metal times "
        + "the campaign's stream factor, its small devices dismantled by hand against the average collected tonne, "
        + "times its share) stays at or above what the host must obtain for its medals (the metal in the "
        + "medals times the production factor), every year to the horizon. p50: in at least half of the Monte "
        + "Carlo draws; p5: in at least 95 % of them, the cautious answer. \u201cthroughout\u201d: from the "
        + "first year of data on. first_covered_year has every country, sub-region and region, and the first "
        + "year coverage merely touches 1.</p>\n");
    if (answer.body().isEmpty()) {
      out.append("<p class=\"missing\">No Games from ").append(fromYear)
          .append(" on in first_covered_year: the coverage section below has the earlier ones.</p>\n");
    } else {
      out.append(tableBox(answer)).append("\n");
    }
    out.append("</section>\n");
  }

  private static void recovered(StringBuilder out, ReportData data, SeriesColours colours) {
    if (!section(out, RECOVERED, data, RecoveryByCountryYearTable.TABLE)) {
      return;
    }
    out.append("<p>Metal recovered each year per country, from the source chosen for each country and year "
        + "(log scale: countries differ by orders of magnitude).</p>\n");
    sources(out, RecoveredFigures.sources(data.recovered()));
    for (Figure figure : RecoveredFigures.byMetal(data.recovered(), colours)) {
      out.append("<div class=\"figure\"><div><h3>").append(Markup.escape(figure.heading())).append("</h3>")
          .append(figure.chart().svg()).append("</div>").append(tableBox(figure.table())).append("</div>\n");
    }
    out.append("</section>\n");
  }

  /** Which source each country's figures come from, so a reader can tell estimates from reported figures. */
  private static void sources(StringBuilder out, List<RecoveredFigures.Source> sources) {
    out.append("<p class=\"sources\">Sources: ");
    List<String> parts = new ArrayList<>();
    sources.forEach(source -> parts.add("<b>" + Markup.escape(source.name()) + "</b> ("
        + Markup.escape(String.join(", ", source.countries())) + "; " + source.years().first()
        + (source.years().size() > 1 ? "\u2013" + source.years().last() : "") + ")"));
    out.append(String.join("; ", parts)).append(". A source named estimate-\u2026 holds estimates, not "
        + "reported figures (see the source's note in recovery_records).</p>\n");
  }

  private static void forecasts(StringBuilder out, ReportData data, SeriesColours colours) {
    if (!section(out, FORECASTS, data, MetalForecastTable.TABLE)) {
      return;
    }
    out.append("<p>The world and each M49 region, each the sum of its countries draw by draw (its interval is "
        + "that of the sum, not a sum of intervals), then each country with recorded years: each scenario's "
        + "forecast as a line, its prediction interval as a band of the same hue, recorded years as dots, where "
        + "the band narrows to the record. Series carried forward flat have no interval. The tables give the "
        + "last recorded year, every ").append(ForecastFigures.TABLE_YEAR_STEP).append("th year after it (every "
        + ForecastFigures.TABLE_YEAR_STEP + "th year where none is recorded) and the horizon, with the share of "
        + "the world's or a region's mass that rests on recorded or calibrated countries, and what each of a "
        + "country's values rests on (recorded, or calibrated to its records). metal_forecast has the other "
        + "countries and the sub-regions too.</p>\n");
    ForecastFigures figures = new ForecastFigures(data, colours);
    List<String> scopes = ForecastFigures.scopes(data);
    for (int i = 0; i < scopes.size(); i++) {
      subheading(out, FORECASTS, i, ForecastFigures.heading(data, scopes.get(i)));
      String summary = figures.summary(scopes.get(i));
      if (summary != null) {
        out.append("<p>").append(Markup.escape(summary)).append("</p>\n");
      }
      grid(out, figures.cards(scopes.get(i)));
    }
    out.append("</section>\n");
  }

  private static void coverage(StringBuilder out, ReportData data, SeriesColours colours) {
    if (!section(out, COVERAGE, data, MedalOutlookTable.TABLE)) {
      return;
    }
    String scenario = data.coverageScenario();
    out.append("<p>For each Games: the median (p50) coverage of its medals' need, per metal, by the world, each "
        + "region (the sum of its countries), the host and every country with recorded years (log scale; the "
        + "dashed line is coverage = 1, the host's line is wider). medal_outlook has every other country and "
        + "sub-region too. The charts show scenario <strong>").append(Markup.escape(scenario)).append("</strong>")
        .append(SettingsLoader.DEFAULT_SCENARIO.equals(scenario) ? "" : " (no baseline is published; the first scenario)")
        .append(". The first-year tables list every scenario: p50 is the median estimate, p5 the year by which "
            + "19 draws in 20 cover the need.</p>\n");
    CoverageFigures figures = new CoverageFigures(data, colours);
    for (int i = 0; i < data.games().size(); i++) {
      Games games = data.games().get(i);
      subheading(out, COVERAGE, i, games.name());
      out.append("<p>").append(Markup.escape(figures.summary(games))).append("</p>\n");
      grid(out, figures.charts(games));
      if (data.isPublished(FirstCoveredYearTable.TABLE)) {
        out.append(tableBox(figures.firstYears(games))).append("\n");
      } else {
        missing(out, FirstCoveredYearTable.TABLE);
      }
    }
    out.append("</section>\n");
  }

  /** Cards side by side, as many as the page's width holds. */
  private static void grid(StringBuilder out, List<Figure> cards) {
    out.append("<div class=\"grid\">\n");
    for (Figure card : cards) {
      out.append("<div class=\"card\"><h4>").append(Markup.escape(card.heading())).append("</h4>")
          .append(card.chart().svg()).append(card.table() == null ? "" : tableBox(card.table())).append("</div>\n");
    }
    out.append("</div>\n");
  }

  /** A table in a box that scrolls sideways, so a wide table does not widen the page. */
  private static String tableBox(FigureTable table) {
    return "<div class=\"table-box\">" + table(table) + "</div>";
  }

  /** Every cell escaped: its text comes from data. */
  private static String table(FigureTable table) {
    StringBuilder out = new StringBuilder("<table><caption>").append(Markup.escape(table.caption()))
        .append("</caption><thead><tr>");
    List<String> head = table.head();
    int rowHeads = table.rowHeads();
    for (int i = 0; i < head.size(); i++) {
      out.append(i < rowHeads ? "<th scope=\"col\" class=\"row-head\">" : "<th scope=\"col\">")
          .append(Markup.escape(head.get(i))).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (List<String> row : table.body()) {
      out.append("<tr>");
      row.subList(0, rowHeads).forEach(c -> out.append("<th scope=\"row\">").append(Markup.escape(c)).append("</th>"));
      row.subList(rowHeads, row.size()).forEach(c -> out.append("<td>").append(Markup.escape(c)).append("</td>"));
      out.append("</tr>");
    }
    return out.append("</tbody></table>").toString();
  }
}
