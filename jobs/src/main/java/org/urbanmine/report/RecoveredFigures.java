package org.urbanmine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.urbanmine.report.ReportData.Recovered;
import org.urbanmine.report.SvgChart.Point;

/** The recovered section's figures, from recovery_by_country_year's rows. */
final class RecoveredFigures {
  private RecoveredFigures() {}

  /**
   * A source of the figures, with the countries and years it gives: the sample's EU figures are
   * estimates, and their source says so (estimate-...), so a reader can tell them from published
   * totals.
   */
  record Source(String name, SortedSet<String> countries, SortedSet<Integer> years) {}

  /** The sources by name. */
  static List<Source> sources(List<Recovered> recovered) {
    Map<String, SortedSet<String>> countries = new TreeMap<>();
    Map<String, SortedSet<Integer>> years = new TreeMap<>();
    for (Recovered r : recovered) {
      countries.computeIfAbsent(r.source(), s -> new TreeSet<>()).add(r.country());
      years.computeIfAbsent(r.source(), s -> new TreeSet<>()).add(r.year());
    }
    List<Source> out = new ArrayList<>();
    countries.forEach((source, names) -> out.add(new Source(source, names, years.get(source))));
    return out;
  }

  /**
   * One figure per metal: a line per country over the years, on a log scale since countries
   * differ by orders of magnitude, and a table with a column per country.
   */
  static List<Figure> byMetal(List<Recovered> recovered, SeriesColours colours) {
    Map<String, List<Recovered>> byMetal = PageOrder.grouped(recovered, Recovered::metal);
    List<Figure> figures = new ArrayList<>();
    for (String metal : PageOrder.metals(byMetal.keySet())) {
      List<Recovered> rows = byMetal.get(metal);
      String title = metal + " recovered by country, kg";
      Map<String, List<Recovered>> byCountry = new TreeMap<>(PageOrder.grouped(rows, Recovered::country));
      SvgChart.Builder chart = SvgChart.builder(title).logY(true);
      byCountry.forEach((country, points) -> chart.series(colours.scopeLine(country, country,
          points.stream().map(p -> new Point(p.year(), p.kg())).toList()).withMarkers()));
      figures.add(new Figure(metal, chart.build(), new FigureTable(title, head(byCountry.keySet()),
          body(rows, byCountry.keySet()))));
    }
    return figures;
  }

  private static List<String> head(Iterable<String> countries) {
    List<String> head = new ArrayList<>(List.of("year"));
    countries.forEach(head::add);
    return head;
  }

  /** A row per year any country has; a country without that year reads as {@link Figures#NONE}. */
  private static List<List<String>> body(List<Recovered> rows, Iterable<String> countries) {
    List<Integer> years = rows.stream().map(Recovered::year).distinct().sorted().toList();
    Map<String, Double> kg = rows.stream()
        .collect(Collectors.toMap(r -> r.country() + "|" + r.year(), Recovered::kg, Double::sum));
    return years.stream().map(year -> {
      List<String> row = new ArrayList<>(List.of(String.valueOf(year)));
      countries.forEach(c -> row.add(Figures.format(kg.get(c + "|" + year))));
      return row;
    }).toList();
  }
}
